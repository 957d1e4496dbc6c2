import { describe, expect, it } from '@jest/globals'
import {
  type Member,
  findIn,
  identitiesOf,
  identityOf,
  isPlausibleRoster,
  phoneKey,
  samePerson
} from '../../src/incident/participant-identity.js'

const person = (...texts: string[]) => ({ identities: identitiesOf(...texts) })
const member = (jid: string, more: Partial<Member> & { phoneNumber?: string } = {}): Member => ({
  jid,
  identities: identitiesOf(jid, more.phoneNumber),
  isAdmin: more.isAdmin ?? false,
  isSuperAdmin: more.isSuperAdmin ?? false
})

describe('identities', () => {
  it('knows a person by a LID, a contact JID with or without a device, or a phone number', () => {
    expect(samePerson(person('200000000000001@lid'), person('200000000000001@LID'))).toBe(true)
    expect(samePerson(person('200000000000001@lid'), person('5511999990001@s.whatsapp.net'))).toBe(false)
    expect(samePerson(person('5511999990001'), person('5511999990001:7@s.whatsapp.net'))).toBe(true)
    expect(samePerson(person('5511999990001'), person('5511999990001@c.us'))).toBe(true)
    expect(samePerson(person('5511999990001'), person('999@lid', '+55 11 99999-0001'))).toBe(true)
    // A LID's digits are not a phone number, even when they look like one.
    expect(samePerson(person('5511999990001'), person('5511999990001@lid'))).toBe(false)
    expect(identityOf('120363406289005073@g.us')).toBeUndefined()
    expect(identityOf('Maria')).toBeUndefined()
    expect(identityOf('  ')).toBeUndefined()
    expect(identityOf('+1 (415) 555.2671')).toBe('phone:14155552671')
  })

  it('takes a Brazilian mobile number with and without its 9th digit as one person, and nothing else', () => {
    expect(phoneKey('5511999990001')).toBe('phone:551199990001')
    expect(phoneKey('551199990001')).toBe('phone:551199990001')
    expect(samePerson(person('5511999990001'), person('551199990001@s.whatsapp.net'))).toBe(true)
    // A landline (its 8 digits start with 2 to 5) has no 9th digit to add.
    expect(phoneKey('551133330001')).toBe('phone:551133330001')
    expect(samePerson(person('5511933330001'), person('551133330001'))).toBe(false)
    // Area codes start with 1 to 9; another country keeps every digit.
    expect(phoneKey('5501999990001')).toBe('phone:5501999990001')
    expect(phoneKey('14155552671')).toBe('phone:14155552671')
    expect(phoneKey('555199990001')).toBe('phone:555199990001')
  })
})

describe('what a member list proves', () => {
  const admin = member('5511999990009@s.whatsapp.net', { isAdmin: true })

  it('counts only a list that names an admin and is not far shorter than expected', () => {
    expect(isPlausibleRoster([], 0)).toBe(false)
    expect(isPlausibleRoster([member('5511999990001@s.whatsapp.net')], 1)).toBe(false)
    expect(isPlausibleRoster([admin], 1)).toBe(true)
    expect(isPlausibleRoster([admin], 2)).toBe(true)
    expect(isPlausibleRoster([admin], 3)).toBe(false)
    expect(isPlausibleRoster([admin, member('5511999990001@s.whatsapp.net')], 4)).toBe(true)
  })

  it('shows a person present by any identity, absent only when every entry can be told apart', () => {
    const leaker = person('5511999990001', '200000000000001@lid')
    expect(findIn([admin, member('200000000000001@lid')], leaker)).toMatchObject({ found: 'present' })
    expect(findIn([admin, member('200000000000002@lid', { phoneNumber: '5511999990003' })], leaker)).toEqual({
      found: 'absent'
    })
    // Known only by phone number, the person may be a member listed only by LID.
    expect(findIn([admin, member('200000000000002@lid')], person('5511999990001'))).toEqual({ found: 'unknown' })
    expect(findIn([admin], person('5511999990001'))).toEqual({ found: 'absent' })
  })
})

describe('identityOf, exactly', () => {
  it.each([
    ['5511999990001@S.WHATSAPP.NET', 'phone:551199990001'],
    [' +5511999990001@c.us ', 'phone:551199990001'],
    ['14155552671:3@s.whatsapp.net', 'phone:14155552671'],
    ['123@lid', 'lid:123'],
    ['+1 415-555-2671', 'phone:14155552671'],
    ['5511999990001@g.us', undefined],
    ['x5511999990001@s.whatsapp.net', undefined],
    ['5511999990001@s.whatsapp.net.example', undefined],
    ['123@lid.example', undefined],
    ['1:2:3@lid', undefined],
    ['415 555 2671 ext', undefined],
    ['()', undefined]
  ])('%j is %j', (text, identity) => {
    expect(identityOf(text)).toBe(identity)
  })

  it.each([
    ['5511999990001', 'phone:551199990001'],
    ['5521699990001', 'phone:5521699990001'],
    ['552169990001', 'phone:552169990001'],
    ['5511599990001', 'phone:5511599990001'],
    ['55119999900012', 'phone:55119999900012'],
    ['155119999990001', 'phone:155119999990001'],
    ['5510999990001', 'phone:5510999990001']
  ])('the Brazilian key of %s is %s', (digits, key) => {
    expect(phoneKey(digits)).toBe(key)
  })

  it('compares kinds: a person known by both is told apart from an entry of either kind', () => {
    const both = person('5511999990001', '200000000000001@lid')
    expect(findIn([member('5511999990005@s.whatsapp.net', { isAdmin: true })], both)).toEqual({ found: 'absent' })
    expect(findIn([member('200000000000005@lid', { isAdmin: true })], both)).toEqual({ found: 'absent' })
    expect(findIn([member('200000000000005@lid', { isAdmin: true })], person('200000000000001@lid'))).toEqual({
      found: 'absent'
    })
    expect(findIn([member('5511999990005@s.whatsapp.net')], person('200000000000001@lid'))).toEqual({
      found: 'unknown'
    })
  })
})
