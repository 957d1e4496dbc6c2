import { redactSecrets } from './secrets.js'

const MAX_LENGTH = 300
/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators: what must never be printed. */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

/**
 * Makes text that came from a server safe to print: one line (so that nothing in it can start a
 * workflow command such as `::add-mask::`), bounded in length, and with every secret redacted.
 *
 * The order matters. Secrets are redacted first, while the text is as the server sent it: a secret
 * that holds whitespace would no longer match once runs of it are collapsed, and one cut by the
 * length limit would leave its start behind. Control characters are replaced by a space, never
 * deleted, so that a secret the server split with one is not joined back together.
 */
export function serverText(text: string): string {
  const oneLine = redactSecrets(text).replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_LENGTH ? `${oneLine.slice(0, MAX_LENGTH - 1)}…` : oneLine
}

const MAX_QUOTED_LENGTH = 100

/**
 * A value from an input, quoted for an error message: control characters shown as escapes (inputs
 * holding them are refused, but the message saying so must not carry them), and a long value cut
 * short with its length, so that a huge input does not become a huge log line.
 */
export function quotedInput(value: string): string {
  const visible = value.replace(UNSAFE_CHARACTERS, (run) =>
    [...run].map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
  )
  return visible.length > MAX_QUOTED_LENGTH
    ? `"${visible.slice(0, MAX_QUOTED_LENGTH - 1)}…" (${value.length} characters)`
    : `"${visible}"`
}
