import * as core from '@actions/core'
import { RequestError, messageOf, withNote } from '../safety/errors.js'
import type { ParticipantAction, ParticipantResult } from '../report/outcome.js'
import type { GroupIdentifier } from '../ryze/identifier.js'
import { participantOutcomes } from './participant-answers.js'
import type { Target } from './participant-plan.js'
import { maskPhoneNumbers, maskedNotice } from '../safety/personal-data.js'
import { type RetryNotice, type RetryPolicy, mayHaveTakenEffect, timingOn, withRetries } from '../ryze/retry.js'
import type { RyzeClient } from '../ryze/ryze-client.js'
import { redactSecrets } from '../safety/secrets.js'

/*
 * One participants call (remove, demote or reject) for several people, to a definite outcome for
 * each: RyzeAPI's own answer for them, matched by identity, or a read taken under the time rule.
 */

/** The group as known before its reset: what every call names it by, and how the log names it. */
export interface TargetGroup {
  identifier: GroupIdentifier
  groupJid: string
  input: string
}

export interface ParticipantWork {
  client: RyzeClient
  policy: RetryPolicy
  /** max-lag, in milliseconds: how long a read-back waits after a lost answer (time-rule.ts). */
  maxLagMs: number
  dryRun: boolean
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice) => void
}

/** What a deciding read showed of one person: done, not done, or undecided and why. */
export type Verdict = 'done' | 'not-done' | { unknown: string }

/** A read, under the time rule, of what became of `pending` after writes that ended by `writeEndedAt`. */
export type ReadBack = (pending: Target[], writeEndedAt: number) => Promise<Map<string, Verdict>>

