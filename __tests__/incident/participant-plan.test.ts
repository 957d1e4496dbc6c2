import { describe, expect, it } from '@jest/globals'
import { type Member, identitiesOf } from '../../src/incident/participant-identity.js'
import { parseIncident } from '../../src/inputs/participant-input.js'
import { planPeople } from '../../src/incident/participant-plan.js'

const member = (jid: string, roles: Partial<Member> = {}, phoneNumber?: string): Member => ({
  jid,
  identities: identitiesOf(jid, phoneNumber),
  isAdmin: roles.isAdmin ?? roles.isSuperAdmin ?? false,
  isSuperAdmin: roles.isSuperAdmin ?? false
})
const lines = (...texts: string[]) => texts.map((text, index) => ({ text, line: index + 1 }))
const incident = (remove: string[], demote: string[] = []) =>
  parseIncident({ remove: lines(...remove), demote: lines(...demote), reject: false })

const CREATOR = member('5511999990009@s.whatsapp.net', { isSuperAdmin: true })
const ADMIN = member('200000000000002@lid', { isAdmin: true }, '5511999990002')
const LEAKER = member('5511999990001@s.whatsapp.net')

describe('planPeople', () => {
  it('finds each person by any identity and sends them as the member list names them', () => {
    const plan = planPeople([CREATOR, ADMIN, LEAKER], incident(['+55 11 9999-0001'], ['5511999990002']))
    expect(plan.refused).toEqual([])
    expect(plan.remove.map(({ participant, jid }) => [participant, jid])).toEqual([
      ['551199990001', '5511999990001@s.whatsapp.net']
    ])
    expect(plan.demote.map(({ participant, jid }) => [participant, jid])).toEqual([
      ['5511999990002', '200000000000002@lid']
    ])
    // Known afterwards by every identity the list gave, so a read by LID can show them.
    expect([...plan.demote[0]!.identities].sort()).toEqual(['lid:200000000000002', 'phone:551199990002'])
    expect(plan.expectedMembers).toBe(2)
  })

  it('refuses, naming the input and the line, the super-admin, a non-admin demoted, and anyone not there', () => {
    const plan = planPeople(
      [CREATOR, ADMIN, LEAKER],
      incident(['5511999990001', '5511999990009', '5511999990005'], ['5511999990001', '5511999990009'])
    )
    expect(plan.remove.map((target) => target.participant)).toEqual(['5511999990001'])
    expect(plan.demote).toEqual([])
    expect(plan.refused).toEqual([
      {
        participant: '5511999990001',
        action: 'demote',
        error:
          'Input "demote" line 1 names someone who is not an admin of the group, so there is nothing to demote. Nothing was sent for them.'
      },
      {
        participant: '5511999990009',
        action: 'demote',
        error: expect.stringMatching(/^Input "demote" line 2 names the group's super-admin \(its creator/)
      },
      {
        participant: '5511999990009',
        action: 'remove',
        error: expect.stringMatching(
          /^Input "remove" line 2 names the group's super-admin .* who is never removed or demoted\. Nothing was sent for them\.$/
        )
      },
      {
        participant: '5511999990005',
        action: 'remove',
        error:
          'Input "remove" line 3 names someone who is not a member of the group, by its member list. Nothing was sent for them.'
      }
    ])
  })

  it('says how to find someone in a list of LIDs, and refuses everyone on a list that names no admin', () => {
    const lids = [member('200000000000009@lid', { isSuperAdmin: true }), member('200000000000001@lid')]
    expect(planPeople(lids, incident(['5511999990001'])).refused[0]!.error).toBe(
      'Input "remove" line 1 names someone not found in the group\'s member list, which names 2 members only by LID. Write their LID (…@lid) instead. Nothing was sent for them.'
    )
    expect(planPeople(lids, incident(['200000000000001@lid'])).remove).toHaveLength(1)
    expect(planPeople(lids, incident(['200000000000005@lid'])).refused[0]!.error).toContain(
      'someone who is not a member of the group, by its member list'
    )
    const noAdmin = planPeople([LEAKER], incident(['5511999990001']))
    expect(noAdmin.remove).toEqual([])
    expect(noAdmin.refused[0]!.error).toBe(
      'Input "remove" line 1 names someone whose membership could not be checked, since the group\'s member list, as RyzeAPI gave it, names no admin (1 member). Nothing was sent for them.'
    )
  })
})
