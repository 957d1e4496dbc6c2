export const id = 441;
export const ids = [441];
export const modules = {

/***/ 3441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  incidentSteps: () => (/* binding */ incidentSteps)
});

// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
// EXTERNAL MODULE: ./src/personal-data.ts
var personal_data = __webpack_require__(3204);
;// CONCATENATED MODULE: ./src/participant-report.ts


const DONE = { demote: 'demoted', remove: 'removed', reject: 'rejected' };
function participantReport(results) {
    const problems = [];
    const summary = [];
    for (const result of results) {
        const participants = result.participants ?? [];
        for (const entry of participants)
            summary.push((0,personal_data/* maskPhoneNumbers */.N)(`${(0,outputs/* nameOf */.Vb)(result)}: ${summaryText(entry)}`));
        const unsettled = participants.filter((entry) => entry.status === 'failed' || entry.status === 'unknown');
        if (unsettled.length === 0)
            continue;
        problems.push((0,personal_data/* maskPhoneNumbers */.N)(`${(0,outputs/* nameOf */.Vb)(result)}: ${unsettled.map(problemText).join(' ')} ${linkState(result)}`));
    }
    return { problems, summary };
}
function who(entry) {
    return entry.action === 'reject' ? `the join request of ${entry.participant}` : entry.participant;
}
function summaryText(entry) {
    if (entry.participant === '*')
        return `join requests not listed: ${entry.error}`;
    switch (entry.status) {
        case 'done':
            return `${who(entry)} ${DONE[entry.action]}${entry.readBack ? ' (answer lost; read back)' : ''}`;
        case 'dry-run':
            return `${who(entry)} would be ${DONE[entry.action]} (dry run)`;
        case 'failed':
            return `${who(entry)} not ${DONE[entry.action]}: ${entry.error}`;
        case 'unknown':
            return `${who(entry)} may or may not have been ${DONE[entry.action]}: ${entry.error}`;
    }
}
function problemText(entry) {
    if (entry.participant === '*')
        return entry.error ?? '';
    const whom = who(entry);
    return entry.status === 'unknown'
        ? `Whether ${whom} was ${DONE[entry.action]} is unknown: ${entry.error}`
        : `${whom.charAt(0).toUpperCase()}${whom.slice(1)} was not ${DONE[entry.action]}: ${entry.error}`;
}
function linkState(result) {
    switch (result.status) {
        case 'reset':
            return 'The link was reset all the same: the new link is live.';
        case 'dry-run':
            return 'Nothing was changed (dry run).';
        case 'unknown':
            return 'Whether the link is new is unknown (see its error).';
        default:
            return 'The link was not reset.';
    }
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/participant-input.ts

// E.164: at most 15 digits with the country code; fewer than 7 is a local number (see identifier.ts).
const PHONE_DIGITS = /^\d{7,15}$/;
const CONTACT_JID = /^(\d+)(:\d+)?@s\.whatsapp\.net$/;
const LID = /^\d{1,32}@lid$/;
const EXPECTED = 'expected one participant per line: a phone number with its country code (+55 11 99999-0000), a contact JID (…@s.whatsapp.net) or a LID (…@lid)';
/** The inputs checked: throws an InputError naming the input and the line of the first bad participant. */
function parseIncident(inputs) {
    return {
        remove: parseParticipants(inputs.remove, 'remove'),
        demote: parseParticipants(inputs.demote, 'demote'),
        rejectJoinRequests: inputs.reject
    };
}
/**
 * The participants of a `remove` or `demote` input, one per meaningful line, the same person
 * written twice kept once. A bad line is refused without echoing it: it may be a phone number.
 */
function parseParticipants(lines, input) {
    const participants = lines.map(({ text, line }) => {
        const participant = participantOf(text);
        if (typeof participant === 'string')
            return participant;
        throw new errors/* InputError */.dz(input, `${participant.problem}; ${EXPECTED}`, line);
    });
    return [...new Set(participants)];
}
/** The participant as RyzeAPI takes it, or what is wrong with the text. */
function participantOf(text) {
    const value = text.toLowerCase();
    if (LID.test(value))
        return value;
    const digits = CONTACT_JID.exec(value)?.[1] ?? phoneDigits(value);
    if (digits === undefined) {
        if (value.endsWith('@g.us'))
            return { problem: 'holds a group JID, not a participant' };
        return { problem: value.includes('@') ? 'holds a JID that is not a contact or a LID' : 'is not a phone number' };
    }
    if (digits.startsWith('0'))
        return { problem: 'holds a number that starts with 0, not with a country code' };
    if (!PHONE_DIGITS.test(digits)) {
        return { problem: `holds a number of ${digits.length} digits; a phone number with its country code has 7 to 15` };
    }
    return digits;
}
/** The digits of a phone number written with `+`, spaces, dashes or parentheses; undefined if it is not one. */
function phoneDigits(value) {
    return /^\+?[\d\s()-]+$/.test(value) && /\d/.test(value) ? value.replace(/\D/g, '') : undefined;
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(5810);
// EXTERNAL MODULE: ./src/text-safety.ts
var text_safety = __webpack_require__(2243);
;// CONCATENATED MODULE: ./src/participant-answers.ts


/**
 * Each participant's outcome, by the participant as sent. An entry is matched by the participant
 * it names, or by its place when no entry names one; a participant no entry speaks of is left out.
 */
function participantOutcomes(answer, sent) {
    const entries = listIn(answer, 'results', 'participants') ?? [];
    const outcomes = new Map();
    entries.forEach((entry, index) => {
        const named = firstString(entry, 'participant', 'jid', 'phoneNumber', 'number');
        const participant = named === undefined ? sent[index] : sent.find((candidate) => isParticipant(candidate, named, undefined));
        if (participant === undefined || typeof entry.success !== 'boolean')
            return;
        const error = reasonOf(entry.error);
        outcomes.set(participant, { success: entry.success, ...(error === undefined ? {} : { error }) });
    });
    return outcomes;
}
function membersOf(answer) {
    const members = listIn(answer, 'participants') ?? listIn(nested(answer, 'group'), 'participants');
    if (members === undefined)
        throw new errors/* RequestError */.GI('bad-answer', "RyzeAPI sent no list of the group's members.");
    return members.flatMap((entry) => {
        const jid = firstString(entry, 'jid', 'id');
        if (jid === undefined)
            return [];
        const phoneNumber = firstString(entry, 'phoneNumber');
        const isAdmin = entry.isAdmin === true ||
            entry.isSuperAdmin === true ||
            (typeof entry.admin === 'string' && /admin/i.test(entry.admin));
        return [{ jid, ...(phoneNumber === undefined ? {} : { phoneNumber }), isAdmin }];
    });
}
function pendingRequestsOf(answer) {
    const requests = listIn(answer, 'requests');
    if (requests === undefined)
        throw new errors/* RequestError */.GI('bad-answer', 'RyzeAPI sent no list of join requests.');
    return requests.flatMap((entry) => {
        const jid = firstString(entry, 'jid', 'id');
        const phoneNumber = firstString(entry, 'phoneNumber')?.replace(/\D/g, '');
        return jid === undefined ? [] : [{ jid: jid.toLowerCase(), ...(phoneNumber ? { phoneNumber } : {}) }];
    });
}
/**
 * Whether a JID (and phone number) that RyzeAPI reported is `participant`: a LID as given, or a
 * phone number's digits, matched against a contact JID (a device suffix ignored) or a phone number.
 */
function isParticipant(participant, jid, phoneNumber) {
    const reported = jid.toLowerCase().replace(/:\d+(?=@)/, '');
    if (participant.endsWith('@lid'))
        return reported === participant;
    const [user, server = 's.whatsapp.net'] = reported.replace(/^\+/, '').split('@');
    const sameNumber = (server === 's.whatsapp.net' || server === 'c.us') && user === participant;
    return sameNumber || phoneNumber?.replace(/\D/g, '') === participant;
}
function reasonOf(error) {
    const raw = typeof error === 'string' ? error : firstString(nested({ error }, 'error'), 'message');
    const text = raw === undefined ? '' : (0,text_safety/* serverText */.Tn)(raw);
    return text === '' ? undefined : text;
}
function listIn(answer, ...names) {
    for (const source of [answer, nested(answer, 'data')]) {
        for (const name of names) {
            const value = source[name];
            if (Array.isArray(value))
                return value.filter((entry) => typeof entry === 'object' && entry !== null);
        }
    }
    return undefined;
}
function nested(answer, name) {
    const value = answer[name];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}
function firstString(entry, ...names) {
    const value = names.map((name) => entry[name]).find((candidate) => typeof candidate === 'string' && candidate !== '');
    return value;
}

// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
;// CONCATENATED MODULE: ./src/participants.ts






/** The fewest retries a read-back gets, as for the reset's: it is what settles the outcome. */
const READ_BACK_RETRIES = 2;
/** Before the reset: demote, so that a compromised admin cannot act during the run, then remove. */
async function demoteAndRemove(group, incident, work) {
    const stillAdmin = readBackMembers(group, work, (members, participant) => members.some((member) => member.isAdmin && isParticipant(participant, member.jid, member.phoneNumber)));
    const stillMember = readBackMembers(group, work, (members, participant) => members.some((member) => isParticipant(participant, member.jid, member.phoneNumber)));
    return [
        ...(await act(group, 'demote', incident.demote, stillAdmin, work)),
        ...(await act(group, 'remove', incident.remove, stillMember, work))
    ];
}
/** After the reset: no request can come through the old link any more, so every pending one is rejected. */
async function rejectJoinRequests(group, work) {
    let requests;
    try {
        requests = await readRequests(group, work, work.policy);
    }
    catch (error) {
        const problem = `Could not list the pending join requests, so none was rejected: ${(0,errors/* messageOf */.bD)(error)}`;
        log(group, `${problem}`);
        return [{ participant: '*', action: 'reject', status: 'failed', error: (0,secrets/* redactSecrets */.fp)(problem) }];
    }
    if (requests.length === 0) {
        log(group, 'No join request is pending.');
        return [];
    }
    const stillPending = async (signal) => {
        const pending = await readRequests(group, { ...work, signal }, readBackPolicy(work.policy));
        return (participant) => pending.some((request) => request.jid === participant);
    };
    const results = await act(group, 'reject', requests.map((request) => request.jid), stillPending, work);
    return results.map((result) => {
        const phoneNumber = requests.find((request) => request.jid === result.participant)?.phoneNumber;
        return phoneNumber === undefined ? result : { ...result, phoneNumber };
    });
}
const participants_DONE = {
    demote: 'Demoted',
    remove: 'Removed',
    reject: 'Rejected the join request of'
};
const VERB = {
    demote: 'demote',
    remove: 'remove',
    reject: 'reject the join request of'
};
/** What RyzeAPI needs for each action, said when it refuses the whole call. */
const PERMISSION = {
    demote: "Demoting needs the instance's WhatsApp number to be a super-admin of the group (its creator, or promoted by one).",
    remove: "Removing needs the instance's WhatsApp number to be an admin of the group.",
    reject: "Rejecting join requests needs the instance's WhatsApp number to be an admin of the group."
};
/**
 * Asks RyzeAPI to do `action` to every participant, reading each one's outcome. After a lost
 * answer the group is read back: what took effect is done, and only the rest is sent again (a
 * late repeat of a removal meets "not a participant", so a last read settles those too).
 */
async function act(group, action, participants, notYetDone, work) {
    if (participants.length === 0)
        return [];
    if (work.dryRun) {
        for (const participant of participants)
            log(group, `Dry run: would ${VERB[action]} ${participant}.`);
        return participants.map((participant) => ({ participant, action, status: 'dry-run' }));
    }
    const settled = new Map();
    let pending = participants;
    let answerLost = false;
    const finish = (participant, result) => {
        settled.set(participant, { participant, action, ...result });
    };
    try {
        await (0,retry/* withRetries */.LH)(async () => {
            const answer = await work.client.changeParticipants(group.identifier, action, pending, work.signal);
            const outcomes = participantOutcomes(answer, pending);
            for (const [participant, outcome] of outcomes) {
                finish(participant, outcome.success
                    ? { status: 'done' }
                    : { status: 'failed', error: sentence(outcome.error ?? 'RyzeAPI gave no reason') });
            }
            pending = pending.filter((participant) => !settled.has(participant));
            if (pending.length > 0) {
                throw new errors/* RequestError */.GI('bad-answer', `RyzeAPI's answer did not say what became of ${pending.length} participant(s).`);
            }
        }, {
            policy: work.policy,
            signal: work.signal,
            onRetry: (notice) => work.onRetry?.((0,personal_data/* maskedNotice */.i)(notice)),
            settle: async (error) => {
                if (!(0,retry/* mayHaveTakenEffect */.Y2)(error))
                    return { error };
                answerLost = true;
                let notDone;
                try {
                    notDone = await notYetDone();
                }
                catch (readError) {
                    const unknown = `The answer was lost (${(0,errors/* messageOf */.bD)(error)}), and reading the group back failed too (${(0,errors/* messageOf */.bD)(readError)}), so whether it took effect is unknown.`;
                    for (const participant of pending)
                        finish(participant, { status: 'unknown', error: (0,secrets/* redactSecrets */.fp)(unknown) });
                    pending = [];
                    return { value: undefined };
                }
                for (const participant of pending.filter((participant) => !notDone(participant))) {
                    finish(participant, { status: 'done', readBack: true });
                }
                pending = pending.filter((participant) => !settled.has(participant));
                return pending.length === 0
                    ? { value: undefined }
                    : {
                        error: (0,errors/* withNote */.dW)(error, `The group was read back: it did not take effect for ${pending.length} participant(s).`)
                    };
            }
        });
    }
    catch (error) {
        const permission = error instanceof errors/* RequestError */.GI && error.status === 403 ? ` ${PERMISSION[action]}` : '';
        for (const participant of pending) {
            finish(participant, { status: 'failed', error: (0,secrets/* redactSecrets */.fp)(`${(0,errors/* messageOf */.bD)(error)}${permission}`) });
        }
    }
    if (answerLost)
        await confirmFailures(settled, notYetDone);
    const results = participants.map((participant) => settled.get(participant));
    for (const result of results) {
        log(group, result.status === 'done'
            ? `${participants_DONE[action]} ${result.participant}${result.readBack ? ' (the answer was lost; read back)' : ''}.`
            : `Did not ${VERB[action]} ${result.participant}: ${result.error}`);
    }
    return results;
}
/** A failure after a lost answer may be an earlier attempt carried out late: one more read tells. */
async function confirmFailures(settled, notYetDone) {
    const failed = [...settled.values()].filter((result) => result.status === 'failed');
    if (failed.length === 0)
        return;
    const notDone = await notYetDone().catch(() => undefined);
    if (notDone === undefined)
        return;
    for (const result of failed) {
        if (!notDone(result.participant)) {
            settled.set(result.participant, {
                participant: result.participant,
                action: result.action,
                status: 'done',
                readBack: true
            });
        }
    }
}
function readBackMembers(group, work, stillThere) {
    return async (signal = work.signal) => {
        const answer = await (0,retry/* withRetries */.LH)(() => work.client.readGroup('group/info', group.identifier, signal, true), {
            policy: readBackPolicy(work.policy),
            signal,
            onRetry: (notice) => work.onRetry?.((0,personal_data/* maskedNotice */.i)({ ...notice, what: 'Reading the members back' }))
        });
        const members = membersOf(answer);
        return (participant) => stillThere(members, participant);
    };
}
async function readRequests(group, work, policy) {
    const answer = await (0,retry/* withRetries */.LH)(() => work.client.readGroup('group/requests', group.identifier, work.signal), {
        policy,
        signal: work.signal,
        onRetry: (notice) => work.onRetry?.((0,personal_data/* maskedNotice */.i)({ ...notice, what: 'Listing the join requests' }))
    });
    return pendingRequestsOf(answer);
}
function readBackPolicy(policy) {
    return { retries: Math.max(policy.retries, READ_BACK_RETRIES), maxWaitMs: policy.maxWaitMs };
}
/** Every line names the group, and masks every phone number and LID in it. */
function log(group, line) {
    core/* info */.pq((0,personal_data/* maskPhoneNumbers */.N)(`${group.groupJid || group.input}: ${line}`));
}
function sentence(text) {
    return /[.!?…]$/.test(text) ? text : `${text}.`;
}

;// CONCATENATED MODULE: ./src/incident.ts



/** Checks the inputs (an InputError before any request) and binds the steps to the run. */
function incidentSteps(settings, client, signal) {
    const incident = parseIncident(settings.incident);
    const work = (onRetry) => ({
        client,
        policy: settings,
        dryRun: settings.dryRun,
        signal,
        onRetry
    });
    return {
        hooks: {
            beforeReset: (group, onRetry) => demoteAndRemove(group, incident, work(onRetry)),
            ...(incident.rejectJoinRequests
                ? { afterReset: (group, onRetry) => rejectJoinRequests(group, work(onRetry)) }
                : {})
        },
        report: participantReport
    };
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

//# sourceMappingURL=441.index.js.map