import { RequestError } from '../safety/errors.js'
import type { GroupIdentifier } from '../ryze/identifier.js'
import type { GroupInfo } from '../ryze/ryze-client.js'
import type { GroupRequest } from '../inputs/settings.js'

/**
 * A group as known before anything is done to it: the lines that named it, and what RyzeAPI said of
 * it just before. Its link is what tells, after a lost answer, whether a reset took effect.
 */
export interface KnownGroup {
  /** The first `group` line that named the group, as given; a community's subgroup: its JID. */
  input: string
  /** Every later line that named the same group. */
  alsoNamedBy: string[]
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
  /** The JID of the community whose line stands for this group. */
  community?: string
}

/** What the plan keys a group by: its JID, or the code it was given by when RyzeAPI reported no JID. */
export function groupKey(group: Pick<KnownGroup, 'groupJid' | 'inviteCode'>): string {
  return group.groupJid === '' ? `code:${group.inviteCode}` : group.groupJid
}

/**
 * The group a line named, as RyzeAPI describes it. The answer must be about that group: the JID
 * given, or, for a line given by code or link, a group whose current code is the code given. An
 * answer about any other group is a bad answer, and nothing is done to the group it names.
 */
export function knownGroup(request: GroupRequest, info: GroupInfo): KnownGroup {
  const given = request.identifier
  if (given.kind === 'jid' && info.groupJid !== '' && info.groupJid !== given.jid) {
    throw new RequestError(
      'bad-answer',
      `RyzeAPI answered about another group (${info.groupJid}) than the one asked for (${given.jid}).`
    )
  }
  if (given.kind === 'code' && info.inviteCode !== given.code) {
    throw new RequestError(
      'bad-answer',
      `RyzeAPI answered about a group${info.groupJid === '' ? '' : ` (${info.groupJid})`} whose invite code is not ` +
        'the one given: the code may be old, or the answer is about another group.'
    )
  }
  const identifier: GroupIdentifier = info.groupJid === '' ? given : { kind: 'jid', jid: info.groupJid }
  return {
    input: request.input,
    alsoNamedBy: [],
    identifier,
    groupJid: info.groupJid,
    inviteCode: info.inviteCode,
    inviteLink: info.inviteLink,
    // Stryker disable next-line ConditionalExpression: a name or community written as undefined is dropped from results, which is JSON
    ...(info.name === undefined ? (request.name === undefined ? {} : { name: request.name }) : { name: info.name }),
    // Stryker disable next-line ConditionalExpression: a name or community written as undefined is dropped from results, which is JSON
    ...(request.community === undefined ? {} : { community: request.community })
  }
}

/** The same answer, if it is about `group`; a bad answer (which may hide a reset) if it names another. */
export function aboutGroup<T extends { groupJid: string }>(answer: T, group: KnownGroup): T {
  if (answer.groupJid === '' || group.groupJid === '' || answer.groupJid === group.groupJid) return answer
  throw new RequestError(
    'bad-answer',
    `RyzeAPI answered about another group (${answer.groupJid}) than the one asked for (${group.groupJid}).`
  )
}
