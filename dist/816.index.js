export const id = 816;
export const ids = [816];
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


/***/ }),

/***/ 5816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qrCodePath: () => (/* binding */ qrCodePath),
/* harmony export */   writeQrCodes: () => (/* binding */ writeQrCodes)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var qrcode__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1302);
/* harmony import */ var _atomic_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3549);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8431);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3728);






/** `{group}` is the JID's user part (`120363406289005073`), or the invite code when no JID is known. */
function qrCodePath(template, groupJid, inviteCode) {
    const name = groupJid === '' ? inviteCode : groupJid.replace(/@g\.us$/, '');
    return template.replaceAll('{group}', name);
}
/**
 * Writes each QR code as PNG or SVG by extension, only inside `roots` once symbolic links are
 * resolved; every target is tried. The code is written to a new file in the real folder, then
 * renamed over the path: a symbolic link at the path is replaced, never written through.
 */
async function writeQrCodes(targets, roots, platform = _platform_js__WEBPACK_IMPORTED_MODULE_5__/* .CURRENT_PLATFORM */ .c) {
    const report = { written: [], failed: [] };
    const realRoots = await Promise.all(roots.map((root) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(root).catch(() => root)));
    for (const { path, inviteLink } of targets) {
        try {
            const folder = await realFolderWithin(path, roots, realRoots);
            await (0,_atomic_file_js__WEBPACK_IMPORTED_MODULE_3__/* .replaceFileAtomically */ .e)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)), await render(path, inviteLink), { platform });
            report.written.push(path);
        }
        catch (error) {
            report.failed.push({ path, reason: (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .fileErrorReason */ .Hs)(error) });
        }
    }
    return report;
}
/** The real folder of `path`, created if need be, once it is known to be inside a root. */
async function realFolderWithin(path, roots, realRoots) {
    const outside = new Error('its folder leads outside the workspace and RUNNER_TEMP');
    if (!roots.some((root) => (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isInside */ .FK)(root, path)))
        throw outside;
    const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path);
    // Check the deepest folder that exists before creating any below it, so that none is made outside.
    const existing = await deepestExisting(folder);
    if (!realRoots.some((root) => (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isWithin */ .UO)(root, existing)))
        throw outside;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(folder, { recursive: true });
    const real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(folder);
    if (!realRoots.some((root) => (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isWithin */ .UO)(root, real)))
        throw outside;
    return real;
}
async function deepestExisting(folder) {
    for (let current = folder;; current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(current)) {
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(current);
        }
        catch (error) {
            if (error.code !== 'ENOENT' || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(current) === current)
                throw error;
            // A broken symbolic link: mkdir would not say where it leads.
            const isLink = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(current).then(() => true, () => false);
            if (isLink)
                throw new Error('its folder is a broken symbolic link', { cause: error });
        }
    }
}
async function render(path, inviteLink) {
    const options = { errorCorrectionLevel: 'M', margin: 4 };
    return /\.svg$/i.test(path)
        ? Buffer.from(await qrcode__WEBPACK_IMPORTED_MODULE_2__.toString(inviteLink, { ...options, type: 'svg' }))
        : qrcode__WEBPACK_IMPORTED_MODULE_2__.toBuffer(inviteLink, { ...options, type: 'png', width: 512 });
}


/***/ })

};

//# sourceMappingURL=816.index.js.map