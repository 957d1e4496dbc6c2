import { InputError } from '../safety/errors.js'
import { findUnprintable, quotedInput } from '../safety/text-safety.js'

/* What every input reader shares: lines, control characters, booleans and seconds. */

export type InputReader = (name: string) => string

/**
 * The meaningful lines of a multi-line input, each with its line number; `#` starts a comment. A
 * line ends at LF or CRLF; any other control character, a lone CR included, is refused, comments
 * too, before anything is sent anywhere.
 */
export function meaningfulLines(raw: string, input: string): Array<{ text: string; line: number }> {
  return raw
    .split(/\r?\n/)
    .map((text, index) => {
      refuseControlCharacters(input, text, index + 1)
      return { text: text.replace(/(^|\s)#.*$/, '').trim(), line: index + 1 }
    })
    .filter(({ text }) => text !== '')
}

/** Inputs read line by line, each line checked on its own (see meaningfulLines). */
export const MULTI_LINE_INPUTS = new Set(['group', 'update-files', 'announce-to', 'remove', 'demote'])

/**
 * Wraps the input reader so that every single-line input is refused if it holds a control
 * character, before it is parsed or echoed. The token is checked by parseToken, whose messages
 * never quote it.
 */
export function withoutControlCharacters(read: InputReader): InputReader {
  return (name) => {
    const value = read(name)
    // announce-message may hold line breaks: parseMessage refuses the other control characters.
    const checkedElsewhere = name === 'token' || name === 'announce-message' || MULTI_LINE_INPUTS.has(name)
    return checkedElsewhere ? value : refuseControlCharacters(name, value)
  }
}

/**
 * Returns `value`, or throws an InputError naming the input, the line and the character, never
 * echoing the value. A tab is left alone in a line of a multi-line input, where it is only spacing
 * (before a comment, say).
 */
export function refuseControlCharacters(input: string, value: string, line?: number): string {
  const found = findUnprintable(value, { tab: line !== undefined })
  if (found === undefined) return value
  const what =
    found.kind === 'control' ? 'a line break or another control character' : 'an invisible formatting character'
  throw new InputError(
    input,
    `holds ${what} (${found.description}) at position ${found.position}; ` +
      `expected plain text${line === undefined ? ' on one line' : ', one entry per line'}, without control or invisible formatting characters`,
    line
  )
}

export function parseSeconds(
  raw: string,
  input: string,
  rule: { fallback: string; allowZero: boolean; max: number }
): number {
  const value = raw.trim() || rule.fallback
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  const inRange = (rule.allowZero ? seconds >= 0 : seconds > 0) && seconds <= rule.max
  if (!inRange) {
    const lowest = rule.allowZero ? 'from 0' : 'above 0'
    throw new InputError(
      input,
      `holds ${quotedInput(value)}; expected a number of seconds ${lowest} and at most ${rule.max}`
    )
  }
  return Math.round(seconds * 1000)
}

/** Like core.getBooleanInput, but with an error that names the input on one line. */
export function parseBoolean(raw: string, input: string, fallback = false): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(input, `holds ${quotedInput(value)}; expected true or false`)
}
