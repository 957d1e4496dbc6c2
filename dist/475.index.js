export const id = 475;
export const ids = [475];
export const modules = {

/***/ 1475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  failRun: () => (/* binding */ failRun),
  reportFailures: () => (/* binding */ reportFailures)
});

// UNUSED EXPORTS: HintFilter, MAX_ANNOTATION_CHARACTERS, annotateError, failStep, fitAnnotation

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(5810);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __webpack_require__(7729);
// EXTERNAL MODULE: ./src/outcome.ts
var outcome = __webpack_require__(4671);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/withheld-secrets.ts

/*
 * Why a secret input can be empty although the workflow passes one: GitHub does not pass secrets to
 * a run for a pull request from a fork, and passes only Dependabot's own secrets to a run Dependabot
 * started. Read only when a secret input is found empty.
 */
/** Events whose runs get no secrets when the pull request comes from a fork (pull_request_target does get them). */
const FORK_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);
/** Events whose runs get only Dependabot secrets when Dependabot started them. */
const DEPENDABOT_EVENTS = new Set([...FORK_EVENTS, 'pull_request_target', 'push']);
const FORK_NOTE = 'This run is for a pull request from a fork, and GitHub does not pass secrets to such runs. ' +
    'Run the step only for pull requests from this repository: ' +
    'if: github.event.pull_request.head.repo.full_name == github.repository.';
const DEPENDABOT_NOTE = 'This run was started by Dependabot, and GitHub passes it only Dependabot secrets. ' +
    'Add the secret under Settings, Secrets and variables, Dependabot, or skip the step: ' +
    "if: github.actor != 'dependabot[bot]'.";
/** A sentence saying why secrets are missing in this run, or undefined when nothing explains it. */
function withheldSecretsNote(env = process.env) {
    const event = env.GITHUB_EVENT_NAME ?? '';
    if (env.GITHUB_ACTOR === 'dependabot[bot]' && DEPENDABOT_EVENTS.has(event))
        return DEPENDABOT_NOTE;
    if (FORK_EVENTS.has(event) && isFromFork(env.GITHUB_EVENT_PATH))
        return FORK_NOTE;
    return undefined;
}
/** The event payload's pull_request.head.repo.fork; a payload that cannot be read says nothing. */
function isFromFork(eventPath) {
    if (!eventPath)
        return false;
    try {
        const payload = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        return payload.pull_request?.head?.repo?.fork === true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/failure-report.ts






/*
 * The step's errors, as a reviewer reads them on the run page: one annotation per failed group or
 * follow-up, each short, then one short error for the step. Every error the action reports goes
 * through here, so that the length cap and the redaction hold on every path.
 */
/** GitHub shows an annotation in full only up to a few hundred characters; longer ones are cut off. */
const MAX_ANNOTATION_CHARACTERS = 700;
const SHORTENED = ' (shortened: the full message is in the log above).';
/**
 * Ends the step failed when a group or a follow-up failed. One group: its error, and the follow-ups',
 * are the step's error. Several: each failed group and follow-up is an error annotation titled with
 * what failed, and the step's error only counts them and says where to look.
 */
function reportFailures(results, problems) {
    const failed = results.filter(outcome/* hasFailed */.W);
    const hints = new HintFilter();
    if (results.length <= 1) {
        const messages = [...failed.map((result) => result.error), ...problems.map((problem) => problem.message)];
        if (messages.length > 0)
            failStep(messages.join(' '));
        return;
    }
    for (const result of failed) {
        const outcome = result.status === 'unknown' ? 'may have been reset' : 'failed';
        annotateError({ title: `${(0,outputs/* nameOf */.Vb)(result)} ${outcome}`, message: hints.withoutRepeatedHints(result.error) });
    }
    for (const problem of problems) {
        annotateError({ title: `${problem.title} failed`, message: hints.withoutRepeatedHints(problem.message) });
    }
    if (failed.length === 0 && problems.length === 0)
        return;
    const skipped = results.filter((result) => result.status === 'skipped').length;
    const counts = [
        ...(failed.length > 0 ? [`${failed.length} of ${results.length} groups failed`] : []),
        ...(skipped > 0 ? [`${skipped} ${skipped === 1 ? 'was' : 'were'} skipped`] : []),
        ...(problems.length > 0 ? [`${problems.length} follow-up step${problems.length === 1 ? '' : 's'} failed`] : [])
    ];
    failStep(`${counts.join(', ')}. Each failure has an error annotation of its own, and the results output holds every group's outcome.`);
}
/**
 * The text as it fits in one annotation. When it is too long, the whole text is logged first, so
 * that nothing is lost, and the annotation ends with a note that says where it is.
 */
function fitAnnotation(text) {
    const message = (0,secrets/* redactSecrets */.fp)(text);
    if (message.length <= MAX_ANNOTATION_CHARACTERS)
        return message;
    core/* info */.pq(message);
    const room = MAX_ANNOTATION_CHARACTERS - SHORTENED.length;
    const cut = message.slice(0, room);
    const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), room - 40)).replace(/[\s.,;:]+$/, '');
    return `${atWord}${SHORTENED}`;
}
/** One error annotation, titled, of at most MAX_ANNOTATION_CHARACTERS. */
function annotateError(failure) {
    core/* error */.z3(fitAnnotation(failure.message), { title: (0,secrets/* redactSecrets */.fp)(failure.title) });
}
/** Fails the step with `message`, of at most MAX_ANNOTATION_CHARACTERS. */
function failStep(message) {
    core/* setFailed */.C1(fitAnnotation(message));
}
/**
 * Fails the step with what stopped the run before any group was tried (bad input, mostly). An empty
 * secret input on a run that gets no secrets says why, and how a workflow guards the step.
 */
