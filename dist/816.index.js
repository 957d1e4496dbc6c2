export const id = 816;
export const ids = [816];
export const modules = {

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



/** `{group}` is the JID's user part (`120363406289005073`), or the invite code when no JID is known. */
function qrCodePath(template, groupJid, inviteCode) {
    const name = groupJid === '' ? inviteCode : groupJid.replace(/@g\.us$/, '');
    return template.replaceAll('{group}', name);
}
/** Writes each QR code as PNG or SVG by extension. */
async function writeQrCodes(targets) {
    const written = [];
    for (const { path, inviteLink } of targets) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true });
        if (/\.svg$/i.test(path)) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, await qrcode__WEBPACK_IMPORTED_MODULE_2__.toString(inviteLink, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
        }
        else {
            await qrcode__WEBPACK_IMPORTED_MODULE_2__.toFile(path, inviteLink, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 512 });
        }
        written.push(path);
    }
    return written;
}


/***/ })

};

//# sourceMappingURL=816.index.js.map