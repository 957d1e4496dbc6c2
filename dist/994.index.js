export const id = 994;
export const ids = [994];
export const modules = {

/***/ 3549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ replaceFileAtomically)
/* harmony export */ });
/* unused harmony export LOCKED_RENAME_PATIENCE_MS */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3728);





/*
 * On Windows an editor, an indexer or a virus scanner that holds the file open makes the rename
 * fail with EPERM, EBUSY or EACCES until it lets go. graceful-fs tries such a rename again with a
 * backoff growing by 10 ms up to 100 ms, for up to a minute; a workflow step waits 3 s at most.
 * This wait is for the file system, not RyzeAPI, and stays off the default path: hence here, not
 * in retry.ts.
 */
const LOCK_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);
const LOCKED_RENAME_PATIENCE_MS = 3000;
const BACKOFF_STEP_MS = 10;
const MAX_BACKOFF_MS = 100;
/**
 * Writes `content` to a new file beside `path`, then renames it over `path`: a reader never sees
 * half a file, and a symbolic link at `path` is replaced rather than written through. The new file
 * is created exclusively (O_EXCL, CREATE_NEW on Windows), so it is never a link someone put there.
 */
async function replaceFileAtomically(path, content, options = {}) {
    const { mode, platform = _platform_js__WEBPACK_IMPORTED_MODULE_4__/* .CURRENT_PLATFORM */ .c, wait = node_timers_promises__WEBPACK_IMPORTED_MODULE_3__.setTimeout } = options;
    const temporary = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path)}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
        if (mode !== undefined)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(temporary, mode);
        await renameWaitingForLocks(temporary, path, platform, wait);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true }).catch(() => undefined);
        throw error;
    }
}
async function renameWaitingForLocks(from, to, platform, wait) {
    let waitedMs = 0;
    for (let backoffMs = BACKOFF_STEP_MS;; backoffMs = Math.min(backoffMs + BACKOFF_STEP_MS, MAX_BACKOFF_MS)) {
        try {
            await platform.rename(from, to);
            return;
        }
        catch (error) {
            const code = error.code ?? '';
            if (!platform.renameWaitsForLocks || !LOCK_CODES.has(code))
                throw error;
            if (waitedMs >= LOCKED_RENAME_PATIENCE_MS) {
                // No ", " in the message: fileErrorReason keeps what comes before the first one.
                throw new Error(`${code}: it could not be replaced for ${LOCKED_RENAME_PATIENCE_MS / 1000} s; another program may hold it open or it is read-only`, { cause: error });
            }
            const ms = Math.min(backoffMs, LOCKED_RENAME_PATIENCE_MS - waitedMs);
            await wait(ms);
            waitedMs += ms;
        }
    }
}


/***/ }),

/***/ 1265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ rootedPattern),
/* harmony export */   W: () => (/* binding */ globRefuses)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/*
 * `update-files` patterns as @actions/glob sees them. Settings must refuse, before any request,
 * every pattern that the library would refuse only later, once the links are reset; the library
 * can only be asked asynchronously, and is kept off the default path, so its rules are restated
 * here. __tests__/file-patterns.test.ts checks that both agree.
 */
const WINDOWS = process.platform === 'win32';
// minimatch refuses longer patterns.
const MAX_PATTERN_LENGTH = 64 * 1024;
/** The pattern rooted at the workspace, as it is handed to @actions/glob; `!` still excludes. */
function rootedPattern(workspace, pattern) {
    return pattern.startsWith('!') ? `!${(0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(workspace, pattern.slice(1))}` : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(workspace, pattern);
}
/** Whether @actions/glob would refuse the rooted pattern: a `.` or `..` segment, once unescaped. */
function globRefuses(rooted) {
    if (rooted.length > MAX_PATTERN_LENGTH)
        return true;
    let pattern = rooted.trim();
    while (pattern.startsWith('!'))
        pattern = pattern.slice(1).trim();
    if (pattern === '')
        return true;
    const segments = pattern.split(WINDOWS ? /[\\/]/ : '/');
    return segments.some((segment, index) => {
        const literal = literalOf(segment);
        return literal === '..' || (literal === '.' && index > 0);
    });
}
/**
 * The segment as a literal name, or '' when it holds a wildcard: `\x` is `x` (except on Windows),
 * and a one-character set `[.]` is that character. The library's own Pattern.getLiteral, restated.
 */
