export const id = 337;
export const ids = [337];
export const modules = {

/***/ 8431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $y: () => (/* binding */ staysInRoots),
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   Hs: () => (/* binding */ fileErrorReason),
/* harmony export */   T9: () => (/* binding */ portablePath),
/* harmony export */   UO: () => (/* binding */ isWithin)
/* harmony export */ });
/* unused harmony export realPathOrSelf */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** Whether `path` is below `root` (not `root` itself), comparing the paths as written. */
function isInside(root, path) {
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path);
    return inside !== '' && inside !== '..' && !inside.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inside);
}
/** The path with `/` between its parts, as the outputs list it on every system. */
function portablePath(path, separator = node_path__WEBPACK_IMPORTED_MODULE_1__.sep) {
    return separator === '/' ? path : path.split(separator).join('/');
}
/** `root` itself, or below it. */
function isWithin(root, path) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path) === '' || isInside(root, path);
}
/** `EACCES: permission denied` from Node's `EACCES: permission denied, open '/x'`: the caller names the file. */
function fileErrorReason(error) {
    const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    return message.split(', ')[0];
}
/** The real path of `path`, or `path` itself when it does not exist (yet). */
function realPathOrSelf(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch {
        return path;
    }
}
/**
 * Whether `folder` is in one of `roots`, and the part of it that exists stays in one of them once
 * symbolic links are resolved. Nothing below a root that does not exist yet can lead elsewhere.
 */
function staysInRoots(roots, folder) {
    const root = roots.find((candidate) => isWithin(candidate, folder));
    if (root === undefined)
        return false;
    for (let current = folder; isWithin(root, current); current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(current)) {
        try {
            const real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(current);
            return roots.some((candidate) => isWithin(realPathOrSelf(candidate), real));
        }
        catch {
            // Not there yet: look at the folder above it.
        }
    }
    return true;
}


/***/ }),

/***/ 9337:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseQrCodePath: () => (/* binding */ parseQrCodePath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8431);
/* harmony import */ var _text_safety_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2243);




/** A QR code may be written in the workspace, or in the runner's temporary folder (RUNNER_TEMP). */
function parseQrCodePath(raw, groupCount, workspace, runnerTemp) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if (!/\.(png|svg)$/i.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('qr-code', `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_3__/* .quotedInput */ .bY)(value)}; expected a file path ending in .png or .svg`);
    }
    if (groupCount > 1 && !value.includes('{group}')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('qr-code', `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_3__/* .quotedInput */ .bY)(value)} without {group}; with several groups, expected a path such as qr/{group}.png`);
    }
    // {group} becomes digits, hyphens or an invite code's letters: it cannot lead anywhere else.
    const template = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, value);
    const roots = runnerTemp ? [workspace, (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(runnerTemp)] : [workspace];
    // The folder as it is on disk now, symbolic links resolved: a link leading out is refused before
    // any request (the part that {group} names is checked again when the file is written).
    const fixedFolder = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)(`${template.split('{group}')[0]}x`);
    if (!roots.some((root) => (0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .FK)(root, template)) || !(0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .staysInRoots */ .$y)(roots, fixedFolder)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('qr-code', `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_3__/* .quotedInput */ .bY)(value)}, which is outside the workspace and RUNNER_TEMP; expected a path inside one of them, such as qr/{group}.png`);
    }
    return { template, roots };
}


/***/ })

};

//# sourceMappingURL=337.index.js.map