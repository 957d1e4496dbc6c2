import { InputError } from '../safety/errors.js'
import { quotedInput } from '../safety/text-safety.js'

/** What the `group` input names: a group JID, or an invite code (from a bare code or a link). */
export type GroupIdentifier = { kind: 'jid'; jid: string } | { kind: 'code'; code: string }

/** What a `group` line names: a group, or a community (`community:<JID>`), standing for its subgroups. */
export type GroupLineIdentifier = GroupIdentifier | { kind: 'community'; jid: string }

// Today 18 digits; older groups are <creator's phone (at most 15 digits)>-<Unix time>. The bounds
// are generous, but keep a hostile answer or input from becoming an unbounded output.
const GROUP_JID = /^(\d{1,32}|\d{1,20}-\d{1,20})@g\.us$/
const CONTACT_JID = /@(s\.whatsapp\.net|c\.us|lid)$/i
/*
 * No official length exists: codes seen in the wild are 22 letters and digits, and RyzeAPI's docs
 * use a 9-character placeholder (NEW123XYZ). Strict about the characters and lenient about the
 * length, but bounded, so that neither an input nor an answer can carry an unbounded "code" into
 * the log, the outputs and the files.
 */
export const MIN_INVITE_CODE_LENGTH = 6
export const MAX_INVITE_CODE_LENGTH = 64
const INVITE_CODE = new RegExp(`^[A-Za-z0-9]{${MIN_INVITE_CODE_LENGTH},${MAX_INVITE_CODE_LENGTH}}$`)
/** A JID or a link is well under 100 characters; the rest is room for a pasted query string. */
const MAX_IDENTIFIER_LENGTH = 512
const COMMUNITY_PREFIX = /^community:/i
const INVITE_HOSTS = new Set(['chat.whatsapp.com', 'www.chat.whatsapp.com'])

const EXPECTED_GROUP =
  'a group JID (120363406289005073@g.us), an invite code, or an invite link (https://chat.whatsapp.com/CODE)'

export const INVITE_CODE_RULE = `${MIN_INVITE_CODE_LENGTH} to ${MAX_INVITE_CODE_LENGTH} letters and digits`

const INVITE_LINK_PREFIX = 'https://chat.whatsapp.com/'

export function isGroupJid(value: string): boolean {
  return GROUP_JID.test(value)
}

/**
 * A group JID as RyzeAPI may write it (in capitals, or without the `@g.us` it adds itself when
 * missing), in the one form the plan compares; undefined when it is no group JID.
 */
export function groupJidOf(value: string): string | undefined {
  const lower = value.trim().toLowerCase()
  const jid = lower.includes('@') ? lower : `${lower}@g.us`
  return isGroupJid(jid) ? jid : undefined
}

export function isInviteCode(value: string): boolean {
  return INVITE_CODE.test(value)
}

export function inviteLinkFor(code: string): string {
  return `${INVITE_LINK_PREFIX}${code}`
}

/** The value RyzeAPI takes as `identifier`: the JID as given, or the bare code. */
export function canonicalIdentifier(group: GroupIdentifier): string {
  return group.kind === 'jid' ? group.jid : group.code
}

/**
 * Reads a group JID, an invite code or an invite link in any form people paste, or throws an
 * InputError that names `input` and says what was expected.
 */
export function parseGroupIdentifier(raw: string, input = 'group', line?: number): GroupIdentifier {
  const value = raw.trim()
  const fail = (problem: string): never => {
    throw new InputError(input, `${problem}; expected ${EXPECTED_GROUP}`, line)
  }

  if (value === '') fail('is empty')
  if (value.length > MAX_IDENTIFIER_LENGTH) {
    fail(`holds ${value.length} characters, more than any group JID or invite link (at most ${MAX_IDENTIFIER_LENGTH})`)
  }
  const shown = quotedInput(value)
  if (isGroupJid(value)) return { kind: 'jid', jid: value }
  if (CONTACT_JID.test(value)) {
    fail(`holds ${shown}, which is a contact, not a group (group JIDs end in @g.us)`)
  }
  // One group must have one key: a JID is compared as RyzeAPI writes it, in lower case.
  if (isGroupJid(value.toLowerCase())) fail(`holds ${shown}, a group JID in capitals; write it in lower case`)
  if (value.includes('@')) fail(`holds ${shown}, which is not a group JID`)
  // A group id that lost its suffix; up to 15 digits, it reads as a phone number.
  if (/^(\d{16,32}|\d{1,20}-\d{1,20})$/.test(value)) return { kind: 'jid', jid: `${value}@g.us` }

  if (/^[A-Za-z0-9]+$/.test(value)) {
    // A random invite code is never all digits.
    if (/^\d+$/.test(value)) fail(`holds ${shown}, which reads as a phone number, not a group`)
    if (!isInviteCode(value)) fail(`holds ${shown}, which is not an invite code (${INVITE_CODE_RULE})`)
    return { kind: 'code', code: value }
  }

  const code = inviteCodeFromLink(value)
  if (code === undefined) fail(`holds ${shown}, which is neither a group JID, an invite code nor an invite link`)
  if (!isInviteCode(code as string)) {
    fail(`holds the link ${shown}, which has no valid invite code (${INVITE_CODE_RULE})`)
  }
  return { kind: 'code', code: code as string }
}

/**
 * Reads a `group` line: `community:<JID>` (the `@g.us` may be left out, as RyzeAPI adds it), or
 * anything parseGroupIdentifier takes.
 */
export function parseGroupLine(raw: string, input = 'group', line?: number): GroupLineIdentifier {
  const value = raw.trim()
  if (!COMMUNITY_PREFIX.test(value)) return parseGroupIdentifier(value, input, line)
  const given = value.replace(COMMUNITY_PREFIX, '').trim()
  const jid = given.includes('@') ? given : `${given}@g.us`
  if (!isGroupJid(jid)) {
    throw new InputError(
      input,
      `holds ${quotedInput(value)}, which does not name a community by its JID; expected community: and the community's JID, such as community:120363406289005073@g.us`,
      line
    )
  }
  return { kind: 'community', jid }
}

/**
 * The code in an invite link, or undefined when the text is not an invite link at all. Returns the
 * raw candidate (possibly empty or malformed) so that the caller can tell the user what is wrong.
 */
export function inviteCodeFromLink(text: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return undefined
  }

  if (url.protocol === 'whatsapp:') {
    return url.hostname === 'chat' || url.pathname.replace(/^\/+/, '') === 'chat'
      ? (url.searchParams.get('code') ?? '')
      : undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  if (!INVITE_HOSTS.has(url.hostname)) return undefined

  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  if (segments[0]?.toLowerCase() === 'invite') segments.shift()
  return segments.length === 1 ? segments[0] : ''
}
