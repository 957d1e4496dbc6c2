export const id = 236;
export const ids = [236];
export const modules = {

/***/ 3236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   storeRepositoryVariable: () => (/* binding */ storeRepositoryVariable)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);


/**
 * Stores `value` in a repository variable through @actions/github's Octokit; GITHUB_API_URL is
 * honoured (GitHub Enterprise Server). A JSON object is merged into the one already stored, so that
 * groups that failed this time keep their last link.
 */
async function storeRepositoryVariable(settings, value) {
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(settings.githubToken);
    const where = { owner: settings.owner, repo: settings.repo, name: settings.name };
    try {
        let existing;
        try {
            existing = (await octokit.rest.actions.getRepoVariable(where)).data.value;
        }
        catch (error) {
            if (statusOf(error) !== 404)
                throw error;
        }
        if (existing === undefined) {
            await octokit.rest.actions.createRepoVariable({ ...where, value: serialise(value) });
            return 'created';
        }
        await octokit.rest.actions.updateRepoVariable({ ...where, value: serialise(merged(existing, value)) });
        return 'updated';
    }
    catch (error) {
        throw new Error(explain(error, settings), { cause: error });
    }
}
function merged(existing, value) {
    if (typeof value === 'string')
        return value;
    try {
        const previous = JSON.parse(existing);
        if (typeof previous === 'object' && previous !== null && !Array.isArray(previous)) {
            return { ...previous, ...value };
        }
    }
    catch {
        // Not JSON: replace it.
    }
    return value;
}
function serialise(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
function explain(error, settings) {
    const target = `the repository variable ${settings.name} of ${settings.owner}/${settings.repo}`;
    const status = statusOf(error);
    switch (status) {
        case 401:
            return `Could not write ${target}: GitHub answered HTTP 401, so github-token is not a valid token. Check the secret.`;
        case 403:
            return (`Could not write ${target}: GitHub answered HTTP 403, so github-token may not write variables. ` +
                'The default GITHUB_TOKEN cannot; use a fine-grained token or a GitHub App token with "Variables: write" on this repository.');
        case 404:
            return `Could not write ${target}: GitHub answered HTTP 404, so the repository was not found or github-token cannot see it.`;
        default:
            return status === undefined
                ? `Could not write ${target}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)}`
                : `Could not write ${target}: GitHub answered HTTP ${status}.`;
    }
}


/***/ })

};

//# sourceMappingURL=236.index.js.map