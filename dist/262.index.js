export const id = 262;
export const ids = [262];
export const modules = {

/***/ 5262:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseVariable: () => (/* binding */ parseVariable)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _text_safety_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2243);


function parseVariable(raw, githubToken, repository) {
    const name = raw.trim();
    if (name === '')
        return undefined;
    // {group} becomes a JID's digits (see variable-name.ts): the worst case is a name starting with one.
    const worstCase = name.replaceAll('{group}', '0');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(worstCase) || /^GITHUB_/i.test(worstCase)) {
        const perGroup = worstCase !== name ? ', where {group} becomes digits, so it cannot come first' : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('variable', `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_1__/* .quotedInput */ .bY)(name)}; expected a variable name of letters, digits and underscores, not starting with a digit or GITHUB_${perGroup}, such as WHATSAPP_LINK or WHATSAPP_LINK_{group}`);
    }
    if (githubToken === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('github-token', 'is empty, but "variable" is set; expected a token that may write repository variables (Variables: write)');
    }
    const [owner, repo, ...rest] = (repository ?? '').split('/');
    if (!owner || !repo || rest.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('variable', 'is set, but GITHUB_REPOSITORY does not name a repository (owner/name)');
    }
    return { name, githubToken, owner, repo };
}


/***/ })

};

//# sourceMappingURL=262.index.js.map