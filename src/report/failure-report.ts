import * as core from '@actions/core'
import { InputError, joinSentences, messageOf } from '../safety/errors.js'
import { nameOf } from './outputs.js'
import { type GroupResult, type UnlinkedGroup, hasFailed } from './outcome.js'
import { maskPhoneNumbers } from '../safety/personal-data.js'
import { givenByCode } from './revoked-lines.js'
import { redactSecrets } from '../safety/secrets.js'
import { withheldSecretsNote } from '../safety/withheld-secrets.js'

/*
 * The step's errors, as a reviewer reads them on the run page: one annotation per failed group or
 * follow-up, each short, then one short error for the step. Every error the action reports goes
 * through here, so that the length cap, the redaction and the masking of phone numbers (an input
 * error may quote one) hold on every path.
 */

/** GitHub shows an annotation in full only up to a few hundred characters; longer ones are cut off. */
export const MAX_ANNOTATION_CHARACTERS = 700

const SHORTENED = ' (shortened: the full message is in the log above).'

/** Something that failed, and what names it in the annotation's title. */
export interface Failure {
  title: string
  message: string
}

/**
 * Ends the step failed when a group or a follow-up failed. One group: its error, and the follow-ups',
 * are the step's error. Several: each failed group and follow-up is an error annotation titled with
 * what failed, and the step's error only counts them and says where to look.
 */
export function reportFailures(results: GroupResult[], problems: Failure[]): void {
  const failed = results.filter(hasFailed)
  const hints = new HintFilter()
  const groupFailures = failed.map((result) => ({ title: failureTitle(result), message: withRevokedHint(result) }))
  const stepFailures = problems.map((problem) => ({ title: `${problem.title} failed`, message: problem.message }))
  if (results.length <= 1) {
    const all = [...groupFailures, ...stepFailures]
    if (all.length === 0) return
    const title = all.length === 1 ? all[0]!.title : `${all[0]!.title}, and ${plural(all.length - 1, 'more failure')}`
    failStep({ title, message: all.map((failure) => failure.message).join(' ') })
    return
  }
  for (const failure of [...groupFailures, ...stepFailures]) {
    annotateError({ title: failure.title, message: hints.withoutRepeatedHints(failure.message) })
  }
  if (failed.length === 0 && problems.length === 0) return
  const skipped = results.filter((result) => result.status === 'skipped').length
  const counts = [
    ...(failed.length > 0 ? [`${failed.length} of ${results.length} groups failed`] : []),
    ...(skipped > 0 ? [`${skipped} ${skipped === 1 ? 'was' : 'were'} skipped`] : []),
    ...(problems.length > 0 ? [`${plural(problems.length, 'follow-up step')} failed`] : [])
  ]
  failStep({
    title: counts.join(', '),
    message: `${counts.join(', ')}. Each failure has an error annotation of its own, and the results output holds every group's outcome.`
  })
}

/** What happened to a group, naming it: the title of its error. */
function failureTitle(result: UnlinkedGroup): string {
  return `${nameOf(result)} ${result.status === 'unknown' ? 'may have been reset' : 'failed'}`
}

/**
 * A group given by code or link that RyzeAPI does not find: the likeliest cause is that an earlier
 * run of this step reset its link, which killed the code the line holds. The hint says so before
 * the last sentence (what became of the link), and never repeats the code.
 */
function withRevokedHint(result: UnlinkedGroup): string {
  if (!/^RyzeAPI answered HTTP 404\b/.test(result.error) || !givenByCode(result.group)) return result.error
  const hint =
    "This line gives the group by invite code or link, which an earlier rotation may have revoked. Take the group's JID (it ends in @g.us) from the group-jid output or the results output of the run that reset the link, and write it in place of this line."
  const cut = result.error.lastIndexOf(' Nothing was reset.')
  return cut < 0 ? joinSentences(result.error, hint) : `${result.error.slice(0, cut)} ${hint}${result.error.slice(cut)}`
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/**
 * The text as it fits in one annotation. When it is too long, the whole text is logged first, so
 * that nothing is lost, and the annotation ends with a note that says where it is.
 */
export function fitAnnotation(text: string): string {
  const message = maskPhoneNumbers(redactSecrets(text))
  if (message.length <= MAX_ANNOTATION_CHARACTERS) return message
  core.info(message)
  const room = MAX_ANNOTATION_CHARACTERS - SHORTENED.length
  const cut = message.slice(0, room)
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), room - 40)).replace(/[\s.,;:]+$/, '')
  return `${atWord}${SHORTENED}`
}

/** One error annotation, titled, of at most MAX_ANNOTATION_CHARACTERS. */
export function annotateError(failure: Failure): void {
  core.error(fitAnnotation(failure.message), { title: maskPhoneNumbers(redactSecrets(failure.title)) })
}

/**
 * Fails the step with a titled error of at most MAX_ANNOTATION_CHARACTERS. core.setFailed would
 * write the error without a title, and the Checks page would show only "Error".
 */
export function failStep(failure: Failure): void {
  process.exitCode = 1
  annotateError(failure)
}

/**
 * Fails the step with what stopped the run before any group was tried (bad input, mostly). An empty
 * secret input on a run that gets no secrets says why, and how a workflow guards the step.
 */
export function failRun(error: unknown): void {
  const message = messageOf(error)
  const emptySecret = error instanceof InputError && SECRET_INPUTS.has(error.input) && / is empty\b/.test(message)
  const note = emptySecret ? withheldSecretsNote() : undefined
  failStep({
    title: runFailureTitle(error, / is empty\b/.test(message)),
    message: note === undefined ? message : `${asSentence(message)} ${note}`
  })
}

function runFailureTitle(error: unknown, empty: boolean): string {
  if (!(error instanceof InputError)) return 'The run stopped on an unexpected error'
  return empty ? `Input "${error.input}" is empty` : `Input "${error.input}" is not valid`
}

const SECRET_INPUTS = new Set(['token', 'github-token'])

function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`
}

/**
 * Drops the hints that an earlier message already gave: when several groups fail for one reason,
 * each would repeat "check the token" and the like. A message's first sentence (what failed) and
 * last (what became of the link: "Nothing was reset.") are always kept; a sentence between them is
 * kept the first time only.
 */
export class HintFilter {
  private readonly said = new Set<string>()

  withoutRepeatedHints(message: string): string {
    const sentences = sentencesOf(message)
    if (sentences.length <= 2) return message
    const first = sentences[0]!
    const last = sentences.at(-1)!
    const hints = sentences.slice(1, -1).filter((hint) => !this.said.has(hint))
    for (const hint of sentences.slice(1, -1)) this.said.add(hint)
    return [first, ...hints, last].join(' ')
  }
}

/**
 * The sentences of a message: each ends at a full stop (or ! or ?) followed by a space and a
 * capital letter, outside parentheses, where a quoted server message may hold sentences of its own.
 */
function sentencesOf(text: string): string[] {
  const sentences: string[] = []
  let depth = 0
  let start = 0
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!
    if (character === '(') depth++
    else if (character === ')') depth = Math.max(0, depth - 1)
    else if (depth === 0 && /[.!?]/.test(character) && /^\s+[A-Z"]/.test(text.slice(index + 1, index + 3))) {
      sentences.push(text.slice(start, index + 1).trim())
      start = index + 1
    }
  }
  sentences.push(text.slice(start).trim())
  return sentences.filter((sentence) => sentence !== '')
}
