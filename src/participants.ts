import * as core from '@actions/core'
import { RequestError, messageOf, withNote } from './errors.js'
import type { GroupIdentifier } from './identifier.js'
import {
  type JoinRequest,
  isParticipant,
  membersOf,
  participantOutcomes,
  pendingRequestsOf
} from './participant-answers.js'
import type { IncidentSettings } from './participant-input.js'
import { maskPhoneNumbers, maskedNotice } from './personal-data.js'
import { type RetryNotice, type RetryPolicy, mayHaveTakenEffect, timingOn, withRetries } from './retry.js'
import type { RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'

/*
 * Incident response around a group's reset (loaded only when remove, demote or
 * reject-join-requests is set): demote, then remove, before the reset; reject the pending join
 * requests after it. These calls are not idempotent: after a lost answer the group is read back,
 * and only what did not happen is sent again.
 */

export type ParticipantAction = 'demote' | 'remove' | 'reject'

/** One entry of a group's `participants` in `results`. */
export interface ParticipantResult {
  /** As sent to RyzeAPI: a phone number's digits or a LID; `*` for the list of join requests itself. */
  participant: string
  action: ParticipantAction
  /** `unknown`: the answer was lost, and reading the group back failed too. */
  status: 'done' | 'failed' | 'unknown' | 'dry-run'
  /** A join request's phone number, when RyzeAPI gave one. */
  phoneNumber?: string
  /** The answer was lost, and the group was read back: it took effect. */
  readBack?: true
  error?: string
}

/** The group as known before its reset: what every call names it by, and how the log names it. */
export interface TargetGroup {
  identifier: GroupIdentifier
  groupJid: string
  input: string
}

export interface ParticipantWork {
  client: RyzeClient
  policy: RetryPolicy
  dryRun: boolean
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice) => void
}

/** The fewest retries a read-back gets, as for the reset's: it is what settles the outcome. */
const READ_BACK_RETRIES = 2

/** Before the reset: demote, so that a compromised admin cannot act during the run, then remove. */
export async function demoteAndRemove(
  group: TargetGroup,
  incident: IncidentSettings,
  work: ParticipantWork
): Promise<ParticipantResult[]> {
  const stillAdmin = readBackMembers(group, work, (members, participant) =>
    members.some((member) => member.isAdmin && isParticipant(participant, member.jid, member.phoneNumber))
  )
  const stillMember = readBackMembers(group, work, (members, participant) =>
    members.some((member) => isParticipant(participant, member.jid, member.phoneNumber))
  )
  return [
    ...(await act(group, 'demote', incident.demote, stillAdmin, work)),
    ...(await act(group, 'remove', incident.remove, stillMember, work))
  ]
}

/** After the reset: no request can come through the old link any more, so every pending one is rejected. */
export async function rejectJoinRequests(group: TargetGroup, work: ParticipantWork): Promise<ParticipantResult[]> {
  let requests: JoinRequest[]
  try {
    requests = await readRequests(group, work, work.policy)
  } catch (error) {
    const problem = `Could not list the pending join requests, so none was rejected. ${messageOf(error)}`
    log(group, `${problem}`)
    return [{ participant: '*', action: 'reject', status: 'failed', error: redactSecrets(problem) }]
  }
  if (requests.length === 0) {
    log(group, 'No join request is pending.')
    return []
  }
  const stillPending = async (signal?: AbortSignal): Promise<(participant: string) => boolean> => {
    const pending = await readRequests(group, { ...work, signal }, readBackPolicy(work.policy))
    return (participant) => pending.some((request) => request.jid === participant)
  }
  const results = await act(
    group,
    'reject',
    requests.map((request) => request.jid),
    stillPending,
    work
  )
  return results.map((result) => {
    const phoneNumber = requests.find((request) => request.jid === result.participant)?.phoneNumber
    return phoneNumber === undefined ? result : { ...result, phoneNumber }
  })
}

type ReadBack = (signal?: AbortSignal) => Promise<(participant: string) => boolean>

const DONE: Record<ParticipantAction, string> = {
  demote: 'Demoted',
  remove: 'Removed',
  reject: 'Rejected the join request of'
}
const VERB: Record<ParticipantAction, string> = {
  demote: 'demote',
  remove: 'remove',
  reject: 'reject the join request of'
}
/** What RyzeAPI needs for each action, said when it refuses the whole call. */
const PERMISSION: Record<ParticipantAction, string> = {
  demote:
    "Demoting needs the instance's WhatsApp number to be a super-admin of the group (its creator, or promoted by one).",
  remove: "Removing needs the instance's WhatsApp number to be an admin of the group.",
  reject: "Rejecting join requests needs the instance's WhatsApp number to be an admin of the group."
}

/**
 * Asks RyzeAPI to do `action` to every participant, reading each one's outcome. After a lost
 * answer the group is read back: what took effect is done, and only the rest is sent again (a
 * late repeat of a removal meets "not a participant", so a last read settles those too).
 */
