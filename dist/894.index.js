export const id = 894;
export const ids = [894];
export const modules = {

/***/ 9894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   storeGroupVariables: () => (/* binding */ storeGroupVariables)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(834);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2174);
/* harmony import */ var _variable_name_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4093);



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
        const name = (0,_variable_name_js__WEBPACK_IMPORTED_MODULE_2__/* .variableNameFor */ .$J)(variable.name, result.groupJid);
        // GitHub compares names without regard to case: two groups must not share one.
        const other = taken.get(name.toUpperCase());
        if (!(0,_variable_name_js__WEBPACK_IMPORTED_MODULE_2__/* .isValidVariableName */ .K7)(name) || other !== undefined) {
            const why = other === undefined ? 'is not a valid variable name' : `is the name ${other} has already`;
            failures.push(`The variable name ${name} for ${who} ${why}, so its link was not stored.`);
            continue;
        }
        taken.set(name.toUpperCase(), who);
        try {
            const how = await store({ ...variable, name }, result.inviteLink);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${how === 'created' ? 'Created' : 'Updated'} the repository variable ${name}.`);
        }
        catch (error) {
            failures.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error));
        }
    }
    if (failures.length === 0)
        return;
    const [first] = failures;
    const more = failures.length - 1;
    if (more > 0)
        for (const failure of failures)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(failure);
    throw new Error(more === 0
        ? first
        : `${failures.length} of ${reset.length} repository variables were not stored. ${first} (${more} more: see the log.)`);
}


/***/ })

};

//# sourceMappingURL=894.index.js.map