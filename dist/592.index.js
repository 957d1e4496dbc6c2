export const id = 592;
export const ids = [592];
export const modules = {

/***/ 5592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   announceLinks: () => (/* binding */ announceLinks)
/* harmony export */ });
/* unused harmony exports MAX_MESSAGE_LENGTH, messageParts, messageText */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5810);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9809);
/* harmony import */ var _personal_data_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3204);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7194);
/* harmony import */ var _feature_inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7799);






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
    const parts = messageParts(settings.template, groups);
    const announcements = [];
    for (const chat of settings.chats) {
        for (const [index, part] of parts.entries()) {
            const numbered = parts.length > 1 ? { part: index + 1, parts: parts.length } : {};
            announcements.push(await sendPart(chat, part, numbered, client, options));
        }
    }
    const problems = announcements
        .filter((announcement) => announcement.error !== undefined)
        .map((announcement) => (0,_personal_data_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPhoneNumbers */ .N)(`announce-to ${announcement.chat}${partLabel(announcement)}: ${announcement.error}`));
    return {
        announcements,
        problems,
        summary: announcements.map((entry) => (0,_personal_data_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPhoneNumbers */ .N)(`${entry.chat}${partLabel(entry)}: ${summaryText(entry)}`))
    };
}
/**
 * WhatsApp shows long texts, but its Business API caps a text message at 4,096 characters; a
 * longer announcement is split at group boundaries, so that no link is ever cut.
 */
const MAX_MESSAGE_LENGTH = 4096;
/** The message for `groups`, as few parts as fit MAX_MESSAGE_LENGTH each; a group's text is never split. */
function messageParts(template, groups) {
    const separator = template.includes('\n') ? '\n\n' : '\n';
    const parts = [];
    for (const group of groups) {
        const text = groupText(template, group);
        const last = parts.at(-1);
        if (last && last.text.length + separator.length + text.length <= MAX_MESSAGE_LENGTH) {
            last.text += separator + text;
            last.groups.push(group);
        }
        else
            parts.push({ text, groups: [group] });
    }
    return parts;
}
function partLabel(entry) {
    return entry.parts === undefined ? '' : ` (part ${entry.part} of ${entry.parts})`;
}
async function sendPart(chat, { text, groups }, numbered, client, options) {
    const entry = { chat, groups: groups.map(idOf), ...numbered };
    // The output keeps the chat whole; the log and the summary show a phone number masked.
    const shown = (0,_personal_data_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPhoneNumbers */ .N)(chat);
    if (options.dryRun) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(options.masked
            ? `Dry run: would send ${shown} one message with ${groups.length} link(s); its text is not shown (mask-invite-link: true).`
            : `Dry run: would send ${shown} (with the new links in place of the current ones): ${JSON.stringify(text)}`);
        return { ...entry, status: 'dry-run' };
    }
    if (options.signal?.aborted) {
        return { ...entry, status: 'failed', error: 'Not sent: the job was cancelled.' };
    }
    try {
        const { messageId } = await (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(() => client.sendText(chat, text, options.signal), {
            policy: { ...options.policy, idempotent: false },
            signal: options.signal,
            onRetry: (notice) => options.onRetry?.((0,_personal_data_js__WEBPACK_IMPORTED_MODULE_3__/* .maskedNotice */ .i)(notice), shown)
        });
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Sent ${shown}${partLabel(entry)} the new link(s) of ${groups.length} group(s).`);
        return { ...entry, status: 'sent', ...(messageId === undefined ? {} : { messageId }) };
    }
    catch (error) {
        const unknown = (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .mayHaveTakenEffect */ .Y2)(error);
        const note = unknown ? 'The message may or may not have been delivered.' : 'The message was not delivered.';
        return { ...entry, status: unknown ? 'unknown' : 'failed', error: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redactSecrets */ .fp)(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error)} ${note}`) };
    }
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
/** One group's line (or paragraph, for a template of several lines), placeholders replaced. */
function groupText(template, group) {
    const values = {
        link: group.inviteLink,
        code: group.inviteCode,
        name: group.name ?? idOf(group),
        group: idOf(group)
    };
    // settings.ts refused any other placeholder; an unknown one would be left as it is.
    return template.replace(_feature_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .PLACEHOLDER */ .Kx, (placeholder, name) => values[name] ?? placeholder);
}
/** The whole message for `groups`, in one piece: one line (or paragraph) per group. */
function messageText(template, groups) {
    return messageParts(template, groups)
        .map((part) => part.text)
        .join(template.includes('\n') ? '\n\n' : '\n');
}
function idOf(group) {
    return group.groupJid || group.group;
}


/***/ })

};

//# sourceMappingURL=592.index.js.map