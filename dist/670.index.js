export const id = 670;
export const ids = [670];
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

/***/ 7670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qrCodePath: () => (/* binding */ qrCodePath),
/* harmony export */   writeQrCodes: () => (/* binding */ writeQrCodes)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var qrcode__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5590);
/* harmony import */ var _atomic_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(731);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7349);





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
async function writeQrCodes(targets, roots) {
    const report = { written: [], failed: [] };
    const realRoots = await Promise.all(roots.map((root) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(root).catch(() => root)));
    for (const { path, inviteLink } of targets) {
        try {
            const folder = await realFolderWithin(path, roots, realRoots);
            await (0,_atomic_file_js__WEBPACK_IMPORTED_MODULE_3__/* .replaceFileAtomically */ .e)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)), await render(path, inviteLink));
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

//# sourceMappingURL=670.index.js.map