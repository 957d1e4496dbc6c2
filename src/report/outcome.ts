/*
 * What a run came to: each group's result (with its participants) and each announcement. The steps
 * that make them import these types from here, and report/ tells them, so that no report reaches
 * into a step. Rotation decides a group's result; nothing after rotation changes it.
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

export type ParticipantAction = 'demote' | 'remove' | 'reject'

/** One entry of a group's `participants` in `results`. */
export interface ParticipantResult {
  /** As the input names them: a phone number's digits or a LID; a join request's LID; `*` for the list of join requests itself. */
  participant: string
  action: ParticipantAction
  /** `unknown`: the answer was lost, and no read (under the time rule) could tell whether it took effect. */
  status: 'done' | 'failed' | 'unknown' | 'dry-run'
  /** A join request's phone number, when RyzeAPI gave one. */
  phoneNumber?: string
  /** The answer was lost, and the group was read back: it took effect. */
  readBack?: true
  error?: string
}

/** One entry of the `results` output. */
export type GroupResult = LinkedGroup | UnlinkedGroup

export function hasLink(result: GroupResult): result is LinkedGroup {
  return result.status === 'reset' || result.status === 'dry-run'
}

export function hasFailed(result: GroupResult): result is UnlinkedGroup {
  return result.status === 'failed' || result.status === 'unknown'
}

/** One entry of the `announcements` output: what became of the message to one chat. */
export interface Announcement {
  chat: string
  /** `unknown`: the answer was lost, and the message may or may not have been delivered. */
  status: 'sent' | 'failed' | 'unknown' | 'dry-run'
  /** The groups whose links the message holds (or would hold), by JID, else as given. */
  groups: string[]
  messageId?: string
  error?: string
  /** When the message was split (too long for one): which part this is, of how many. */
  part?: number
  parts?: number
}
