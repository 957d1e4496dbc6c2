export const id = 236;
export const ids = [236];
export const modules = {

/***/ 3236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   storeRepositoryVariable: () => (/* binding */ storeRepositoryVariable)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1351);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8665);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);



/** GitHub's documented success for each call; any other status means nothing was read or stored. */
const SUCCESS = { read: 200, create: 201, update: 204 };
/** A status that is not the documented success, so that the caller cannot count it as one. */
class UnexpectedStatus extends Error {
    status;
    constructor(status) {
        super(`GitHub answered HTTP ${status}`);
        this.status = status;
    }
}
/**
 * Stores `value` in a repository variable through @actions/github's Octokit; GITHUB_API_URL is
 * honoured (GitHub Enterprise Server). A link is written without reading first (update, else
 * create), so that jobs writing variables at once never undo each other's writes. A JSON object is
 * merged into the one already stored, so that groups that failed this time keep their last link.
 */
async function storeRepositoryVariable(settings, value) {
    // Octokit's fetch follows redirects, carrying the token along; 'manual' hands the 3xx back instead.
    // The whole `request` object replaces the default one, so @actions/github's proxy-aware fetch is kept.
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(settings.githubToken, { request: { ..._actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request, redirect: 'manual' } });
    const where = { owner: settings.owner, repo: settings.repo, name: settings.name };
    const update = async (stored) => {
        expectStatus(await octokit.rest.actions.updateRepoVariable({ ...where, value: stored }), SUCCESS.update);
        return 'updated';
    };
    const create = async (stored) => {
        expectStatus(await octokit.rest.actions.createRepoVariable({ ...where, value: stored }), SUCCESS.create);
        return 'created';
    };
    try {
        if (typeof value === 'string')
            return await updateOrCreate(value, update, create);
        let existing;
        try {
            existing = expectStatus(await octokit.rest.actions.getRepoVariable(where), SUCCESS.read).data.value;
        }
        catch (error) {
            if (statusOf(error) !== 404)
                throw error;
        }
        return existing === undefined ? await create(serialise(value)) : await update(serialise(merged(existing, value)));
    }
    catch (error) {
        throw new Error(explain(error, settings), { cause: error });
    }
}
/** Update, else create; a create that finds the variable made meanwhile (409) updates it after all. */
async function updateOrCreate(value, update, create) {
    try {
        return await update(value);
    }
    catch (error) {
        if (statusOf(error) !== 404)
            throw error;
    }
    try {
        return await create(value);
    }
    catch (error) {
        if (statusOf(error) !== 409)
            throw error;
        return update(value);
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
function expectStatus(response, status) {
    if (response.status === status)
        return response;
    throw new UnexpectedStatus(response.status);
}
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
function explain(error, settings) {
    const target = `the repository variable ${settings.name} of ${settings.owner}/${settings.repo}`;
    const status = statusOf(error);
    if (error instanceof UnexpectedStatus) {
        return status !== undefined && status >= 300 && status < 400
            ? `Could not write ${target}: GitHub answered HTTP ${status}, a redirect, which is not followed so that github-token ` +
                'reaches no other address; nothing was stored. Check GITHUB_API_URL.'
            : `Could not write ${target}: GitHub answered HTTP ${status}, which is not the documented success; nothing was stored.`;
    }
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
                ? `Could not write ${target}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(error)}`
                : `Could not write ${target}: GitHub answered HTTP ${status}.`;
    }
}


/***/ })

};

//# sourceMappingURL=236.index.js.map