function literalOf(segment) {
    let literal = '';
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        if (c === '\\' && !WINDOWS && i + 1 < segment.length) {
            literal += segment[++i];
            continue;
        }
        if (c === '*' || c === '?')
            return '';
        if (c === '[' && i + 1 < segment.length) {
            const set = characterSet(segment, i + 1);
            if (set !== undefined) {
                if (set.characters.length > 1)
                    return '';
                if (set.characters !== '') {
                    literal += set.characters;
                    i = set.closedAt;
                    continue;
                }
            }
        }
        literal += c;
    }
    return literal;
}
function characterSet(segment, from) {
    let characters = '';
    for (let i = from; i < segment.length; i++) {
        const c = segment[i];
        if (c === '\\' && !WINDOWS && i + 1 < segment.length) {
            characters += segment[++i];
            continue;
        }
        if (c === ']')
            return { characters, closedAt: i };
        characters += c;
    }
    return undefined;
}


/***/ }),

/***/ 6994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   updateFiles: () => (/* binding */ updateFiles)
/* harmony export */ });
/* unused harmony exports MAX_FILE_BYTES, readRegularFile, replaceInviteLink */
/* harmony import */ var _actions_glob__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4427);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _atomic_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3549);
/* harmony import */ var _file_patterns_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1265);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8431);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3728);
/* harmony import */ var _text_safety_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2243);









/**
 * Files holding invite links are pages, docs and configuration, far below this; a larger file is
 * generated data or media, and reading it whole would cost its size in memory several times over.
 */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000;
/**
 * Replaces old invite links with new ones in the files the patterns match. Every file is tried: a
 * failure is noted and the next file is tried. Each file is rewritten atomically and keeps its mode;
 * its bytes are handled as latin1, so every byte other than the links (encodings, BOMs, CRLF) stays.
 * A file whose real path (symbolic links resolved) is outside the workspace is never touched.
 */
