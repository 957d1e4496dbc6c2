import { type RetryNotice, reworded } from './errors.js'

/*
 * Phone numbers (and the LIDs WhatsApp uses in their place) are personal data, and the log of a
 * public repository is public; so is an output, once a later step puts it in its `env:`, which the
 * runner prints. Any text that reads as a phone number is shown by its last four digits only,
 * after its country code when it is written in international form: `+55 •••• 0001`, `•••• 0001`.
 *
 * What reads as one, by meaning rather than by digit runs:
 * - the digits of a contact JID (…@s.whatsapp.net, …@c.us) or of a LID (…@lid);
 * - 7 to 15 digits written with `+`, or split into groups by spaces, dashes, dots or parentheses;
 * - 7 to 15 digits alone, unless they cannot be a number in international form: 10 or more digits
 *   after a 1 or a 7 are 11 digits in all (timestamps, in seconds or milliseconds, are not).
 * What does not: a group JID (…@g.us, even an old one holding its creator's number, since it names
 * the group), digits inside a word or an invite code, dates, times, IPv4 addresses and versions.
 */
const CANDIDATE =
  /(?<![\w@.+-])(?:(\d{7,32})(?=(?::\d{1,4})?@(s\.whatsapp\.net|c\.us|lid)\b)|(\+[ \u00a0]?)?((?:\(\d{1,5}\)|\d+)(?:[ \u00a0.-]?\(\d{1,5}\)|[ \u00a0.-]\d+|(?<=\))\d+)*)(?![\w@]|[.-]\d))/gi
// Each group of digits after the first follows a separator or a parenthesis, never another digit: a
// run of digits splits one way only, so a long run cannot make the match try every split (which took
// 46 s on 33 digits before a @lid).
// E.164 country codes of one and two digits; every other starts with three.
const ONE_DIGIT_CODE = /^[17]/
const TWO_DIGIT_CODE = /^(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/
const DATE = /\d{4}-\d\d?-\d\d?|\d\d?[.-]\d\d?[.-]\d{4}/
const SMALL_DOTTED_GROUPS = /^\d{1,3}(\.\d{1,3})+$/
const LONG_DOTTED_GROUP = /\d{6}\.|\.\d{6}/

/** The examples the action's own messages give of a number, as they write them: nobody's, and no help masked. */
const EXAMPLES = new Set(['+55 11 99999-0000', '5511999999999'])

/** `text` with every phone number and LID in it masked: `+55 •••• 0001`, `•••• 2345@lid`. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(CANDIDATE, (match, jidDigits?: string, server?: string, plus?: string, written?: string) => {
    if (jidDigits !== undefined) {
      return server!.toLowerCase() === 'lid' ? `•••• ${jidDigits.slice(-4)}` : international(jidDigits)
    }
    return EXAMPLES.has(match) ? match : (maskedWritten(match, written!, plus !== undefined) ?? match)
  })
}

/** The masked form of digits written alone or in groups, or undefined when they are no phone number. */
function maskedWritten(match: string, written: string, plus: boolean): string | undefined {
  const digits = written.replace(/\D/g, '')
  const alone = digits === written
  if (digits.length > 15) {
    if (alone || !/[ \u00a0]/.test(written)) return undefined
    return sideBySide(match)
  }
  if (digits.length < 7) return undefined
  if (plus) return international(digits)
  if (alone) {
    if (digits.length < 10) return `•••• ${digits.slice(-4)}`
    return ONE_DIGIT_CODE.test(digits) && digits.length !== 11 ? undefined : international(digits)
  }
  if (DATE.test(written) || SMALL_DOTTED_GROUPS.test(written) || LONG_DOTTED_GROUP.test(written)) return undefined
  return `•••• ${digits.slice(-4)}`
}

/**
 * Numbers written side by side, one space apart: each ends at a group of four digits or more once
 * it holds seven, where a number's last group usually is. What is left over is too short to be one.
 */
function sideBySide(match: string): string {
  let masked = ''
  let number = ''
  for (const part of match.split(/(?<=[ \u00a0])(?=[^ \u00a0])/)) {
    number += part
    const digits = number.replace(/\D/g, '')
    if (digits.length >= 7 && /\d{4}[ \u00a0]*$/.test(part)) {
      // More than one number's digits with no group of four between them: all of them hidden.
      const shown = digits.length > 15 ? `•••• ${digits.slice(-4)}` : maskPhoneNumbers(number.trimEnd())
      masked += number.replace(/^[^]*?(?=[ \u00a0]*$)/, shown)
      number = ''
    }
  }
  // Digits left over belong to a number the groups did not tell apart: the whole run is hidden.
  return /\d/.test(number) ? `•••• ${match.replace(/\D/g, '').slice(-4)}` : masked + number
}

function international(digits: string): string {
  const codeLength = ONE_DIGIT_CODE.test(digits) ? 1 : TWO_DIGIT_CODE.test(digits) ? 2 : 3
  return `+${digits.slice(0, codeLength)} •••• ${digits.slice(-4)}`
}

/** A retry notice whose error message (which may echo a chat or a participant) is masked. */
export function maskedNotice(notice: RetryNotice): RetryNotice {
  return { ...notice, error: reworded(notice.error, maskPhoneNumbers(notice.error.message)) }
}