async function act(
  group: TargetGroup,
  action: ParticipantAction,
  participants: string[],
  notYetDone: ReadBack,
  work: ParticipantWork
): Promise<ParticipantResult[]> {
  if (participants.length === 0) return []
  if (work.dryRun) {
    for (const participant of participants) log(group, `Dry run: would ${VERB[action]} ${participant}.`)
    return participants.map((participant) => ({ participant, action, status: 'dry-run' }))
  }
  const settled = new Map<string, ParticipantResult>()
  let pending = participants
  let answerLost = false
  const finish = (participant: string, result: Omit<ParticipantResult, 'participant' | 'action'>): void => {
    settled.set(participant, { participant, action, ...result })
  }
  try {
    await withRetries(
      async () => {
        const answer = await work.client.changeParticipants(group.identifier, action, pending, work.signal)
        const outcomes = participantOutcomes(answer, pending)
        for (const [participant, outcome] of outcomes) {
          finish(
            participant,
            outcome.success
              ? { status: 'done' }
              : { status: 'failed', error: sentence(outcome.error ?? 'RyzeAPI gave no reason') }
          )
        }
        pending = pending.filter((participant) => !settled.has(participant))
        if (pending.length > 0) {
          throw new RequestError(
            'bad-answer',
            `RyzeAPI's answer did not say what became of ${pending.length} ${pending.length === 1 ? 'participant' : 'participants'}.`
          )
        }
      },
      {
        policy: work.policy,
        timing: timingOn(work.client.clock),
        signal: work.signal,
        onRetry: (notice) => work.onRetry?.(maskedNotice(notice)),
        settle: async (error) => {
          if (!mayHaveTakenEffect(error)) return { error }
          answerLost = true
          let notDone: (participant: string) => boolean
          try {
            notDone = await notYetDone()
          } catch (readError) {
            const unknown = `The answer was lost (${messageOf(error)}), and reading the group back failed too (${messageOf(readError)}), so whether it took effect is unknown.`
            for (const participant of pending) finish(participant, { status: 'unknown', error: redactSecrets(unknown) })
            pending = []
            return { value: undefined }
          }
          for (const participant of pending.filter((participant) => !notDone(participant))) {
            finish(participant, { status: 'done', readBack: true })
          }
          pending = pending.filter((participant) => !settled.has(participant))
          return pending.length === 0
            ? { value: undefined }
            : {
                error: withNote(
                  error,
                  `The group was read back: it did not take effect for ${pending.length} ${pending.length === 1 ? 'participant' : 'participants'}.`
                )
              }
        }
      }
    )
  } catch (error) {
    const permission = error instanceof RequestError && error.status === 403 ? ` ${PERMISSION[action]}` : ''
    for (const participant of pending) {
      finish(participant, { status: 'failed', error: redactSecrets(`${messageOf(error)}${permission}`) })
    }
  }
  if (answerLost) await confirmFailures(settled, notYetDone)

  const results = participants.map((participant) => settled.get(participant)!)
  for (const result of results) {
    log(
      group,
      result.status === 'done'
        ? `${DONE[action]} ${result.participant}${result.readBack ? ' (the answer was lost; read back)' : ''}.`
        : `Did not ${VERB[action]} ${result.participant}: ${result.error}`
    )
  }
  return results
}

/** A failure after a lost answer may be an earlier attempt carried out late: one more read tells. */
async function confirmFailures(settled: Map<string, ParticipantResult>, notYetDone: ReadBack): Promise<void> {
  const failed = [...settled.values()].filter((result) => result.status === 'failed')
  if (failed.length === 0) return
  const notDone = await notYetDone().catch(() => undefined)
  if (notDone === undefined) return
  for (const result of failed) {
    if (!notDone(result.participant)) {
      settled.set(result.participant, {
        participant: result.participant,
        action: result.action,
        status: 'done',
        readBack: true
      })
    }
  }
}

function readBackMembers(
  group: TargetGroup,
  work: ParticipantWork,
  stillThere: (members: ReturnType<typeof membersOf>, participant: string) => boolean
): ReadBack {
  return async (signal = work.signal) => {
    const answer = await withRetries(() => work.client.readGroup('group/info', group.identifier, signal, true), {
      policy: readBackPolicy(work.policy),
      timing: timingOn(work.client.clock),
      signal,
      onRetry: (notice) => work.onRetry?.(maskedNotice({ ...notice, what: 'Reading the members back' }))
    })
    const members = membersOf(answer)
    return (participant) => stillThere(members, participant)
  }
}

async function readRequests(group: TargetGroup, work: ParticipantWork, policy: RetryPolicy): Promise<JoinRequest[]> {
  const answer = await withRetries(() => work.client.readGroup('group/requests', group.identifier, work.signal), {
    policy,
    timing: timingOn(work.client.clock),
    signal: work.signal,
    onRetry: (notice) => work.onRetry?.(maskedNotice({ ...notice, what: 'Listing the join requests' }))
  })
  return pendingRequestsOf(answer)
}

function readBackPolicy(policy: RetryPolicy): RetryPolicy {
  return { retries: Math.max(policy.retries, READ_BACK_RETRIES), maxWaitMs: policy.maxWaitMs }
}

/** Every line names the group, and masks every phone number and LID in it. */
function log(group: TargetGroup, line: string): void {
  core.info(maskPhoneNumbers(`${group.groupJid || group.input}: ${line}`))
}

function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`
}
