import { describe, expect, it } from '@jest/globals'
import { RequestError } from '../../src/safety/errors.js'
import { maskPhoneNumbers, maskedNotice } from '../../src/safety/personal-data.js'

/*
 * Phone numbers are found by meaning: however a person or a server writes one, only its last four
 * digits are shown (after its country code when it is written in international form). What only
 * looks like digits (group JIDs, invite codes, times, addresses, counts) is left as it is.
 */

describe('maskPhoneNumbers: what reads as a phone number', () => {
  it.each([
    ['5511999990001', '+55 •••• 0001'],
    ['+5511999990001', '+55 •••• 0001'],
    ['+55 11 99999-0001', '+55 •••• 0001'],
    ['+55 (11) 99999-0001', '+55 •••• 0001'],
    ['+55-11-99999-0001', '+55 •••• 0001'],
    ['+55.11.99999.0001', '+55 •••• 0001'],
    ['+1 415 555 2671', '+1 •••• 2671'],
    ['+353 1 234 5678', '+353 •••• 5678'],
    ['(11) 99999-0001', '•••• 0001'],
    ['99999-0001', '•••• 0001'],
    ['11.99999.0001', '•••• 0001'],
    ['55 11 9 9999 0001', '•••• 0001'],
    ['5 5 1 1 9 9 9 9 9 0 0 0 1', '•••• 0001'],
    ['55\u00a011\u00a099999\u00a00001', '•••• 0001'],
    ['99990001', '•••• 0001'],
    ['999990001', '•••• 0001'],
    ['6831234', '•••• 1234'],
    ['+7 123 4567', '+7 •••• 4567'],
    ['(11)99999-0001', '•••• 0001'],
    ['55 (11) 99999-0001', '•••• 0001'],
    ['55(11)99999-0001', '•••• 0001'],
    ['+1(415)555-2671', '+1 •••• 2671'],
    ['1-23-45 6789', '•••• 6789'],
    ['11-22-333-4444', '•••• 4444'],
    ['1234.567.890', '•••• 7890'],
    ['+351 912 345 678 901', '+351 •••• 8901'],
    ['123456789012345:12@lid', '•••• 2345:12@lid'],
    ['14155552671', '+1 •••• 2671'],
    ['79161234567', '+7 •••• 4567'],
    ['5511999990001@s.whatsapp.net', '+55 •••• 0001@s.whatsapp.net'],
    ['5511999990001:12@s.whatsapp.net', '+55 •••• 0001:12@s.whatsapp.net'],
    ['5511999990001@c.us', '+55 •••• 0001@c.us'],
    ['5511999990001@S.WHATSAPP.NET', '+55 •••• 0001@S.WHATSAPP.NET'],
    ['123456789012345@lid', '•••• 2345@lid'],
    ['123456789012345@LID', '•••• 2345@LID']
  ])('masks %j as %j', (text, masked) => {
    expect(maskPhoneNumbers(text)).toBe(masked)
  })

  it("masks the numbers of the action's examples when they are written otherwise, or as a JID", () => {
    expect(maskPhoneNumbers('5511999999999@c.us +55 (11) 99999-0000')).toBe('+55 •••• 9999@c.us +55 •••• 0000')
  })

  it('masks a number inside a sentence, keeping what is around it', () => {
    expect(maskPhoneNumbers('Call +55 (11) 99999-0001, then (11) 98888-0002.')).toBe(
      'Call +55 •••• 0001, then •••• 0002.'
    )
    expect(maskPhoneNumbers('participant 5511999990001 is not in the group')).toBe(
      'participant +55 •••• 0001 is not in the group'
    )
    expect(maskPhoneNumbers('(5511999990001)')).toBe('(+55 •••• 0001)')
    expect(maskPhoneNumbers('number=5511999990001&x')).toBe('number=+55 •••• 0001&x')
    expect(maskPhoneNumbers('[5511999990001]: no')).toBe('[+55 •••• 0001]: no')
  })

  it.each([
    ['+27 21 123 4567', '+27 •••• 4567'],
    ['+212 522 123 456', '+212 •••• 3456'],
    ['+33 1 23 45 67 89', '+33 •••• 6789'],
    ['+351 21 123 4567', '+351 •••• 4567'],
    ['+49 30 1234567', '+49 •••• 4567'],
    ['+420 212 345 678', '+420 •••• 5678'],
    ['+55 11 99999-0001', '+55 •••• 0001'],
    ['+591 2 123 4567', '+591 •••• 4567'],
    ['+61 2 1234 5678', '+61 •••• 5678'],
    ['+670 331 1234', '+670 •••• 1234'],
    ['+81 3 1234 5678', '+81 •••• 5678'],
    ['+880 2 1234 5678', '+880 •••• 5678'],
    ['+90 212 123 4567', '+90 •••• 4567'],
    ['+960 331 2345', '+960 •••• 2345']
  ])('keeps the country code of %j, of one, two or three digits', (text, masked) => {
    expect(maskPhoneNumbers(text)).toBe(masked)
  })

  it('tells apart numbers written side by side, one space apart', () => {
    expect(maskPhoneNumbers('351912345678901 5511999990002')).toBe('+351 •••• 8901 +55 •••• 0002')
    expect(maskPhoneNumbers('999 0001 5511999990002')).toBe('•••• 0001 +55 •••• 0002')
    // However they are split, no seven digits are left close together.
    expect(maskPhoneNumbers('5511 99999 0001 5511 99999 0002')).not.toMatch(/\d(?:\D{0,3}\d){6}/)
    // A run whose groups do not tell its numbers apart is hidden whole, but for its last four digits.
    expect(maskPhoneNumbers('5511 9999-01 5511 9999-02 and')).toBe('•••• 9902 and')
    // So is a run that ends in digits too few for a number of their own, after numbers it told apart.
    expect(maskPhoneNumbers('5511999990001 5511999990002 123456')).toBe('•••• 3456')
    expect(maskPhoneNumbers('5511999990001 5511999990002')).toBe('+55 •••• 0001 +55 •••• 0002')
    expect(maskPhoneNumbers('+55 11 99999-0001 +55 11 99999-0002')).toBe('+55 •••• 0001 +55 •••• 0002')
    expect(maskPhoneNumbers('11 99999-0001 11 99999-0002')).toBe('•••• 0001 •••• 0002')
  })
})

