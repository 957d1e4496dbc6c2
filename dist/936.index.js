export const id = 936;
export const ids = [936];
export const modules = {

/***/ 731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ replaceFileAtomically)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Writes `content` to a new file beside `path`, then renames it over `path`: a reader never sees
 * half a file, and a symbolic link at `path` is replaced rather than written through. With `mode`,
 * the new file gets exactly that mode (the umask may have narrowed it).
 */
async function replaceFileAtomically(path, content, mode) {
    const temporary = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path)}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
        if (mode !== undefined)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(temporary, mode);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temporary, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temporary, { force: true }).catch(() => undefined);
        throw error;
    }
}


/***/ }),

/***/ 8936:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   updateFiles: () => (/* binding */ updateFiles)
/* harmony export */ });
/* unused harmony export MAX_FILE_BYTES */
/* harmony import */ var _actions_glob__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2939);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _atomic_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(731);
/* harmony import */ var _file_patterns_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2219);
/* harmony import */ var _identifier_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3330);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7349);








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
async function updateFiles(patterns, workspace, changes) {
    const report = { updatedFiles: [], filesByOldCode: new Map(), skipped: [], failed: [] };
    if (patterns.length === 0 || changes.length === 0)
        return report;
    const globber = await (0,_actions_glob__WEBPACK_IMPORTED_MODULE_0__/* .create */ .v)(patterns.map((pattern) => (0,_file_patterns_js__WEBPACK_IMPORTED_MODULE_5__/* .rootedPattern */ .A)(workspace, pattern)).join('\n'), {
        followSymbolicLinks: false,
        matchDirectories: false
    });
    const realWorkspace = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(workspace);
    for (const path of await globber.glob()) {
        if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .isInside */ .FK)(workspace, path))
            continue;
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(workspace, path);
        // Such a name would break the one-per-line updated-files output, or the log line naming it.
        if (/[\u0000-\u001f\u007f]/.test(file))
            continue;
        try {
            const outcome = await updateFile(path, realWorkspace, changes);
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
            report.failed.push({ file, reason: (0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .fileErrorReason */ .Hs)(error) });
        }
    }
    return report;
}
/** The old codes replaced in the file (none: nothing to change), or why it was skipped. */
async function updateFile(path, realWorkspace, changes) {
    // Check the type before opening: opening a named pipe would wait for a writer.
    const stats = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(path);
    if (stats.isSymbolicLink())
        return 'it is a symbolic link, which is not followed';
    if (!stats.isFile())
        return 'it is not a regular file';
    const realDirectory = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path));
    if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_7__/* .isWithin */ .UO)(realWorkspace, realDirectory))
        return 'its real path is outside the workspace';
    if (stats.size > MAX_FILE_BYTES)
        return tooLarge();
    const realPath = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(realDirectory, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(path));
    const content = await readRegularFile(realPath, stats.ino, stats.size);
    if (content === undefined)
        return 'it changed while being read';
    if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0))
        return 'it looks like a binary file';
    let text = content.toString('latin1');
    const replacedCodes = [];
    for (const change of changes) {
        const replaced = (0,_identifier_js__WEBPACK_IMPORTED_MODULE_6__/* .replaceInviteLink */ .o2)(text, change.oldCode, change.newLink);
        if (replaced.count === 0)
            continue;
        text = replaced.text;
        replacedCodes.push(change.oldCode);
    }
    if (replacedCodes.length > 0)
        await (0,_atomic_file_js__WEBPACK_IMPORTED_MODULE_4__/* .replaceFileAtomically */ .e)(realPath, Buffer.from(text, 'latin1'), stats.mode & 0o7777);
    return replacedCodes;
}
function tooLarge() {
    return `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`;
}
/**
 * Reads the file the checks above were made on, or undefined if it is no longer that file: O_NOFOLLOW
 * refuses a symbolic link put there since, O_NONBLOCK keeps a named pipe from blocking the open, and
 * the open file must be the same regular file, no larger than it was (at most one byte more is read).
 */
async function readRegularFile(path, inode, size) {
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NONBLOCK);
    }
    catch (error) {
        if (error.code === 'ELOOP')
            return undefined;
        throw error;
    }
    try {
        const stats = await handle.stat();
        if (!stats.isFile() || stats.ino !== inode)
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


/***/ })

};

//# sourceMappingURL=936.index.js.map