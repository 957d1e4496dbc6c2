export const id = 994;
export const ids = [994];
export const modules = {

/***/ 6994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   updateFiles: () => (/* binding */ updateFiles)
/* harmony export */ });
/* harmony import */ var _actions_glob__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4427);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _identifier_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8360);





const BINARY_SNIFF_BYTES = 8000;
/**
 * Replaces old invite links with new ones in the files the patterns match. Each file is rewritten
 * atomically and keeps its mode; its bytes are handled as latin1, so every byte other than the
 * links (encodings, BOMs, CRLF) stays as it was.
 */
async function updateFiles(patterns, workspace, changes) {
    const report = { updatedFiles: [], filesByOldCode: new Map(), skippedBinary: [] };
    if (patterns.length === 0 || changes.length === 0)
        return report;
    const rooted = patterns.map((pattern) => pattern.startsWith('!') ? `!${(0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(workspace, pattern.slice(1))}` : (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(workspace, pattern));
    const globber = await (0,_actions_glob__WEBPACK_IMPORTED_MODULE_0__/* .create */ .v)(rooted.join('\n'), { followSymbolicLinks: false, matchDirectories: false });
    for (const path of await globber.glob()) {
        const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(workspace, path);
        if (inside === '' || inside.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_3__.sep}`) || inside === '..')
            continue;
        // Such a name would break the one-per-line updated-files output, or the log line naming it.
        if (/[\u0000-\u001f\u007f]/.test(inside))
            continue;
        const stats = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(path);
        if (!stats.isFile())
            continue;
        if (await looksBinary(path)) {
            report.skippedBinary.push(inside);
            continue;
        }
        let text = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(path)).toString('latin1');
        let changed = false;
        for (const change of changes) {
            const replaced = (0,_identifier_js__WEBPACK_IMPORTED_MODULE_4__/* .replaceInviteLink */ .o2)(text, change.oldCode, change.newLink);
            if (replaced.count === 0)
                continue;
            text = replaced.text;
            changed = true;
            const files = report.filesByOldCode.get(change.oldCode) ?? [];
            files.push(inside);
            report.filesByOldCode.set(change.oldCode, files);
        }
        if (!changed)
            continue;
        await writeAtomically(path, Buffer.from(text, 'latin1'), stats.mode & 0o7777);
        report.updatedFiles.push(inside);
    }
    return report;
}
async function looksBinary(path) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, 'r');
    try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(BINARY_SNIFF_BYTES), 0, BINARY_SNIFF_BYTES, 0);
        return buffer.subarray(0, bytesRead).includes(0);
    }
    finally {
        await handle.close();
    }
}
/** Writes beside the file, then renames over it: a reader never sees half a file. */
async function writeAtomically(path, content, mode) {
    const temporary = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(path)}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(temporary, content, { mode });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.chmod)(temporary, mode); // the umask may have narrowed it
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temporary, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temporary, { force: true });
        throw error;
    }
}


/***/ })

};

//# sourceMappingURL=994.index.js.map