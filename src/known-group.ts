import type { GroupIdentifier } from './identifier.js'
import type { GroupInfo } from './ryze-client.js'
import type { GroupRequest } from './settings.js'

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

export function knownGroup(request: GroupRequest, info: GroupInfo): KnownGroup {
  const identifier: GroupIdentifier = info.groupJid === '' ? request.identifier : { kind: 'jid', jid: info.groupJid }
  return { input: request.input, identifier, ...info }
}