const DONE: Record<ParticipantAction, string> = {
  demote: 'Demoted',
  remove: 'Removed',
  reject: 'Rejected the join request of'
}
export const VERB: Record<ParticipantAction, string> = {
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
 * Asks RyzeAPI to do `action` to every target, reading each one's outcome by identity. After a
 * lost answer the group is read back under the time rule: what took effect is done, what no read
 * decides is unknown, and only the rest is sent again (a late repeat of a removal meets "not a
 * participant", so one last read settles the failures too).
 */
export async function act(
  group: TargetGroup,
  action: ParticipantAction,
  targets: Target[],
  readBack: ReadBack,
  work: ParticipantWork
): Promise<ParticipantResult[]> {
  if (targets.length === 0) return []
  if (work.dryRun) {
    for (const { participant } of targets) log(group, `Would ${VERB[action]} ${participant} (dry run).`)
    return targets.map(({ participant }) => ({ participant, action, status: 'dry-run' }))
  }
  const clock = work.client.clock
  const settled = new Map<string, ParticipantResult>()
  let pending = targets
  let lostAnswer: string | undefined
  /** Why the group is read: an answer lost, or a join request RyzeAPI would not reject. */
  const whyRead = (): string =>
    lostAnswer === undefined ? 'RyzeAPI did not reject it' : `The answer was lost (${lostAnswer})`
  /** Those RyzeAPI's own answer named as not done (not a call refused whole). */
  const refusedByAnswer = new Set<string>()
  const finish = (participant: string, result: Omit<ParticipantResult, 'participant' | 'action'>): void => {
    settled.set(participant, { participant, action, ...result })
  }
  /** Applies a deciding read; a read that fails leaves everyone it was about unknown. */
  const decide = async (about: Target[], writeEndedAt: number): Promise<Target[]> => {
    let verdicts: Map<string, Verdict>
    try {
      verdicts = await readBack(about, writeEndedAt)
    } catch (readError) {
      const unknown = `${whyRead()}, and no read could tell whether it took effect. ${messageOf(readError)}`
      for (const { participant } of about) finish(participant, { status: 'unknown', error: redactSecrets(unknown) })
      return []
    }
    const notDone: Target[] = []
    for (const target of about) {
      const verdict = verdicts.get(target.participant)!
      if (verdict === 'done') finish(target.participant, { status: 'done', readBack: true })
      else if (verdict === 'not-done') notDone.push(target)
      else
        finish(target.participant, {
          status: 'unknown',
          error: redactSecrets(`${whyRead()}, and ${verdict.unknown}.`)
        })
    }
    return notDone
  }
  try {
    await withRetries(
      async () => {
        const answer = await work.client.changeParticipants(
          group.identifier,
          action,
          pending.map((target) => target.jid),
          work.signal
        )
        const outcomes = participantOutcomes(answer, new Map(pending.map((target) => [target.participant, target])))
        for (const [participant, outcome] of outcomes) {
          // Stryker disable next-line ConditionalExpression: a success added too is left alone, as only failures are read back
          if (!outcome.success) refusedByAnswer.add(participant)
          finish(
            participant,
            outcome.success
              ? { status: 'done' }
              : { status: 'failed', error: sentence(outcome.error ?? 'RyzeAPI gave no reason') }
          )
        }
        pending = pending.filter((target) => !settled.has(target.participant))
        if (pending.length > 0) {
          throw new RequestError(
            'bad-answer',
            `RyzeAPI's answer did not say what became of ${pending.length} ${pending.length === 1 ? 'participant' : 'participants'}.`
          )
        }
      },
      {
        policy: work.policy,
        timing: timingOn(clock),
        signal: work.signal,
        onRetry: (notice) => work.onRetry?.(maskedNotice(notice)),
        settle: async (error) => {
          if (!mayHaveTakenEffect(error)) return { error }
          // The moment the answer was lost is the latest the request can have left: the safe side of the rule.
          const writeEndedAt = clock.now()
          lostAnswer = messageOf(error)
          pending = await decide(pending, writeEndedAt)
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
    for (const { participant } of pending) {
      finish(participant, { status: 'failed', error: redactSecrets(`${messageOf(error)}${permission}`) })
    }
  }
  if (lostAnswer !== undefined) await confirmFailures(settled, targets, decide, clock.now())
  else if (action === 'reject') {
    // A request no longer pending (withdrawn meanwhile) cannot be rejected, and needs no rejection: a listing decides.
    const refused = targets.filter(({ participant }) => refusedByAnswer.has(participant))
    await confirmFailures(settled, refused, decide, clock.now())
  }

  const results = targets.map(({ participant }) => settled.get(participant)!)
  for (const result of results) {
    log(
      group,
      result.status !== 'done'
        ? withReason(`Did not ${VERB[action]} ${result.participant}`, result.error ?? '')
        : !result.readBack
          ? `${DONE[action]} ${result.participant}.`
          : // A listing proves only that the request is no longer pending: withdrawn, perhaps, not rejected by this run.
            action === 'reject'
            ? `The join request of ${result.participant} is no longer pending, as a listing read back shows.`
            : `${DONE[action]} ${result.participant} (the answer was lost; read back).`
    )
  }
  return results
}

/**
 * A failure after a lost answer may be an earlier attempt carried out late: one more read, under
 * the time rule, tells. Those it shows still to do keep RyzeAPI's reason.
 */
async function confirmFailures(
  settled: Map<string, ParticipantResult>,
  targets: Target[],
  decide: (about: Target[], writeEndedAt: number) => Promise<Target[]>,
  writeEndedAt: number
): Promise<void> {
  const failed = targets.filter(({ participant }) => settled.get(participant)?.status === 'failed')
  if (failed.length === 0) return
  const reasons = new Map(failed.map(({ participant }) => [participant, settled.get(participant)!]))
  // Stryker disable next-line CallExpression: decide leaves a person it finds not done as settled before, so this restores what is there
  for (const { participant } of await decide(failed, writeEndedAt)) settled.set(participant, reasons.get(participant)!)
}

/** Every line names the group, and masks every phone number and LID in it. */
export function log(group: TargetGroup, line: string): void {
  core.info(maskPhoneNumbers(`${group.groupJid || group.input}: ${line}`))
}

/** A reason that is a sentence ("RyzeAPI answered …") follows as one; a server's bare words go in parentheses. */
function withReason(what: string, why: string): string {
  return /^[A-Z]/.test(why) ? `${what}. ${why}` : `${what} (${why.replace(/\.$/, '')}).`
}

function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`
}
