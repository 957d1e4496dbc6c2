export const id = 2;
export const ids = [2];
export const modules = {

/***/ 2002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   announceLinks: () => (/* binding */ announceLinks)
/* harmony export */ });
/* unused harmony export messageText */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(834);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2174);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8765);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4716);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9324);





/**
 * Sends each chat one message that lists every group's new link: fewer requests under the rate
 * limit, and one notification per person. Only groups that were reset are announced. A message is
 * not idempotent, so a failure that may have been delivered is reported, never sent again.
 */
async function announceLinks(settings, results, client, options) {
    const groups = results.filter((result) => result.status === (options.dryRun ? 'dry-run' : 'reset'));
    if (groups.length === 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('announce-to: no group has a new link, so no message is sent.');
        return { announcements: [], problems: [], summary: [] };
    }
    const text = messageText(settings.template, groups);
    const announced = groups.map(idOf);
    const announcements = [];
    for (const chat of settings.chats) {
        const entry = { chat, groups: announced };
        if (options.dryRun) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(options.masked
                ? `Dry run: would send ${chat} one message with ${groups.length} link(s); its text is not shown (mask-invite-link: true).`
                : `Dry run: would send ${chat} (with the new links in place of the current ones): ${JSON.stringify(text)}`);
            announcements.push({ ...entry, status: 'dry-run' });
            continue;
        }
        if (options.signal?.aborted) {
            announcements.push({ ...entry, status: 'failed', error: 'Not sent: the job was cancelled.' });
            continue;
        }
        try {
            const { messageId } = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(() => client.sendText(chat, text, options.signal), {
                policy: { ...options.policy, idempotent: false },
                signal: options.signal,
                onRetry: (notice) => options.onRetry?.(notice, chat)
            });
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Sent ${chat} the new link(s) of ${groups.length} group(s).`);
            announcements.push({ ...entry, status: 'sent', ...(messageId === undefined ? {} : { messageId }) });
        }
        catch (error) {
            const unknown = (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .mayHaveTakenEffect */ .Y2)(error);
            const note = unknown ? 'The message may or may not have been delivered.' : 'The message was not delivered.';
            announcements.push({
                ...entry,
                status: unknown ? 'unknown' : 'failed',
                error: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .redactSecrets */ .fp)(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)} ${note}`)
            });
        }
    }
    const problems = announcements
        .filter((announcement) => announcement.error !== undefined)
        .map((announcement) => `announce-to ${announcement.chat}: ${announcement.error}`);
    return { announcements, problems, summary: announcements.map((entry) => `${entry.chat}: ${summaryText(entry)}`) };
}
function summaryText(entry) {
    const links = `${entry.groups.length} link(s)`;
    switch (entry.status) {
        case 'sent':
            return `sent, ${links}`;
        case 'dry-run':
            return `not sent (dry run), ${links}`;
        case 'failed':
            return `not sent: ${entry.error}`;
        case 'unknown':
            return `may or may not have been delivered: ${entry.error}`;
    }
}
/** One line (or paragraph, for a template of several lines) per group, placeholders replaced. */
function messageText(template, groups) {
    const separator = template.includes('\n') ? '\n\n' : '\n';
    return groups
        .map((group) => {
        const values = {
            link: group.inviteLink,
            code: group.inviteCode,
            name: group.name ?? idOf(group),
            group: idOf(group)
        };
        // settings.ts refused any other placeholder; an unknown one would be left as it is.
        return template.replace(_settings_js__WEBPACK_IMPORTED_MODULE_4__/* .PLACEHOLDER */ .Kx, (placeholder, name) => values[name] ?? placeholder);
    })
        .join(separator);
}
function idOf(group) {
    return group.groupJid || group.group;
}


/***/ })

};

//# sourceMappingURL=2.index.js.map