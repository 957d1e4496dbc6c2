import { describe, expect, it } from '@jest/globals'
import { isParticipant, membersOf, participantOutcomes, pendingRequestsOf } from '../src/participant-answers.js'

describe('participantOutcomes', () => {
  it('reads each entry by the participant it names, in the forms RyzeAPI may use', () => {
    const answer = {
      success: true,
      data: {
        results: [
          { jid: '5511999990001@s.whatsapp.net', success: true },
          { phoneNumber: '+5511999990002', success: false, error: { message: 'not a participant' } },
          { participant: '200000000000001@lid', success: false, error: 'not an admin' },
          { participant: '5511999990009', success: 'yes' },
          'junk'
        ]
      }
    }
    const outcomes = participantOutcomes(answer, ['5511999990001', '5511999990002', '200000000000001@lid'])
    expect([...outcomes]).toEqual([
      ['5511999990001', { success: true }],
      ['5511999990002', { success: false, error: 'not a participant' }],
      ['200000000000001@lid', { success: false, error: 'not an admin' }]
    ])
  })

  it('matches unnamed entries by their place, and leaves out what the answer does not mention', () => {
    const outcomes = participantOutcomes({ participants: [{ success: true }] }, ['5511999990001', '5511999990002'])
    expect([...outcomes]).toEqual([['5511999990001', { success: true }]])
    expect(participantOutcomes({ success: true }, ['5511999990001']).size).toBe(0)
  })
})

describe('membersOf and pendingRequestsOf', () => {
  it('read the members from the group, with every way of saying admin', () => {
    const answer = {
      group: {
        participants: [
          { jid: '5511999990001@s.whatsapp.net', isAdmin: true },
          { id: '5511999990002:3@s.whatsapp.net', admin: 'superadmin', phoneNumber: '5511999990002' },
          { jid: '200000000000001@lid', isSuperAdmin: true },
          { jid: '5511999990004@s.whatsapp.net', admin: null },
          { name: 'no jid' }
        ]
      }
    }
    expect(membersOf(answer)).toEqual([
      { jid: '5511999990001@s.whatsapp.net', isAdmin: true },
      { jid: '5511999990002:3@s.whatsapp.net', phoneNumber: '5511999990002', isAdmin: true },
      { jid: '200000000000001@lid', isAdmin: true },
      { jid: '5511999990004@s.whatsapp.net', isAdmin: false }
    ])
    expect(() => membersOf({ success: true, group: {} })).toThrow("RyzeAPI sent no list of the group's members.")
  })

  it('read the pending requests, a missing phone number left out', () => {
    const answer = {
      requests: [
        { jid: '200000000000001@LID', phoneNumber: '+55 11 99999-0001' },
        { jid: 'x@lid', phoneNumber: null },
        {}
      ]
    }
    expect(pendingRequestsOf(answer)).toEqual([
      { jid: '200000000000001@lid', phoneNumber: '5511999990001' },
      { jid: 'x@lid' }
    ])
    expect(() => pendingRequestsOf({ success: true })).toThrow('RyzeAPI sent no list of join requests.')
  })
})

describe('isParticipant', () => {
  it('knows a person by a LID, a contact JID with or without a device, or a phone number', () => {
    expect(isParticipant('200000000000001@lid', '200000000000001@LID', undefined)).toBe(true)
    expect(isParticipant('200000000000001@lid', '5511999990001@s.whatsapp.net', undefined)).toBe(false)
    expect(isParticipant('5511999990001', '5511999990001:7@s.whatsapp.net', undefined)).toBe(true)
    expect(isParticipant('5511999990001', '5511999990001@c.us', undefined)).toBe(true)
    expect(isParticipant('5511999990001', '999@lid', '+55 11 99999-0001')).toBe(true)
    expect(isParticipant('5511999990001', '5511999990001@lid', undefined)).toBe(false)
  })
})