describe('maskPhoneNumbers: what only looks like digits', () => {
  it.each([
    ['a group JID', '120363406289005073@g.us'],
    ['a group JID without its suffix', '120363406289005073'],
    ["an old group JID, which names the group by its creator's number", '5511988887777-1581234567@g.us'],
    ['an old group JID without its suffix', '5511988887777-1581234567'],
    ['an IPv4 address', '10.20.30.40'],
    ['a loopback address', '127.0.0.1'],
    ['a decimal with many places', 'version 1.123456789'],
    ['a date with a one-digit month', 'on 2026-1-05'],
    ['a date with a one-digit day', 'on 2026-12-5'],
    ['a date written day first, with a one-digit day', 'on 5.12.2026'],
    ['a date written day first, with a one-digit month', 'on 05.1.2026'],
    ['an invite link', 'https://chat.whatsapp.com/AB12345678CD'],
    ['an invite code led by digits', '1234567AbCdEfGhIjKlMn'],
    ['an invite code with digits inside', 'AbCd1234567890xyZ'],
    ['a date and time', '2026-12-05T21:31:14.000Z'],
    ['a date, then a time', 'at 2026-12-05 21:31'],
    ['a date written the other way', 'on 05.12.2026 and 05-12-2026'],
    ['a Unix time in seconds', 'resets at 1764970000'],
    ['a Unix time in milliseconds', 'at 1764970000000'],
    ['an address and port', 'https://127.0.0.1:8787/api'],
    ['a version', 'Node 24.4.0 and 1.2.3.4'],
    ['counts and statuses', 'HTTP 429: 0 of 100 requests left, attempt 2 of 4, in 30.5 s'],
    ['a short LID', '123456@lid'],
    ['too many digits for one number', '+1234567890123456'],
    ['digits in a word', 'abc5511999990001'],
    ["the examples the action's messages give, as they write them", 'such as +55 11 99999-0000 or 5511999999999'],
    ['a number that goes on as a decimal', '5511999990001.5']
  ])('leaves %s alone', (_what, text) => {
    expect(maskPhoneNumbers(text)).toBe(text)
  })
})

describe('maskPhoneNumbers: runs of short groups', () => {
  it('hides every digit but the last four of a run too long for one number, with no group of four to split it at', () => {
    expect(maskPhoneNumbers('12 34 56 78 90 12 34 56 7890 and more')).toBe('•••• 7890 and more')
    expect(maskPhoneNumbers('55 11 9 9999 0001 55 11 9 9999 0002')).not.toMatch(/99999|9 9999 0001/)
  })
})

describe('maskedNotice', () => {
  it("masks the retried error's message, and keeps the rest of the notice and the error's kind", () => {
    const error = new RequestError('status', 'RyzeAPI answered HTTP 503: busy with 5511999990001.', { status: 503 })
    const notice = { what: 'Sending', attempt: 1, maxAttempts: 4, error, delayMs: 1000, waitingFor: 'backoff' as const }
    const masked = maskedNotice(notice)
    expect(masked).toEqual({ ...notice, error: expect.any(RequestError) })
    expect(masked.error.message).toBe('RyzeAPI answered HTTP 503: busy with +55 •••• 0001.')
    expect(masked.error).toMatchObject({ kind: 'status', status: 503 })
  })
})

describe('maskPhoneNumbers on text a hostile server could send', () => {
  // Each of these made the pattern try every way to split the digits: 33 digits before @lid took
  // 46 s. Jest's time-out is what fails here, should the pattern backtrack like that again.
  it.each([
    ['a LID too long to be one', `${'1'.repeat(60)}@lid`],
    ['a run of digits too long to be a number, before a word', `${'9'.repeat(5000)}x`]
  ])('leaves %s as it is, at once', (_what, text) => {
    expect(maskPhoneNumbers(text)).toBe(text)
  })

  it('hides thousands of digit groups written side by side, at once', () => {
    const masked = maskPhoneNumbers(`${'1234 '.repeat(4000)}-`)
    // Two groups of four make a number of eight digits: each pair shows its last four.
    expect(masked).toBe(`${'•••• 1234 '.repeat(2000)}-`)
  })
})
