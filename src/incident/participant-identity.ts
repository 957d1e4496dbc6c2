/*
 * Who a participant is. RyzeAPI may name one person by a contact JID (digits@s.whatsapp.net, with
 * or without a device), by a LID (digits@lid), by a `phoneNumber` field, or by several of these, and
 * a Brazilian mobile number may be written with or without its 9th digit. A person is matched by
 * any identity the two sides share, never by their place in a list.
 */

/** One way of naming a person: a LID, or a phone number (its Brazilian mobile form made one). */
export type Identity = `lid:${string}` | `phone:${string}`

/** A person as a list names them: every identity the entry gives. */
export interface Named {
  identities: ReadonlySet<Identity>
}

/** A member of a group, as a member list names them. */
export interface Member extends Named {
  /** As the list gave it: what a call about this person sends. */
  jid: string
  isAdmin: boolean
  /** The group's creator (or promoted by one): removing or demoting it defeats the incident. */
  isSuperAdmin: boolean
}

// 55, a two-digit area code (none ends in 0), then a mobile's 8 digits with or without the 9 added in 2012-2016.
const BRAZILIAN_MOBILE = /^55([1-9][1-9])9?([6-9]\d{7})$/

/** A phone number's digits as one key: a Brazilian mobile number always without its 9th digit. */
export function phoneKey(digits: string): Identity {
  const mobile = BRAZILIAN_MOBILE.exec(digits)
  return `phone:${mobile ? `55${mobile[1]}${mobile[2]}` : digits}`
}

/**
 * The identities in one JID or phone number as RyzeAPI or an input writes it: a LID, a contact JID
 * (device suffix ignored), or a phone number with any punctuation. Nothing for anything else.
 */
export function identityOf(text: string): Identity | undefined {
  const value = text.trim().toLowerCase()
  const jid = /^\+?(\d+)(?::\d+)?@(lid|s\.whatsapp\.net|c\.us)$/.exec(value)
  if (jid) return jid[2] === 'lid' ? `lid:${jid[1]}` : phoneKey(jid[1]!)
  if (!/^\+?[\d\s().-]+$/.test(value)) return undefined
  const digits = value.replace(/\D/g, '')
  return digits === '' ? undefined : phoneKey(digits)
}

/** Every identity among `texts` (a JID, a LID field, a phone number field …), the unreadable left out. */
export function identitiesOf(...texts: Array<string | undefined>): Set<Identity> {
  const identities = new Set<Identity>()
  for (const text of texts) {
    const identity = text === undefined ? undefined : identityOf(text)
    if (identity) identities.add(identity)
  }
  return identities
}

/** Whether two entries name the same person: they share an identity. */
export function samePerson(a: Named, b: Named): boolean {
  return [...a.identities].some((identity) => b.identities.has(identity))
}

function kindsOf(named: Named): Set<string> {
  return new Set([...named.identities].map((identity) => identity.slice(0, identity.indexOf(':'))))
}

/**
 * Whether `entry` can be told apart from `person`: they share a kind of identity (both give a LID,
 * or both a phone number) and so can be compared. A LID-only entry cannot be told apart from a
 * person known only by phone number: it may be them.
 */
export function comparable(person: Named, entry: Named): boolean {
  const kinds = kindsOf(person)
  return [...kindsOf(entry)].some((kind) => kinds.has(kind))
}

/**
 * Whether a member list counts as evidence at all: it names at least one admin (the instance
 * itself is one, or it could not act), and it is not far shorter than the list the plan read
 * (`expected` members, those asked to be removed already taken off). Some gateways answer an empty
 * or shallow list after a listing call: such a list proves nothing.
 */
export function isPlausibleRoster(members: readonly Member[], expected: number): boolean {
  return members.some((member) => member.isAdmin) && members.length * 2 >= expected
}

/**
 * What a plausible member list read at the right time (time-rule.ts) proves about `person`:
 * `present` (their entry, with whether they are an admin), `absent` only when every entry can be
 * told apart from them, and `unknown` when an entry may be them but names them otherwise.
 */
export function findIn(
  members: readonly Member[],
  person: Named
): { found: 'present'; member: Member } | { found: 'absent' } | { found: 'unknown' } {
  const member = members.find((entry) => samePerson(entry, person))
  if (member) return { found: 'present', member }
  return members.every((entry) => comparable(person, entry)) ? { found: 'absent' } : { found: 'unknown' }
}
