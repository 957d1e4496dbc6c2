export const id = 433;
export const ids = [433];
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

//# sourceMappingURL=433.index.js.map