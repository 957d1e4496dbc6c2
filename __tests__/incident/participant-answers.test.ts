import { describe, expect, it } from '@jest/globals'
import { membersOf, participantOutcomes, pendingRequestsOf } from '../../src/incident/participant-answers.js'
import { identitiesOf } from '../../src/incident/participant-identity.js'

/** Each participant as sent, known by the identities in its own text (and any more given). */
const sent = (...participants: Array<string | [string, ...string[]]>) =>
  new Map(
    participants.map((entry) => {
      const [participant, ...more] = typeof entry === 'string' ? [entry] : entry
      return [participant, { identities: identitiesOf(participant, ...more) }]
    })
  )

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
    const outcomes = participantOutcomes(answer, sent('5511999990001', '5511999990002', '200000000000001@lid'))
    expect([...outcomes]).toEqual([
      ['5511999990001', { success: true }],
      ['5511999990002', { success: false, error: 'not a participant' }],
      ['200000000000001@lid', { success: false, error: 'not an admin' }]
    ])
  })

  // Until #31 an unnamed entry was matched by its place; RyzeAPI promises no order, so now it counts for nobody.
  it('never matches an entry by its place: an entry that names nobody sent counts for nobody', () => {
    const outcomes = participantOutcomes({ participants: [{ success: true }] }, sent('5511999990001', '5511999990002'))
    expect(outcomes.size).toBe(0)
    expect(participantOutcomes({ success: true }, sent('5511999990001')).size).toBe(0)
  })

  it('matches answers in another order than asked, by LID, and a Brazilian number without its 9th digit', () => {
    const answer = {
      results: [
        { participant: '300000000000009@lid', success: false, error: 'not an admin' },
        { participant: '551199990001@s.whatsapp.net', success: true }
      ]
    }
    const outcomes = participantOutcomes(answer, sent('5511999990001', ['5511999990002', '300000000000009@lid']))
    expect([...outcomes]).toEqual([
      ['5511999990002', { success: false, error: 'not an admin' }],
      ['5511999990001', { success: true }]
    ])
  })
})

describe('membersOf and pendingRequestsOf', () => {
  it('read the members from the group, with every way of saying admin and super-admin, and every identity', () => {
    const answer = {
      group: {
        participants: [
          { jid: '5511999990001@s.whatsapp.net', isAdmin: true },
          { id: '5511999990002:3@s.whatsapp.net', admin: 'superadmin', phoneNumber: '5511999990002' },
          { jid: '200000000000001@lid', isSuperAdmin: true },
          { jid: '200000000000002@lid', phoneNumber: '+55 11 99999-0004', admin: null },
          { name: 'no jid' }
        ]
      }
    }
    const members = membersOf(answer).map((member) => ({ ...member, identities: [...member.identities] }))
    expect(members).toEqual([
      { jid: '5511999990001@s.whatsapp.net', identities: ['phone:551199990001'], isAdmin: true, isSuperAdmin: false },
      { jid: '5511999990002:3@s.whatsapp.net', identities: ['phone:551199990002'], isAdmin: true, isSuperAdmin: true },
      { jid: '200000000000001@lid', identities: ['lid:200000000000001'], isAdmin: true, isSuperAdmin: true },
      {
        jid: '200000000000002@lid',
        identities: ['lid:200000000000002', 'phone:551199990004'],
        isAdmin: false,
        isSuperAdmin: false
      }
    ])
    expect(() => membersOf({ success: true, group: {} })).toThrow("RyzeAPI sent no list of the group's members.")
  })

  it('read the pending requests, a missing phone number left out, with meta.total', () => {
    const answer = {
      requests: [
        { jid: '200000000000001@LID', phoneNumber: '+55 11 99999-0001' },
        { jid: '200000000000002@lid', phoneNumber: null },
        {}
      ],
      meta: { total: 7 }
    }
    const page = pendingRequestsOf(answer)
    expect(page.total).toBe(7)
    expect(page.requests.map((request) => ({ ...request, identities: [...request.identities] }))).toEqual([
      {
        jid: '200000000000001@lid',
        phoneNumber: '5511999990001',
        identities: ['lid:200000000000001', 'phone:551199990001']
      },
      { jid: '200000000000002@lid', identities: ['lid:200000000000002'] }
    ])
    expect(pendingRequestsOf({ data: { requests: [], meta: { total: 2 } } }).total).toBe(2)
    expect(pendingRequestsOf({ requests: [], meta: { total: '2' } }).total).toBeUndefined()
    expect(pendingRequestsOf({ requests: [], meta: { total: -1 } }).total).toBeUndefined()
    expect(() => pendingRequestsOf({ success: true })).toThrow('RyzeAPI sent no list of join requests.')
  })
})

describe('every field RyzeAPI may name a person by', () => {
  it('reads a LID, pn and phone_number beside a JID, and tells an admin from a super-admin by `admin`', () => {
    const answer = {
      participants: [
        { jid: '5511999990001@s.whatsapp.net', lid: '200000000000001@lid', admin: 'admin' },
        { id: '200000000000002@lid', pn: '5511999990002', admin: 'superadmin' },
        { jid: '200000000000003@lid', phone_number: '+55 11 99999-0003', isAdmin: false, isSuperAdmin: false },
        { jid: '', id: '200000000000004@lid', phoneNumber: '' }
      ]
    }
    expect(
      membersOf(answer).map((member) => [member.jid, [...member.identities], member.isAdmin, member.isSuperAdmin])
    ).toEqual([
      ['5511999990001@s.whatsapp.net', ['phone:551199990001', 'lid:200000000000001'], true, false],
      ['200000000000002@lid', ['lid:200000000000002', 'phone:551199990002'], true, true],
      ['200000000000003@lid', ['lid:200000000000003', 'phone:551199990003'], false, false],
      ['200000000000004@lid', ['lid:200000000000004'], false, false]
    ])
  })

  it('matches an outcome named by lid or number, reads its reason from a string or an error object', () => {
    const answer = {
      results: [
        { lid: '200000000000001@lid', success: false, error: { message: 'not an admin' } },
        { number: '5511999990002', success: false },
        { jid: '5511999990003@s.whatsapp.net', success: true, error: '   ' }
      ]
    }
    const outcomes = participantOutcomes(
      answer,
      sent(['5511999990001', '200000000000001@lid'], '5511999990002', '5511999990003')
    )
    expect([...outcomes]).toEqual([
      ['5511999990001', { success: false, error: 'not an admin' }],
      ['5511999990002', { success: false }],
      ['5511999990003', { success: true }]
    ])
  })
})
