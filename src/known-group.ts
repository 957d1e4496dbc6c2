import { RequestError } from './errors.js'
import type { GroupIdentifier } from './identifier.js'
import type { RetryNotice, RetryPolicy } from './retry.js'
import type { UnlinkedGroup } from './rotation.js'
import type { GroupInfo, RyzeClient } from './ryze-client.js'
import { type GroupLine, type GroupRequest, isCommunityLine } from './settings.js'

/** A group to rotate, or a `group` line that failed before any reset (a community that could not be listed). */
export type PlannedGroup = GroupRequest | UnlinkedGroup

export interface PlanOptions {
  policy: RetryPolicy
  dryRun: boolean
  failFast: boolean
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice, line: GroupLine) => void
}

/**
 * The groups the `group` lines stand for, before anything is reset: each community line is
 * replaced by its subgroups (the module that lists them is loaded only when one is given).
 */
export async function planGroups(
  lines: GroupLine[],
  client: RyzeClient,
  options: PlanOptions
): Promise<PlannedGroup[]> {
  if (!lines.some(isCommunityLine)) return lines as GroupRequest[]
  const { expandCommunities } = await import('./communities.js')
  return expandCommunities(lines, client, options)
}

/**
 * A group as known before anything is done to it: the line the user wrote, and what RyzeAPI said of
 * the group just before. Its link is what tells, after a lost answer, whether a reset took effect.
 */
export interface KnownGroup {
  /** The `group` line as given. */
  input: string
  /**
   * What every later call names the group by: its JID, so that a retry never names a code the
   * first attempt may have revoked; the code as given only when RyzeAPI reported no JID.
   */
  identifier: GroupIdentifier
  /** Empty when RyzeAPI reported none and the group was not given by JID. */
  groupJid: string
  /** The group's link before this run changed anything. */
  inviteCode: string
  inviteLink: string
  name?: string
}

/** The group, as RyzeAPI describes it; an answer about another group than the JID given is a bad answer. */
export function knownGroup(request: GroupRequest, info: GroupInfo): KnownGroup {
  const given = request.identifier
  if (given.kind === 'jid' && info.groupJid !== '' && info.groupJid !== given.jid) {
    throw new RequestError(
      'bad-answer',
      `RyzeAPI answered about another group (${info.groupJid}) than the one asked for (${given.jid}).`
    )
  }
  const identifier: GroupIdentifier = info.groupJid === '' ? request.identifier : { kind: 'jid', jid: info.groupJid }
  return { input: request.input, identifier, ...info }
}
