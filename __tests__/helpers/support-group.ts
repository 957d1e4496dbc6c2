import {
  DEFAULT_GROUP_JID,
  type SimulatedGroup,
  type SimulatedMember,
  newInviteCode
} from '../simulator/ryze-simulator.js'

/** The people of the incident tests: the instance's own number (the group's creator) and three others. */
export const INSTANCE = '5511999990009'
export const LEAKER = '5511999990001'
export const LEAKER_LID = '200000000000001@lid'
export const ADMIN = '5511999990002'
export const BYSTANDER = '5511999990003'

/** The members as WhatsApp lists them, the instance's own number among them, each with a LID. */
export function supportMembers(): SimulatedMember[] {
  return [
    {
      jid: `${INSTANCE}@s.whatsapp.net`,
      lid: '200000000000009@lid',
      isAdmin: true,
      isSuperAdmin: true,
      isInstance: true
    },
    { jid: `${LEAKER}@s.whatsapp.net`, lid: LEAKER_LID, isAdmin: false },
    { jid: `${ADMIN}@s.whatsapp.net`, lid: '200000000000002@lid', isAdmin: true },
    { jid: `${BYSTANDER}@s.whatsapp.net`, lid: '200000000000003@lid', isAdmin: false }
  ]
}

/** The default group, with the instance as its super-admin and `supportMembers()`, and any field changed. */
export function supportGroup(overrides: Partial<SimulatedGroup> = {}): SimulatedGroup {
  return {
    jid: DEFAULT_GROUP_JID,
    subject: 'Support',
    inviteCode: newInviteCode(),
    admin: true,
    member: true,
    superAdmin: true,
    members: supportMembers(),
    requests: [],
    ...overrides
  }
}

/** Every way a phone number could show whole: in full, without its country code, as its local part, without the 9th digit. */
export function wholeForms(digits: string): string[] {
  return [
    digits,
    digits.slice(2),
    digits.slice(4),
    `${digits.slice(4, 9)}-${digits.slice(9)}`,
    digits.slice(0, 4) + digits.slice(5)
  ]
}

/** How an input may write a member: every form the action takes, the Brazilian number without its 9th digit too. */
export function writings(member: SimulatedMember): string[] {
  const digits = member.jid.split('@')[0]!
  const spaced = `+${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 9)}-${digits.slice(9)}`
  return [spaced, digits, digits.slice(0, 4) + digits.slice(5), member.jid, member.lid!]
}

/** A pending join request's LID (distinct in its last four digits, as masked) and phone number. */
export const requestLid = (n: number): string => `3000000000${String(n).repeat(4)}@lid`
export const requestPhone = (n: number): string => `551198888000${n}`
