import { redactSecrets } from './secrets.js'

const MAX_LENGTH = 300
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

/**
 * Makes text that came from a server safe to print: one line (so that nothing in it can start a
 * workflow command such as `::add-mask::`), bounded in length, and with every secret redacted.
 */
export function serverText(text: string): string {
  const oneLine = redactSecrets(text).replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_LENGTH ? `${oneLine.slice(0, MAX_LENGTH - 1)}…` : oneLine
}
