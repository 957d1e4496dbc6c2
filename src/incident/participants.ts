import { messageOf } from '../safety/errors.js'
import { type Member, findIn, samePerson } from './participant-identity.js'
import type { IncidentSettings } from '../inputs/participant-input.js'
import { planPeople } from './participant-plan.js'
import { currentReadAt, decidingReadAt } from '../ryze/time-rule.js'
import { listRequests, listRequestsFrom, readMembers, readMembersDeciding } from './participant-read-back.js'
import type { ParticipantResult } from '../report/outcome.js'
import { redactSecrets } from '../safety/secrets.js'
import {
  type ParticipantWork,
  type ReadBack,
  type TargetGroup,
  type Verdict,
  VERB,
  act,
  log
} from './participant-calls.js'

export type { ParticipantWork, TargetGroup } from './participant-calls.js'

/*
 * Incident response around a group's reset (loaded only when remove, demote or
 * reject-join-requests is set): demote, then remove, before the reset; reject the pending join
 * requests after it. These calls are not idempotent: after a lost answer the group is read back
 * under the time rule (time-rule.ts), and only what did not happen is sent again. A person is
 * reported done only on RyzeAPI's own answer for them, or on a read that shows it.
 */

/** Before the reset: demote, so that a compromised admin cannot act during the run, then remove. */
export async function demoteAndRemove(
  group: TargetGroup,
  incident: IncidentSettings,
  work: ParticipantWork
): Promise<ParticipantResult[]> {
  if (incident.demote.length === 0 && incident.remove.length === 0) return []
  let members: Member[]
  try {
    members = await readMembers(group.identifier, work)
  } catch (error) {
    const problem = `Could not read the group's members, so nothing was sent for them. ${messageOf(error)}`
    log(group, problem)
    const refuse = (action: 'demote' | 'remove') => (participant: string) => ({
      participant,
      action,
      status: 'failed' as const,
      error: redactSecrets(problem)
    })
    return [...incident.demote.map(refuse('demote')), ...incident.remove.map(refuse('remove'))]
  }
  const plan = planPeople(members, incident)
  const refused = new Map(plan.refused.map((refusal) => [`${refusal.action} ${refusal.participant}`, refusal]))
  for (const refusal of plan.refused)
    log(group, `Did not ${VERB[refusal.action]} ${refusal.participant}. ${refusal.error}`)
  const readsBack =
    (verdict: (found: ReturnType<typeof findIn>) => Verdict): ReadBack =>
    async (pending, at) => {
      const read = await readMembersDeciding(group.identifier, work, at, plan.expectedMembers)
      return new Map(pending.map((target) => [target.participant, verdict(findIn(read, target))]))
    }
  const demoted = await act(group, 'demote', plan.demote, readsBack(demoteVerdict), work)
  const removed = await act(group, 'remove', plan.remove, readsBack(removeVerdict), work)
  // In the order of the inputs, each refused person where they were written.
  const inOrder = (action: 'demote' | 'remove', done: ParticipantResult[]): ParticipantResult[] =>
    incident[action].map((participant) => {
      const refusal = refused.get(`${action} ${participant}`)
      if (refusal) return { participant, action, status: 'failed', error: redactSecrets(refusal.error) }
      return done.find((result) => result.participant === participant)!
    })
  return [...inOrder('demote', demoted), ...inOrder('remove', removed)]
}

const UNLIKE =
  'the member list read back names some members only in another form (LID or phone number) than the one this person was found under, so their absence proves nothing'

function removeVerdict(found: ReturnType<typeof findIn>): Verdict {
  if (found.found === 'absent') return 'done'
  return found.found === 'present' ? 'not-done' : { unknown: UNLIKE }
}

function demoteVerdict(found: ReturnType<typeof findIn>): Verdict {
  if (found.found === 'present') return found.member.isAdmin ? 'not-done' : 'done'
  return { unknown: found.found === 'absent' ? 'they are no longer in the member list read back' : UNLIKE }
}

/**
 * After the reset: no request can come through the old link any more, so every pending one is
 * rejected. `resetBy`, when the reset is known to have taken effect (never in a dry run), is a moment by which it had: the
 * listing is then sent max-lag after it, so that a listing that lags still shows every request sent
 * through the old link.
 */
export async function rejectJoinRequests(
  group: TargetGroup,
  work: ParticipantWork,
  resetBy?: number
): Promise<ParticipantResult[]> {
  let listing: Awaited<ReturnType<typeof listRequests>>
  try {
    if (resetBy === undefined) listing = await listRequests(group.identifier, work)
    else {
      const current = currentReadAt(resetBy, work.maxLagMs)
      if (current > work.client.clock.now())
        log(
          group,
          `The join requests are listed ${work.maxLagMs / 1000} s (max-lag) after the reset, so that the listing shows every request sent through the old link.`
        )
      listing = await listRequestsFrom(group.identifier, work, current)
    }
  } catch (error) {
    const problem = `Could not list the pending join requests, so none was rejected. ${messageOf(error)}`
    log(group, `${problem}`)
    return [{ participant: '*', action: 'reject', status: 'failed', error: redactSecrets(problem) }]
  }
  const { requests, unseen } = listing
  const short: ParticipantResult[] = []
  if (unseen > 0) {
    const problem = `RyzeAPI said ${requests.length + unseen} join requests are pending but listed only ${requests.length}. The other ${unseen} could not be seen, so they were not rejected.`
    log(group, problem)
    short.push({ participant: '*', action: 'reject', status: 'failed', error: problem })
  }
  if (requests.length === 0) {
    if (unseen === 0) log(group, 'No join request is pending.')
    return short
  }
  const targets = requests.map((request) => ({
    participant: request.jid,
    jid: request.jid,
    identities: request.identities
  }))
  const stillPending: ReadBack = async (pending, at) => {
    const read = await listRequestsFrom(group.identifier, work, decidingReadAt(at, work.maxLagMs))
    return new Map(
      pending.map((target): [string, Verdict] => {
        if (read.requests.some((request) => samePerson(request, target))) return [target.participant, 'not-done']
        if (read.unseen === 0) return [target.participant, 'done']
        return [
          target.participant,
          {
            unknown: `the listing read back showed only ${read.requests.length} of ${read.requests.length + read.unseen} pending join requests`
          }
        ]
      })
    )
  }
  const results = await act(group, 'reject', targets, stillPending, work)
  const withPhones = results.map((result) => {
    const phoneNumber = requests.find((request) => request.jid === result.participant)?.phoneNumber
    return phoneNumber === undefined ? result : { ...result, phoneNumber }
  })
  return [...withPhones, ...short]
}