function failRun(error) {
    const message = (0,errors/* messageOf */.bD)(error);
    const emptySecret = error instanceof errors/* InputError */.dz && SECRET_INPUTS.has(error.input) && / is empty\b/.test(message);
    const note = emptySecret ? withheldSecretsNote() : undefined;
    failStep(note === undefined ? message : `${asSentence(message)} ${note}`);
}
const SECRET_INPUTS = new Set(['token', 'github-token']);
function asSentence(text) {
    return /[.!?]$/.test(text) ? text : `${text}.`;
}
/**
 * Drops the hints that an earlier message already gave: when several groups fail for one reason,
 * each would repeat "check the token" and the like. A message's first sentence (what failed) and
 * last (what became of the link: "Nothing was reset.") are always kept; a sentence between them is
 * kept the first time only.
 */
class HintFilter {
    said = new Set();
    withoutRepeatedHints(message) {
        const sentences = sentencesOf(message);
        if (sentences.length <= 2)
            return message;
        const first = sentences[0];
        const last = sentences.at(-1);
        const hints = sentences.slice(1, -1).filter((hint) => !this.said.has(hint));
        for (const hint of sentences.slice(1, -1))
            this.said.add(hint);
        return [first, ...hints, last].join(' ');
    }
}
/**
 * The sentences of a message: each ends at a full stop (or ! or ?) followed by a space and a
 * capital letter, outside parentheses, where a quoted server message may hold sentences of its own.
 */
function sentencesOf(text) {
    const sentences = [];
    let depth = 0;
    let start = 0;
    for (let index = 0; index < text.length; index++) {
        const character = text[index];
        if (character === '(')
            depth++;
        else if (character === ')')
            depth = Math.max(0, depth - 1);
        else if (depth === 0 && /[.!?]/.test(character) && /^\s+[A-Z"]/.test(text.slice(index + 1, index + 3))) {
            sentences.push(text.slice(start, index + 1).trim());
            start = index + 1;
        }
    }
    sentences.push(text.slice(start).trim());
    return sentences.filter((sentence) => sentence !== '');
}


/***/ })

};

//# sourceMappingURL=475.index.js.map