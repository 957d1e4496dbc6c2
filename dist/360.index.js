export const id = 360;
export const ids = [360];
export const modules = {

/***/ 1360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  storeGroupVariables: () => (/* binding */ storeGroupVariables)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(5810);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/variable-name.ts
/*
 * Repository variable names, as GitHub allows them: letters, digits and underscores, not starting
 * with a digit or with GITHUB_, compared without regard to case. `{group}` in the `variable` input
 * stands for each group's JID without its @g.us part.
 */
const GROUP_PLACEHOLDER = '{group}';
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function isValidVariableName(name) {
    return VALID_NAME.test(name) && !/^GITHUB_/i.test(name);
}
/** The variable name for a group, given by its JID; characters GitHub refuses become `_`. */
function variableNameFor(template, groupJid) {
    const user = groupJid.replace(/@.*$/, '').replace(/[^A-Za-z0-9_]/g, '_');
    return template.replaceAll(GROUP_PLACEHOLDER, user);
}

;// CONCATENATED MODULE: ./src/group-variables.ts



/**
 * Writes one variable per reset group, its name made from the `{group}` template. Each write stands
 * alone (no read, no merge), so that matrix jobs rotating other groups at once cannot undo it.
 * Every group is tried; the failures are then told together.
 */
async function storeGroupVariables(variable, reset, store) {
    const failures = [];
    const taken = new Map();
    for (const result of reset) {
        const who = result.groupJid || result.group;
        if (result.groupJid === '') {
            failures.push(`RyzeAPI did not report the group JID of ${who}, so {group} cannot name its variable.`);
            continue;
        }
        const name = variableNameFor(variable.name, result.groupJid);
        // GitHub compares names without regard to case: two groups must not share one.
        const other = taken.get(name.toUpperCase());
        if (!isValidVariableName(name) || other !== undefined) {
            const why = other === undefined ? 'is not a valid variable name' : `is the name ${other} has already`;
            failures.push(`The variable name ${name} for ${who} ${why}, so its link was not stored.`);
            continue;
        }
        taken.set(name.toUpperCase(), who);
        try {
            const how = await store({ ...variable, name }, result.inviteLink);
            core/* info */.pq(`${how === 'created' ? 'Created' : 'Updated'} the repository variable ${name}.`);
        }
        catch (error) {
            failures.push((0,errors/* messageOf */.bD)(error));
        }
    }
    if (failures.length === 0)
        return;
    const [first] = failures;
    const more = failures.length - 1;
    if (more > 0)
        for (const failure of failures)
            core/* info */.pq(failure);
    throw new Error(more === 0
        ? first
        : `${failures.length} of ${reset.length} repository variables were not stored. ${first} (${more} more: see the log.)`);
}


/***/ })

};

//# sourceMappingURL=360.index.js.map