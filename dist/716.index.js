export const id = 716;
export const ids = [716];
export const modules = {

/***/ 716:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   listCommunity: () => (/* binding */ listCommunity)
/* harmony export */ });
/* unused harmony export MAX_COMMUNITY_SUBGROUPS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9809);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7194);



/**
 * WhatsApp allows 100 groups in a community, its announcements group included. An answer that lists
 * more distinct subgroups is not a real community: it is refused whole rather than obeyed.
 */
const MAX_COMMUNITY_SUBGROUPS = 100;
/**
 * The subgroups a `community:<JID>` line stands for, checked before anything is reset: the answer
 * must be about the community asked; the community itself, the announcements group and any
 * subgroup the answer does not plainly call an ordinary one (`isDefaultSubGroup: false`) are left
 * out, with why; a subgroup listed twice is one.
 */
async function listCommunity(line, client, options) {
    const failure = (error) => ({
        failure: { group: line.input, groupJid: '', community: line.communityJid, status: 'failed', error }
    });
    let listed;
    try {
        listed = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)(() => client.listSubGroups(line.communityJid, options.signal), {
            policy: options.policy,
            signal: options.signal,
            onRetry: (notice) => options.onRetry?.(notice, line.input)
        });
    }
    catch (error) {
        return failure((0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .redactSecrets */ .fp)((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .withNote */ .dW)(error, 'Nothing was reset.'))));
    }
    if (listed.communityJid === undefined || asGroupJid(listed.communityJid) !== line.communityJid) {
        return failure(`RyzeAPI's list of subgroups is about ${listed.communityJid === undefined ? 'no named community' : `another community (${listed.communityJid})`}, ` +
            `not ${line.communityJid}, so it is not used. Nothing was reset.`);
    }
    const distinct = [...new Map(listed.subgroups.map((subgroup) => [subgroup.jid, subgroup])).values()];
    if (distinct.length > MAX_COMMUNITY_SUBGROUPS) {
        return failure(`RyzeAPI listed ${distinct.length} subgroups, more than a WhatsApp community holds (${MAX_COMMUNITY_SUBGROUPS}), ` +
            'so the list is not used. Nothing was reset.');
    }
    const rotated = distinct.filter((subgroup) => subgroup.jid !== line.communityJid && subgroup.isDefaultSubGroup === false);
    const leftOut = distinct
        .filter((subgroup) => !rotated.includes(subgroup))
        .map((subgroup) => whyLeftOut(subgroup, line));
    if (rotated.length === 0) {
        return failure('RyzeAPI listed no subgroup of this community other than its announcements group' +
            `${leftOut.length > 0 ? ` (${leftOut.join('; ')})` : ''}. The list holds only the groups the instance is in, ` +
            'and a newly linked group can take a few seconds to appear. Nothing was reset.');
    }
    const subgroups = rotated.map((subgroup) => ({
        input: subgroup.jid,
        identifier: { kind: 'jid', jid: subgroup.jid },
        ...(subgroup.name === undefined ? {} : { name: subgroup.name }),
        community: line.communityJid
    }));
    const repeats = listed.subgroups.length - distinct.length;
    const notes = [
        ...leftOut,
        ...(repeats > 0 ? [`${repeats} repeated entr${repeats === 1 ? 'y' : 'ies'} counted once`] : [])
    ];
    const verb = options.dryRun ? 'would rotate' : 'rotates';
    return {
        subgroups,
        note: `${line.input} ${verb} ${rotated.length} subgroup(s): ${rotated.map(label).join(', ')}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`
    };
}
function whyLeftOut(subgroup, line) {
    if (subgroup.jid === line.communityJid)
        return `the community itself (${subgroup.jid}) is not one of its subgroups`;
    if (subgroup.isDefaultSubGroup === true)
        return `the announcements group ${label(subgroup)} is left out`;
    return `${label(subgroup)} is left out: the answer does not say whether it is the announcements group`;
}
function asGroupJid(jid) {
    const lower = jid.trim().toLowerCase();
    return lower.includes('@') ? lower : `${lower}@g.us`;
}
function label(subgroup) {
    return subgroup.name === undefined ? subgroup.jid : `"${subgroup.name}" (${subgroup.jid})`;
}


/***/ })

};

//# sourceMappingURL=716.index.js.map