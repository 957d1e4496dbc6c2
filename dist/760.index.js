export const id = 760;
export const ids = [760];
export const modules = {

/***/ 4379:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   expandCommunities: () => (/* binding */ expandCommunities)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(834);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2174);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8765);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4716);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9324);





/**
 * Replaces each `community:<JID>` line by the community's subgroups, as RyzeAPI lists them, in
 * place. The announcements group is left out (its members are the community's), and a group met
 * twice, on a line of its own or in two communities, is rotated once. A community that cannot be
 * listed becomes a failed result, and the other lines go on.
 */
async function expandCommunities(lines, client, options) {
    // A group listed on a line of its own is rotated there, by that line.
    const seen = new Set(lines.flatMap((line) => (!(0,_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .isCommunityLine */ .Gs)(line) && line.identifier.kind === 'jid' ? [line.identifier.jid] : [])));
    const planned = [];
    let stoppedBecause;
    for (const line of lines) {
        if (!(0,_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .isCommunityLine */ .Gs)(line)) {
            planned.push(line);
            continue;
        }
        const entry = { group: line.input, groupJid: '', community: line.communityJid };
        if (stoppedBecause) {
            planned.push({ ...entry, status: 'skipped', error: `Not attempted: ${stoppedBecause}.` });
            continue;
        }
        let subgroups;
        try {
            subgroups = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(() => client.listSubGroups(line.communityJid, options.signal), {
                policy: options.policy,
                signal: options.signal,
                onRetry: (notice) => options.onRetry?.(notice, line)
            });
        }
        catch (error) {
            planned.push({
                ...entry,
                status: 'failed',
                error: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redactSecrets */ .fp)((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .withNote */ .dW)(error, 'Nothing was reset.')))
            });
            if (options.failFast)
                stoppedBecause = 'a community could not be listed and fail-fast is set';
            continue;
        }
        const rotated = subgroups.filter((subgroup) => !subgroup.isDefaultSubGroup);
        if (rotated.length === 0) {
            planned.push({
                ...entry,
                status: 'failed',
                error: 'RyzeAPI listed no subgroup of this community other than its announcements group. The list holds only ' +
                    'the groups the instance is in, and a newly linked group can take a few seconds to appear. Nothing was reset.'
            });
            if (options.failFast)
                stoppedBecause = 'a community could not be listed and fail-fast is set';
            continue;
        }
        const fresh = rotated.filter((subgroup) => !seen.has(subgroup.jid));
        for (const subgroup of fresh) {
            seen.add(subgroup.jid);
            planned.push({
                input: subgroup.jid,
                identifier: { kind: 'jid', jid: subgroup.jid },
                ...(subgroup.name === undefined ? {} : { name: subgroup.name }),
                community: line.communityJid
            });
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(describeExpansion(line, subgroups, fresh, options.dryRun));
    }
    return planned;
}
function describeExpansion(line, listed, fresh, dryRun) {
    const announcements = listed.filter((subgroup) => subgroup.isDefaultSubGroup);
    const repeated = listed.length - announcements.length - fresh.length;
    const notes = [
        ...announcements.map((subgroup) => `the announcements group ${label(subgroup)} is left out`),
        ...(repeated > 0 ? [`${repeated} already named on another line`] : [])
    ];
    const verb = dryRun ? 'would rotate' : 'rotates';
    return `${line.input} ${verb} ${fresh.length} subgroup(s): ${fresh.map(label).join(', ') || 'none'}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`;
}
function label(subgroup) {
    return subgroup.name === undefined ? subgroup.jid : `"${subgroup.name}" (${subgroup.jid})`;
}


/***/ })

};

//# sourceMappingURL=760.index.js.map