async function updateFiles(patterns, workspace, changes, platform = _platform_js__WEBPACK_IMPORTED_MODULE_7__/* .CURRENT_PLATFORM */ .c) {
    const report = { updatedFiles: [], filesByOldCode: new Map(), skipped: [], failed: [] };
    if (patterns.length === 0 || changes.length === 0)
        return report;
    const globber = await (0,_actions_glob__WEBPACK_IMPORTED_MODULE_0__/* .create */ .v)(patterns.map((pattern) => (0,_file_patterns_js__WEBPACK_IMPORTED_MODULE_5__/* .rootedPattern */ .A)(workspace, pattern)).join('\n'), {
        followSymbolicLinks: false,
        matchDirectories: false
    });
    const realWorkspace = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(workspace);
    for (const path of await globber.glob()) {
        if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .isInside */ .FK)(workspace, path))
            continue;
        const file = (0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .portablePath */ .T9)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(workspace, path), platform.separator);
        // Such a name would break the one-per-line updated-files output, or mislead the log line naming it.
        if ((0,_text_safety_js__WEBPACK_IMPORTED_MODULE_8__/* .findUnprintable */ .Q3)(file) !== undefined)
            continue;
        try {
            const outcome = await updateFile(path, realWorkspace, changes, platform);
            if (typeof outcome === 'string') {
                report.skipped.push({ file, reason: outcome });
                continue;
            }
            if (outcome.length === 0)
                continue;
            report.updatedFiles.push(file);
            for (const oldCode of outcome) {
                report.filesByOldCode.set(oldCode, [...(report.filesByOldCode.get(oldCode) ?? []), file]);
            }
        }
        catch (error) {
            report.failed.push({ file, reason: (0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .fileErrorReason */ .Hs)(error) });
        }
    }
    return report;
}
/** The old codes replaced in the file (none: nothing to change), or why it was skipped. */
async function updateFile(path, realWorkspace, changes, platform) {
    // Check the type before opening: opening a named pipe would wait for a writer, and where there is
    // no O_NOFOLLOW (Windows) this and the identity check after opening keep links from being followed.
    const stats = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(path, { bigint: true });
    if (stats.isSymbolicLink())
        return 'it is a symbolic link, which is not followed';
    if (!stats.isFile())
        return 'it is not a regular file';
    const realDirectory = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path));
    if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .isWithin */ .UO)(realWorkspace, realDirectory))
        return 'its real path is outside the workspace';
    if (stats.size > MAX_FILE_BYTES)
        return tooLarge();
    const realPath = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(realDirectory, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(path));
    const content = await readRegularFile(realPath, stats, platform);
    if (content === undefined)
        return 'it changed while being read';
    if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0))
        return 'it looks like a binary file';
    let text = content.toString('latin1');
    const replacedCodes = [];
    for (const change of changes) {
        const replaced = replaceInviteLink(text, change.oldCode, change.newLink);
        if (replaced.count === 0)
            continue;
        text = replaced.text;
        replacedCodes.push(change.oldCode);
    }
    if (replacedCodes.length > 0) {
        const mode = Number(stats.mode & 4095n);
        await (0,_atomic_file_js__WEBPACK_IMPORTED_MODULE_4__/* .replaceFileAtomically */ .e)(realPath, Buffer.from(text, 'latin1'), { mode, platform });
    }
    return replacedCodes;
}
function tooLarge() {
    return `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`;
}
/**
 * Reads the file the checks above were made on (`checked`), or undefined if it is no longer that
 * file. Where they exist, O_NOFOLLOW refuses a symbolic link put there since and O_NONBLOCK keeps a
 * named pipe from blocking the open (Windows has neither, and no named pipes among files). On every
 * system the open file must be the same regular file (device and inode compared in full), no
 * larger than it was: at most one byte more is read.
 */
async function readRegularFile(path, checked, platform = _platform_js__WEBPACK_IMPORTED_MODULE_7__/* .CURRENT_PLATFORM */ .c) {
    const size = Number(checked.size);
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | (platform.noFollow ?? 0) | (platform.nonBlock ?? 0));
    }
    catch (error) {
        if (error.code === 'ELOOP')
            return undefined;
        throw error;
    }
    try {
        const stats = await handle.stat({ bigint: true });
        if (!stats.isFile() || stats.ino !== checked.ino || stats.dev !== checked.dev)
            return undefined;
        const buffer = Buffer.alloc(size + 1);
        let length = 0;
        while (length < buffer.length) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        return length > size ? undefined : buffer.subarray(0, length);
    }
    finally {
        await handle.close();
    }
}
/**
 * Replaces every occurrence of the invite link with code `oldCode`, in any form people write it
 * (with or without https://, www. or /invite/), by `newLink`. Links of other groups are left alone,
 * including those whose code merely starts with `oldCode`.
 */
function replaceInviteLink(text, oldCode, newLink) {
    const pattern = new RegExp(`(?<![\\w./-])(?:https?://)?(?:www\\.)?chat\\.whatsapp\\.com/(?:invite/)?${oldCode}(?![A-Za-z0-9])`, 'gi');
    let count = 0;
    const replaced = text.replace(pattern, (match) => {
        // The host is case-insensitive; the code is not.
        if (!match.endsWith(oldCode))
            return match;
        count++;
        return newLink;
    });
    return { text: replaced, count };
}


/***/ }),

/***/ 3728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ CURRENT_PLATFORM)
/* harmony export */ });
/* unused harmony export filePlatform */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



function filePlatform(system = process.platform, flags = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants, separator = node_path__WEBPACK_IMPORTED_MODULE_2__.sep) {
    return {
        noFollow: flags.O_NOFOLLOW,
        nonBlock: flags.O_NONBLOCK,
        renameWaitsForLocks: system === 'win32',
        separator,
        rename: node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename
    };
}
const CURRENT_PLATFORM = filePlatform();


/***/ })

};

//# sourceMappingURL=994.index.js.map