import { redactSecrets } from './secrets.js'

/**
 * The one rule of what must never be printed, and the ways of printing text safely by it.
 *
 * Controls: C0 and C1 controls, DEL, and the Unicode line and paragraph separators. The runner ends
 * a log line at a lone CR as well as at LF, so one inside a value could start a workflow command
 * such as `::add-mask::`; Markdown ends a line at a CR too.
 *
 * Invisible formatting: bidirectional embeddings, overrides, isolates and marks, zero-width
 * characters, the word joiner and invisible operators, the byte order mark, fillers that render as
 * nothing, and the tag characters. They are not shown, but they change what a reader sees: a group
 * name holding U+202E reads backwards in the message the organisation's own number sends.
 */
const CONTROLS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029'
const TAB = '\\u0009'
const LINE_FEED = '\\u000a'
const INVISIBLE_FORMATTING =
  '\\u00ad\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u202a-\\u202e' +
  '\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}'

/** What an input may hold that the rule otherwise refuses: a tab inside a line, line breaks in a message. */
export interface Allowed {
  tab?: boolean
  lineFeed?: boolean
}

function unprintable(allowed: Allowed = {}, flags = 'u'): RegExp {
  const controls = CONTROLS + (allowed.tab ? '' : TAB) + (allowed.lineFeed ? '' : LINE_FEED)
  return new RegExp(`[${controls}${INVISIBLE_FORMATTING}]`, flags)
}

const CONTROL_RUNS = new RegExp(`[${CONTROLS}${TAB}${LINE_FEED}]+`, 'gu')
// The class lists each character on its own (U+17B4 is a combining mark, but it is never meant joined).
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_FORMATTING_RUNS = new RegExp(`[${INVISIBLE_FORMATTING}]+`, 'gu')
const ANY_UNPRINTABLE = unprintable({}, 'gu')
const CONTROL = new RegExp(`[${CONTROLS}${TAB}${LINE_FEED}]`)

export interface UnprintableCharacter {
  character: string
  /** Where it is, counted in characters from 1. */
  position: number
  /** Such as `U+202E, a right-to-left override`. */
  description: string
  kind: 'control' | 'invisible formatting'
}

/** The first character of `text` that must never be printed, apart from what `allowed` lets through. */
export function findUnprintable(text: string, allowed?: Allowed): UnprintableCharacter | undefined {
  const match = unprintable(allowed).exec(text)
  if (match === null) return undefined
  const character = match[0]
  const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  const name = CHARACTER_NAMES[character]
  return {
    character,
    position: [...text.slice(0, match.index)].length + 1,
    description: name ? `${code}, ${name}` : code,
    kind: CONTROL.test(character) ? 'control' : 'invisible formatting'
  }
}

const CHARACTER_NAMES: Record<string, string> = {
  '\t': 'a tab',
  '\n': 'a line feed',
  '\r': 'a carriage return',
  '\f': 'a form feed',
  '\u0000': 'a null character',
  '\u001b': 'an escape',
  '\u007f': 'a delete',
  '\u0085': 'a next-line character',
  '\u2028': 'a line separator',
  '\u2029': 'a paragraph separator',
  '\u202e': 'a right-to-left override'
}

/**
 * Text as a person may be shown it: every control becomes a space and invisible formatting is left
 * out. A control is replaced, never deleted, so that words it separated stay apart.
 */
export function printable(text: string): string {
  return text.replace(INVISIBLE_FORMATTING_RUNS, '').replace(CONTROL_RUNS, ' ')
}

const MAX_LENGTH = 300

/**
 * Makes text that came from a server safe to print: one line (so that nothing in it can start a
 * workflow command), without invisible formatting, bounded in length, and with every secret redacted.
 *
 * The order matters. Secrets are redacted first, while the text is as the server sent it: a secret
 * that holds whitespace would no longer match once runs of it are collapsed, and one cut by the
 * length limit would leave its start behind. They are redacted again once invisible formatting is
 * left out, since a secret split by a zero-width space is whole again after that. Controls become a
 * space, so that a secret the server split with one is not joined back together.
 */
export function serverText(text: string): string {
  const visible = redactSecrets(redactSecrets(text).replace(INVISIBLE_FORMATTING_RUNS, ''))
  const oneLine = visible.replace(CONTROL_RUNS, ' ').replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_LENGTH ? `${oneLine.slice(0, MAX_LENGTH - 1)}…` : oneLine
}

const MAX_QUOTED_LENGTH = 100

/** As JavaScript writes the character: \u0085, or \u{e0041} beyond the first plane. */
function escaped(character: string): string {
  const hex = character.codePointAt(0)!.toString(16)
  return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`
}

/**
 * A value from an input, quoted for an error message: every character the rule refuses shown as an
 * escape (inputs holding them are refused, but the message saying so must not carry them), and a
 * long value cut short with its length, so that a huge input does not become a huge log line.
 */
export function quotedInput(value: string): string {
  const visible = value.replace(ANY_UNPRINTABLE, escaped)
  return visible.length > MAX_QUOTED_LENGTH
    ? `"${visible.slice(0, MAX_QUOTED_LENGTH - 1)}…" (${value.length} characters)`
    : `"${visible}"`
}
