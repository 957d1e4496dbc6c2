import type { KnownGroup } from '../plan/known-group.js'
import type { GroupResult, LinkedGroup, ParticipantResult } from '../report/outcome.js'
import type { PlannedGroup } from '../plan/plan.js'
import type { RetryNotice, RetryPolicy } from '../ryze/retry.js'
import type { InviteLink } from '../ryze/ryze-answers.js'

/* What the rotation (rotation.ts) and a reset that needs more than its answer (group-reset.ts) share. */

export interface RotationSettings extends RetryPolicy {
  dryRun: boolean
  failFast: boolean
  /** How long RyzeAPI may take to carry out a request whose answer was lost, and to show a write in its reads. */
  maxLagMs: number
  /** After every reset, read the group back under the time rule and publish only the code the read shows. */
  confirm?: boolean
  /** With files to update (or a dry run), the link each reset replaces is read again, current (see current-link.ts). */
  updateFiles?: readonly string[]
  /** The plan: groups learned and keyed by JID, and the lines that failed before any reset. */
  groups: PlannedGroup[]
}

/**
 * A step around a group's reset, given by incident/ (remove and demote before it, reject the join
 * requests after it); `onRetry` tells of its retries under the group's name. A step after the reset
 * is given its result, and a moment by which a reset it reports had taken effect, so that it can
 * wait for reads to show it.
 */
export type GroupStep = (
  group: KnownGroup,
  onRetry?: (notice: RetryNotice) => void,
  reset?: { result: GroupResult; takenEffectBy: number }
) => Promise<ParticipantResult[]>

export interface RotationHooks {
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice, group: KnownGroup) => void
  /** Before each group's work, so that its log lines can be folded together. */
  onGroupStart?: (group: PlannedGroup) => void
  onResult?: (result: GroupResult) => void
  /** With `confirm`: the group's reset was answered, and the read that confirms it comes after the other groups' resets. */
  onConfirmLater?: (group: KnownGroup) => void
  /** With `confirm`: that read is about to be made, with what follows the reset. */
  onConfirmStart?: (group: KnownGroup) => void
  /** A group's reset (or dry-run read) is settled, before the steps after it, so that the log tells it first. */
  onReset?: (result: GroupResult) => void
  /** remove and demote, before each reset; reject-join-requests, after it (see incident.ts). */
  beforeReset?: GroupStep
  afterReset?: GroupStep
}

/** What every result of a planned group holds. */
export function entryOf(
  group: KnownGroup
): Pick<LinkedGroup, 'group' | 'groupJid' | 'name' | 'community' | 'alsoNamedBy'> {
  return {
    group: group.input,
    ...(group.alsoNamedBy.length > 0 ? { alsoNamedBy: group.alsoNamedBy } : {}),
    groupJid: group.groupJid,
    ...(group.name === undefined ? {} : { name: group.name }),
    ...(group.community === undefined ? {} : { community: group.community })
  }
}

/** The result of a group whose reset left `live` as its link. */
export function linkedResult(
  group: KnownGroup,
  live: InviteLink,
  previousInviteLink: string,
  more: Pick<LinkedGroup, 'readBack' | 'resetRequests'> = {}
): LinkedGroup {
  return {
    ...entryOf(group),
    groupJid: live.groupJid || group.groupJid,
    inviteCode: live.inviteCode,
    inviteLink: live.inviteLink,
    previousInviteLink,
    status: 'reset',
    ...more
  }
}
