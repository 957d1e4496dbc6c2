export const id = 473;
export const ids = [473];
export const modules = {

/***/ 473:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runFollowUps: () => (/* binding */ runFollowUps)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5810);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _identifier_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8360);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8431);
/* harmony import */ var _outcome_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4671);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7729);







/** Runs each follow-up that is asked for, in turn; a failure is noted, and the steps after it still run. */
async function runFollowUps(settings, results, client, options) {
    const problems = [];
    const files = await attempt(problems, 'update-files', settings.updateFiles.length > 0, () => updateLinkedFiles(settings, results));
    const qrCodes = await attempt(problems, 'qr-code', settings.qrCode !== undefined, () => writeGroupQrCodes(settings, results));
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_5__/* .publishFileLists */ .dv)(settings.updateFiles.length > 0 ? (files?.updatedFiles ?? []) : undefined, settings.qrCode === undefined ? undefined : (qrCodes?.written ?? []));
    problems.push(...fileFailures(files, qrCodes));
    await attempt(problems, 'variable', settings.variable !== undefined, () => storeVariable(settings, results));
    const announced = await attempt(problems, 'announce-to', settings.announce !== undefined, () => announce(settings, results, client, options));
    (0,_outputs_js__WEBPACK_IMPORTED_MODULE_5__/* .publishAnnouncements */ .Mb)(announced?.announcements);
    problems.push(...(announced?.problems ?? []).map((message) => ({ title: 'announce-to', message })));
    return {
        problems,
        filesByGroup: settings.updateFiles.length > 0 && !settings.dryRun ? results.map((result) => filesOf(result, files)) : undefined,
        announcements: announced?.summary
    };
}
/** Runs one follow-up step when its input is set; a failure is noted, and the steps after it still run. */
async function attempt(problems, input, inUse, step) {
    if (!inUse)
        return undefined;
    const started = Date.now();
    const took = () => `${Date.now() - started} ms`;
    try {
        const result = await step();
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`Follow-up ${input}: done in ${took()}.`);
        return result;
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`Follow-up ${input}: failed after ${took()}.`);
        problems.push({ title: input, message: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error) });
        return undefined;
    }
}
async function updateLinkedFiles(settings, results) {
    if (settings.updateFiles.length === 0)
        return undefined;
    if (settings.dryRun) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('Dry run: no file is updated.');
        return undefined;
    }
    const changes = results.flatMap((result) => {
        const oldCode = previousCodeOf(result);
        return oldCode && (0,_outcome_js__WEBPACK_IMPORTED_MODULE_6__/* .hasLink */ .p)(result) ? [{ oldCode, newLink: result.inviteLink }] : [];
    });
    const { updateFiles } = await Promise.all(/* import() */[__webpack_require__.e(427), __webpack_require__.e(994)]).then(__webpack_require__.bind(__webpack_require__, 6994));
    const report = await updateFiles(settings.updateFiles, settings.workspace, changes);
    for (const { file, reason } of report.skipped)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Skipped ${file}: ${reason}.`);
    for (const { file, reason } of report.failed)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not update ${file}: ${reason}.`);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(report.updatedFiles.length === 0
        ? 'No file matched by update-files held a replaced link.'
        : `Updated ${report.updatedFiles.length} file(s): ${report.updatedFiles.join(', ')}`);
    return report;
}
/** Writes the QR codes; the paths in the report are shown with `/`, relative to the workspace when inside it. */
async function writeGroupQrCodes(settings, results) {
    const qrCode = settings.qrCode;
    if (qrCode === undefined)
        return undefined;
    const { qrCodePath, writeQrCodes } = await Promise.all(/* import() */[__webpack_require__.e(302), __webpack_require__.e(816)]).then(__webpack_require__.bind(__webpack_require__, 5816));
    const targets = results.filter(_outcome_js__WEBPACK_IMPORTED_MODULE_6__/* .hasLink */ .p).map((result) => ({
        path: qrCodePath(qrCode.template, result.groupJid, result.inviteCode),
        inviteLink: result.inviteLink
    }));
    const report = await writeQrCodes(targets, qrCode.roots);
    const shown = {
        written: report.written.map((path) => relativeToWorkspace(path, settings.workspace)),
        failed: report.failed.map(({ path, reason }) => ({ path: relativeToWorkspace(path, settings.workspace), reason }))
    };
    if (shown.written.length > 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Wrote the QR code(s): ${shown.written.join(', ')}`);
    return shown;
}
/** What the file follow-ups could not do, once every file has been tried: one failure each. */
function fileFailures(files, qrCodes) {
    const problems = (qrCodes?.failed ?? []).map(({ path, reason }) => ({
        title: 'qr-code',
        message: `Could not write the QR code ${path}: ${reason}.`
    }));
    const failed = files?.failed.map(({ file }) => file) ?? [];
    if (failed.length > 0) {
        problems.unshift({
            title: 'update-files',
            message: `update-files could not update ${failed.length} file${failed.length === 1 ? '' : 's'}: ${failed.join(', ')} (see the warnings).`
        });
    }
    return problems;
}
async function storeVariable(settings, results) {
    const variable = settings.variable;
    if (variable === undefined)
        return;
    if (settings.dryRun) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Dry run: the repository variable ${variable.name} is left as it is.`);
        return;
    }
    const reset = results.filter((result) => result.status === 'reset');
    const [only] = reset;
    if (only === undefined)
        return;
    const { storeRepositoryVariable } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(351), __webpack_require__.e(236)]).then(__webpack_require__.bind(__webpack_require__, 3236));
    if (variable.name.includes('{group}')) {
        const { storeGroupVariables } = await __webpack_require__.e(/* import() */ 360).then(__webpack_require__.bind(__webpack_require__, 1360));
        return storeGroupVariables(variable, reset, storeRepositoryVariable);
    }
    const value = results.length === 1
        ? only.inviteLink
        : Object.fromEntries(reset.map((result) => [result.groupJid || result.group, result.inviteLink]));
    const how = await storeRepositoryVariable(variable, value);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${how === 'created' ? 'Created' : 'Updated'} the repository variable ${variable.name}.`);
}
/** Sends the new links to the chats of announce-to, when it is set. */
async function announce(settings, results, client, options) {
    if (settings.announce === undefined)
        return undefined;
    const { announceLinks } = await __webpack_require__.e(/* import() */ 592).then(__webpack_require__.bind(__webpack_require__, 5592));
    return announceLinks(settings.announce, results, client, {
        ...options,
        dryRun: settings.dryRun,
        masked: settings.maskInviteLink,
        policy: settings
    });
}
function filesOf(result, report) {
    const oldCode = previousCodeOf(result);
    return (oldCode && report?.filesByOldCode.get(oldCode)) || [];
}
function previousCodeOf(result) {
    return result.status === 'reset' && result.previousInviteLink
        ? (0,_identifier_js__WEBPACK_IMPORTED_MODULE_3__/* .inviteCodeFromLink */ .Nw)(result.previousInviteLink)
        : undefined;
}
/** A path inside the workspace as users write it; one outside in full. Both with `/`. */
function relativeToWorkspace(path, workspace) {
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(workspace, path);
    return (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .portablePath */ .T9)(inside === '' || inside.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(inside) ? path : inside);
}


/***/ }),

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


/***/ })

};

//# sourceMappingURL=473.index.js.map