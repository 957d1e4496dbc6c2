import { describe, expect, it } from '@jest/globals'
import { parseIncident } from '../../src/inputs/participant-input.js'
import { maskPhoneNumbers } from '../../src/safety/personal-data.js'

const lines = (...texts: string[]) => texts.map((text, index) => ({ text, line: index + 1 }))

describe('parseIncident', () => {
  it('reads phone numbers in any usual form, contact JIDs and LIDs, the same person once', () => {
    const incident = parseIncident({
      remove: lines('+55 (11) 99999-0001', '5511999990001@s.whatsapp.net', '123456789012345@LID'),
      demote: lines('1 415 555 2671'),
      reject: true
    })
    expect(incident).toEqual({
      remove: ['5511999990001', '123456789012345@lid'],
      demote: ['14155552671'],
      rejectJoinRequests: true,
      // Each person's first line: what a refusal of that person names.
      lines: {
        remove: new Map([
          ['5511999990001', 1],
          ['123456789012345@lid', 3]
        ]),
        demote: new Map([['14155552671', 1]])
      }
    })
  })

  it.each([
    ['Maria', 'is not a phone number'],
    ['120363406289005073@g.us', 'holds a group JID, not a participant'],
    ['12345', 'holds a number of 5 digits; a phone number with its country code has 7 to 15'],
    ['+55 11 99999-0001 2345', 'holds a number of 17 digits'],
    ['011 99999 0001', 'starts with 0'],
    // Its area code would be read as a country code (+1 here): a stranger removed, not the person meant.
    ['(11) 99999-0001', 'holds a number in national form, its area code in parentheses, without its country code']
  ])('refuses %j, naming the input and the line, without echoing it', (text, problem) => {
    const run = () => parseIncident({ remove: lines('5511999990001', text), demote: [], reject: false })
    expect(run).toThrow(`Input "remove" line 2 `)
    expect(run).toThrow(problem)
    expect(run).not.toThrow(text)
  })
})

describe('maskPhoneNumbers', () => {
  it('keeps the country code and the last four digits', () => {
    expect(maskPhoneNumbers('5511999990001')).toBe('+55 •••• 0001')
    expect(maskPhoneNumbers('Sent 14155552671@s.whatsapp.net the link.')).toBe(
      'Sent +1 •••• 2671@s.whatsapp.net the link.'
    )
    expect(maskPhoneNumbers('35312345678')).toBe('+353 •••• 5678')
    expect(maskPhoneNumbers('123456789012345678@lid')).toBe('•••• 5678@lid')
  })

  it('leaves group JIDs, old-style group JIDs and invite codes alone', () => {
    const text = '120363406289005073@g.us 5511999999999-1581234567@g.us https://chat.whatsapp.com/AB12345678CD'
    expect(maskPhoneNumbers(text)).toBe(text)
  })
})

describe('parseIncident: exact forms', () => {
  it('reads a contact JID with a device suffix, and numbers of 7 and 15 digits', () => {
    const incident = parseIncident({
      remove: lines('5511999990001:12@s.whatsapp.net', '6831234'),
      demote: lines('123456789012345'),
      reject: false
    })
    expect(incident).toMatchObject({
      remove: ['5511999990001', '6831234'],
      demote: ['123456789012345'],
      rejectJoinRequests: false
    })
  })

  it.each([
    ['x5511999990001@s.whatsapp.net', 'holds a JID that is not a contact or a LID'],
    ['5511999990001@s.whatsapp.net.example', 'holds a JID that is not a contact or a LID'],
    ['5511999990001:ab@s.whatsapp.net', 'holds a JID that is not a contact or a LID'],
    ['x123@lid', 'holds a JID that is not a contact or a LID'],
    ['123@lid.example', 'holds a JID that is not a contact or a LID'],
    ['Maria 5511999990001', 'is not a phone number'],
    ['+ ( ) -', 'is not a phone number'],
    ['1234567890123456', 'holds a number of 16 digits; a phone number with its country code has 7 to 15']
  ])('refuses the demote line %j, saying what is wrong and what is expected', (text, problem) => {
    expect(() => parseIncident({ remove: [], demote: lines(text), reject: false })).toThrow(
      `Input "demote" line 1 ${problem}; expected one participant per line: a phone number with its country code (+55 11 99999-0000), a contact JID (…@s.whatsapp.net) or a LID (…@lid)`
    )
  })
})
