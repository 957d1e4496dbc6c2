export const id = 592;
export const ids = [592,433];
export const modules = {

/***/ 3433:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_MESSAGE: () => (/* binding */ DEFAULT_MESSAGE),
/* harmony export */   MAX_TEMPLATE_LENGTH: () => (/* binding */ MAX_TEMPLATE_LENGTH),
/* harmony export */   MESSAGE_PLACEHOLDERS: () => (/* binding */ MESSAGE_PLACEHOLDERS),
/* harmony export */   PLACEHOLDER: () => (/* binding */ PLACEHOLDER),
/* harmony export */   parseAnnounce: () => (/* binding */ parseAnnounce),
/* harmony export */   parseChat: () => (/* binding */ parseChat),
/* harmony export */   parseMessage: () => (/* binding */ parseMessage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _identifier_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8360);
/* harmony import */ var _input_reading_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6406);
/* harmony import */ var _personal_data_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3204);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7194);
/* harmony import */ var _text_safety_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2243);






/* announce-to and announce-message, read only when announce-to is set. */
/*
 * What RyzeAPI's `number` takes besides a group JID. A phone number in E.164 has at most 15 digits,
 * country code included, and the shortest in use (4-digit subscriber numbers behind a 3-digit
 * country code, as in Niue) have 7: fewer is a local number that WhatsApp cannot place.
 */
const PHONE_NUMBER = /^\d{7,15}$/;
const CHAT_JID = /^(\d{7,15}@s\.whatsapp\.net|\d{1,32}@lid|\d{1,32}@newsletter)$/;
/** What announce-message may hold, each replaced for each group. */
const MESSAGE_PLACEHOLDERS = ['link', 'code', 'name', 'group'];
/** A word in braces; other braces (`{}`, `{ }`) are text. */
const PLACEHOLDER = /\{([A-Za-z_][\w-]*)\}/g;
const DEFAULT_MESSAGE = 'New invite link for {name}: {link}';
function parseAnnounce(rawChats, rawMessage) {
    const lines = (0,_input_reading_js__WEBPACK_IMPORTED_MODULE_2__/* .meaningfulLines */ .KV)(rawChats, 'announce-to');
    if (lines.length === 0)
        return undefined;
    const chats = lines.map(({ text, line }) => {
        const chat = parseChat(text);
        if (chat === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('announce-to', 
            // A phone number is personal data: a line that may hold one is never echoed whole.
            `holds ${(0,_text_safety_js__WEBPACK_IMPORTED_MODULE_5__/* .quotedInput */ .bY)((0,_personal_data_js__WEBPACK_IMPORTED_MODULE_3__/* .maskPhoneNumbers */ .N)(text))}, which is not a chat; expected a phone number with its country code (5511999999999), or a JID ending in @s.whatsapp.net, @lid, @g.us or @newsletter`, lines.length > 1 ? line : undefined);
        }
        return chat;
    });
    return { chats: [...new Set(chats)], template: parseMessage(rawMessage) };
}
/** A group's text, its link included, must fit in one message (4,096 characters) with room to spare. */
const MAX_TEMPLATE_LENGTH = 2000;
function parseMessage(raw) {
    const template = raw.replace(/\r\n?/g, '\n').trim() || DEFAULT_MESSAGE;
    const expected = `expected text with {link}, {code}, {name} or {group}, such as "${DEFAULT_MESSAGE}"`;
    // Never echo the text here: it may hold the secret it is refused for.
    if ((0,_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redactSecrets */ .fp)(template) !== template) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('announce-message', `holds a secret (token or github-token), which must never be sent; ${expected}`);
    }
    const found = (0,_text_safety_js__WEBPACK_IMPORTED_MODULE_5__/* .findUnprintable */ .Q3)(template, { tab: true, lineFeed: true });
    if (found !== undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('announce-message', `holds ${found.kind === 'control' ? 'a control character other than a line break or a tab' : 'an invisible formatting character'} (${found.description}); ${expected}`);
    }
    if (template.length > MAX_TEMPLATE_LENGTH) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('announce-message', `holds ${template.length} characters; expected at most ${MAX_TEMPLATE_LENGTH}, so that each group's text fits in one WhatsApp message`);
    }
    for (const [placeholder, name] of template.matchAll(PLACEHOLDER)) {
        if (!MESSAGE_PLACEHOLDERS.includes(name)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('announce-message', `holds the unknown placeholder ${placeholder}; ${expected}`);
        }
    }
    return template;
}
/**
 * A chat to send a message to, as RyzeAPI's `number` takes it: a phone number (digits only: a
 * leading + and the spaces, dots, hyphens and brackets people write are dropped), a contact
 * (`@s.whatsapp.net`), a hidden contact (`@lid`), a group (`@g.us`) or a channel (`@newsletter`).
 * Undefined when the text is none of these.
 */
function parseChat(raw) {
    const jid = raw.trim().toLowerCase();
    // A contact's JID is the person's number: one chat, however it is written.
    const contact = /^(\d{7,15})@s\.whatsapp\.net$/.exec(jid);
    if (contact)
        return contact[1];
    if ((0,_identifier_js__WEBPACK_IMPORTED_MODULE_1__/* .isGroupJid */ .tx)(jid) || CHAT_JID.test(jid))
        return jid;
    const phone = jid.replace(/[\s().-]/g, '').replace(/^\+/, '');
    return PHONE_NUMBER.test(phone) ? phone : undefined;
}


/***/ }),

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
/* harmony import */ var _announce_input_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3433);






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
    return template.replace(_announce_input_js__WEBPACK_IMPORTED_MODULE_5__.PLACEHOLDER, (placeholder, name) => values[name] ?? placeholder);
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


/***/ }),

/***/ 3204:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ maskPhoneNumbers),
/* harmony export */   i: () => (/* binding */ maskedNotice)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/*
 * Phone numbers (and the LIDs WhatsApp uses in their place) are personal data, and the log of a
 * public repository is public: only the country code and the last four digits are printed.
 * Outputs keep them whole.
 */
const PHONE_OR_LID = /(?<![\w+-])\+?(\d{7,15}|\d{7,32}(?=@lid\b))(?![\w-])/g;
// E.164 country codes of one and two digits; every other starts with three.
const ONE_DIGIT_CODE = /^[17]/;
const TWO_DIGIT_CODE = /^(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/;
/** `text` with every phone number and LID in it masked: `+55 •••• 0001`, `•••• 2345@lid`. */
function maskPhoneNumbers(text) {
    return text.replace(PHONE_OR_LID, (match, digits, offset) => {
        const last = digits.slice(-4);
        if (text.startsWith('@lid', offset + match.length))
            return `•••• ${last}`;
        const codeLength = ONE_DIGIT_CODE.test(digits) ? 1 : TWO_DIGIT_CODE.test(digits) ? 2 : 3;
        return `+${digits.slice(0, codeLength)} •••• ${last}`;
    });
}
/** A retry notice whose error message (which may echo a chat or a participant) is masked. */
function maskedNotice(notice) {
    return { ...notice, error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .reworded */ .Fg)(notice.error, maskPhoneNumbers(notice.error.message)) };
}


/***/ })

};

//# sourceMappingURL=592.index.js.map