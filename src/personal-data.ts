import { reworded } from './errors.js'
import type { RetryNotice } from './retry.js'

/*
 * Phone numbers (and the LIDs WhatsApp uses in their place) are personal data, and the log of a
 * public repository is public: only the country code and the last four digits are printed.
 * Outputs keep them whole.
 */
const PHONE_OR_LID = /(?<![\w+-])\+?(\d{7,15}|\d{7,32}(?=@lid\b))(?![\w-])/g
// E.164 country codes of one and two digits; every other starts with three.
const ONE_DIGIT_CODE = /^[17]/
const TWO_DIGIT_CODE = /^(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/

/** `text` with every phone number and LID in it masked: `+55 •••• 0001`, `•••• 2345@lid`. */
export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE_OR_LID, (match, digits: string, offset: number) => {
    const last = digits.slice(-4)
    if (text.startsWith('@lid', offset + match.length)) return `•••• ${last}`
    const codeLength = ONE_DIGIT_CODE.test(digits) ? 1 : TWO_DIGIT_CODE.test(digits) ? 2 : 3
    return `+${digits.slice(0, codeLength)} •••• ${last}`
  })
}

/** A retry notice whose error message (which may echo a chat or a participant) is masked. */
export function maskedNotice(notice: RetryNotice): RetryNotice {
  return { ...notice, error: reworded(notice.error, maskPhoneNumbers(notice.error.message)) }
}
