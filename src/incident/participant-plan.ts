import { type Member, type Named, identitiesOf, isPlausibleRoster, samePerson } from './participant-identity.js'
import type { IncidentSettings } from '../inputs/participant-input.js'

/*
 * Before anything is sent for a person, the group's member list (read once, before the reset) is
 * checked: each person must be found in it by one of their identities, and is then named in every
 * call and every read-back by all the identities the list gave them. Anyone the list does not show,
 * a demote of someone who is not an admin, and a remove or demote of the group's super-admin are
 * refused: nothing is sent for that person, and the rest goes ahead.
 */

/** A person found in the plan's member list: what is sent for them, and who they are. */
export interface Target extends Named {
  /** As the input names them (a phone number's digits or a LID): what the results show. */
  participant: string
  /** As RyzeAPI's member list named them: what the call sends. */
  jid: string
}

/** A person refused before any request for them, and why. */
export interface Refusal {
  participant: string
  action: 'demote' | 'remove'
  error: string
}

export interface PeoplePlan {
  demote: Target[]
  remove: Target[]
  refused: Refusal[]
  /** How many members a plausible member list read after the removals holds at the least. */
  expectedMembers: number
}

/** The plan for one group, from its member list as read before any change. */
export function planPeople(members: readonly Member[], incident: IncidentSettings): PeoplePlan {
  const refused: Refusal[] = []
  const plausible = isPlausibleRoster(members, 1)
  const targets = (action: 'demote' | 'remove'): Target[] =>
    incident[action].flatMap((participant) => {
      const line = incident.lines[action].get(participant)
      const problem = plausible
        ? problemWith(participant, action, members)
        : `someone whose membership could not be checked, since the group's member list, as RyzeAPI gave it, names no admin (${members.length} ${members.length === 1 ? 'member' : 'members'})`
      if (typeof problem === 'string') {
        const where = line === undefined ? `Input "${action}"` : `Input "${action}" line ${line}`
        refused.push({ participant, action, error: `${where} names ${problem}. Nothing was sent for them.` })
        return []
      }
      return [
        { participant, jid: problem.jid, identities: new Set([...problem.identities, ...identitiesOf(participant)]) }
      ]
    })
  const demote = targets('demote')
  const remove = targets('remove')
  return { demote, remove, refused, expectedMembers: members.length - remove.length }
}

/** The member `participant` is, or what forbids acting on them. */
function problemWith(participant: string, action: 'demote' | 'remove', members: readonly Member[]): Member | string {
  const person = { identities: identitiesOf(participant) }
  const member = members.find((entry) => samePerson(entry, person))
  if (member === undefined) {
    const lidOnly = participant.endsWith('@lid') ? 0 : members.filter((entry) => !hasPhone(entry)).length
    return lidOnly > 0
      ? `someone not found in the group's member list, which names ${lidOnly} ${lidOnly === 1 ? 'member' : 'members'} only by LID. Write their LID (…@lid) instead`
      : 'someone who is not a member of the group, by its member list'
  }
  if (member.isSuperAdmin) {
    return `the group's super-admin (its creator, often the instance's own number, without which the reset is refused and the leaked link stays live), who is never removed or demoted`
  }
  if (action === 'demote' && !member.isAdmin)
    return 'someone who is not an admin of the group, so there is nothing to demote'
  return member
}

function hasPhone(member: Member): boolean {
  return [...member.identities].some((identity) => identity.startsWith('phone:'))
}
