export const id = 449;
export const ids = [449];
export const modules = {

/***/ 6449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeSummary: () => (/* binding */ writeSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(834);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2174);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8891);
/* harmony import */ var _rotation_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8647);
/* harmony import */ var _server_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4104);





/** A cell with nothing to say; core.summary writes an empty one as an unclosed `<td>`. */
const NOTHING = '&#8212;';
async function writeSummary(results, details) {
    // Outside a runner there is no summary file; the work itself is done.
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const files = details.filesByGroup;
    const header = [
        { data: 'Group', header: true },
        { data: 'Result', header: true },
        { data: details.dryRun ? 'Current invite link' : 'New invite link', header: true },
        ...(files === undefined ? [] : [{ data: 'Files updated', header: true }])
    ];
    const rows = results.map((result, index) => [
        escapeHtml((0,_outputs_js__WEBPACK_IMPORTED_MODULE_2__/* .nameOf */ .Vb)(result)),
        escapeHtml(resultText(result)),
        linkCell(result, details.masked),
        ...(files === undefined ? [] : [escapeHtml(files[index]?.join(', ') ?? '') || NOTHING])
    ]);
    const bucket = details.rateLimit;
    try {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
            .addHeading(details.dryRun ? 'WhatsApp invite links (dry run: nothing was reset)' : 'WhatsApp invite link reset', 3)
            .addTable([header, ...rows]);
        if (details.announcements?.length) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw('Announcements:', true).addList(details.announcements.map(escapeHtml));
        }
        // The bucket is sane (see readRateLimit); a date that cannot be printed is still left out.
        if (bucket && Number.isFinite(bucket.resetAt.getTime())) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(`RyzeAPI rate limit left: ${bucket.remaining} of ${bucket.limit} requests, until ${bucket.resetAt.toISOString()}.`, true);
        }
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.write();
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not write the job summary: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)}`);
    }
}
/**
 * A live link as a link to click. An invite code is letters and digits (identifier.ts checks every
 * code it accepts); one that were not is shown as text, never put in an attribute.
 */
function linkCell(result, masked) {
    if (!(0,_rotation_js__WEBPACK_IMPORTED_MODULE_3__/* .hasLink */ .p5)(result))
        return NOTHING;
    if (masked)
        return '(masked)';
    if (!/^[A-Za-z0-9]+$/.test(result.inviteCode))
        return escapeHtml(result.inviteLink);
    const link = `https://chat.whatsapp.com/${result.inviteCode}`;
    return `<a href="${link}">${link}</a>`;
}
function resultText(result) {
    switch (result.status) {
        case 'reset':
            return result.readBack ? 'Reset (answer lost; link read back)' : 'Reset';
        case 'dry-run':
            return 'Dry run';
        case 'failed':
            return `Failed: ${result.error}`;
        case 'unknown':
            return `Unknown, may have been reset: ${result.error}`;
        case 'skipped':
            return 'Skipped';
    }
}
/*
 * The job summary is Markdown that may hold HTML. The table is one HTML block, in which Markdown is
 * not parsed, but a blank line (a CR or LF twice) would end the block and turn the rest of the cell
 * into live Markdown. So control characters become a space, and every character that HTML or
 * Markdown gives a meaning to is written as a numeric character reference, which both render as the
 * character itself: no link, image, tag, code span, emphasis or table cell can come from a value.
 */
const SUMMARY_SPECIAL_CHARACTERS = /[&<>"'`[\]()*_|~\\!]/g;
function escapeHtml(text) {
    return text
        .replace(_server_text_js__WEBPACK_IMPORTED_MODULE_4__/* .UNSAFE_CHARACTERS */ .Mv, ' ')
        .replace(SUMMARY_SPECIAL_CHARACTERS, (character) => `&#${character.charCodeAt(0)};`);
}


/***/ })

};

//# sourceMappingURL=449.index.js.map