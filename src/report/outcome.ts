import type { ParticipantResult } from '../incident/participants.js'

/*
 * What became of each group: the one type that outputs, summary, files and announcements read.
 * Rotation decides it; nothing after rotation changes it.
 */

interface GroupEntry {
  /** The first `group` line that named the group, as given (a community's subgroup: its JID). */
  group: string
  /** Every other `group` line that named the same group (by JID, code or link), when there were any. */
  alsoNamedBy?: string[]
  /** Empty when RyzeAPI reported none and the group was not given by JID. */
  groupJid: string
  /** The group's name, when RyzeAPI gave one. */
  name?: string
  /** The JID of the community whose line stands for this group. */
  community?: string
  /** With remove, demote or reject-join-requests: what became of each participant. */
  participants?: ParticipantResult[]
}

/**
 * Why a link is believed live: the answer to the run's only reset (`answer`), or a read of the
 * group taken after the last reset, showing a code this run never saw replaced (`read-back`).
 */
export type Evidence = 'answer' | 'read-back'

/** A group with a live link to hand on: new after a reset, current in a dry run. */
export interface LinkedGroup extends GroupEntry {
  status: 'reset' | 'dry-run'
  inviteCode: string
  inviteLink: string
  /** The link the reset revoked. */
  previousInviteLink?: string
  /** The reset's answer could not settle the outcome alone, and the new link was read back from the group. */
  readBack?: true
  /** How many reset requests were sent, when more than one (each after a read showed the link unchanged). */
  resetRequests?: number
}

/**
 * A group without a link to hand on. `failed`: the link was not changed, as far as RyzeAPI shows;
 * `unknown`: a reset may have taken effect and the live link could not be established;
 * `skipped`: not tried.
 */
export interface UnlinkedGroup extends GroupEntry {
  status: 'failed' | 'unknown' | 'skipped'
  /** With `unknown`: the link before this run, which may be dead now. */
  previousInviteLink?: string
  error: string
}

/** One entry of the `results` output. */
export type GroupResult = LinkedGroup | UnlinkedGroup

export function hasLink(result: GroupResult): result is LinkedGroup {
  return result.status === 'reset' || result.status === 'dry-run'
}

export function hasFailed(result: GroupResult): result is UnlinkedGroup {
  return result.status === 'failed' || result.status === 'unknown'
}
