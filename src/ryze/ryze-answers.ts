import { RequestError } from '../safety/errors.js'
import type { HttpResponse } from '../transport/http.js'
import {
  type GroupIdentifier,
  INVITE_CODE_RULE,
  inviteCodeFromLink,
  groupJidOf,
  inviteLinkFor,
  isInviteCode
} from './identifier.js'

/*
 * What RyzeAPI's successful answers mean: the envelope, the invite link and the info call's
 * fields. ryze-client.ts sends; this module reads (and ryze-failures.ts reads what went wrong).
 */

/** A group's link as an answer gives it. */
export interface InviteLink {
  /** The group's JID as RyzeAPI reports it; empty when it reported none and none was given. */
  groupJid: string
  inviteCode: string
  /** Always the canonical `https://chat.whatsapp.com/<code>`. */
  inviteLink: string
}

/**
 * The info answer's group, flattened. Its shape is not documented beyond "group.inviteLink", so
 * `group`, `data` and the top level are all read. What it says of the group's community (whether
 * it is the announcements group, and which community it is linked to) is read where it is given,
 * in the names a whatsmeow-style bridge uses, so that the plan can check a community's list by it.
 */
export function groupInfoFields(answer: Answer): Answer {
  const nested = (name: string): Answer =>
    typeof answer[name] === 'object' && answer[name] !== null ? (answer[name] as Answer) : {}
  const group = nested('group')
  const data = nested('data')
  const first = (type: string, ...names: string[]): unknown =>
    [group, data, answer].flatMap((source) => names.map((name) => source[name])).find((value) => typeof value === type)
  const community = first('string', 'linkedParentJid', 'linkedParent', 'parentJid', 'communityJid')
  return {
    groupJid: first('string', 'groupJid', 'jid', 'id'),
    inviteCode: first('string', 'inviteCode'),
    inviteLink: first('string', 'inviteLink'),
    name: first('string', 'name', 'subject'),
    isDefaultSubGroup: first('boolean', 'isDefaultSubGroup'),
    community: typeof community === 'string' ? groupJidOf(community) : undefined
  }
}

/** `<base-url>/api/<endpoint>/<instance>`, keeping any path prefix; the instance is one segment. */
export function endpointUrl(baseUrl: URL, endpoint: string, instance: string): URL {
  const url = new URL(baseUrl.href)
  const prefix = url.pathname.replace(/\/+$/, '')
  url.pathname = `${prefix}/api/${endpoint}/${encodeURIComponent(instance)}`
  return url
}

export type Answer = Record<string, unknown>

/** What a call was about, for the hint that follows RyzeAPI's message. */
export type Subject = 'group' | 'community' | 'message'

/**
 * The JSON answer of a successful call (2xx, `success: true`), or undefined: what went wrong is
 * read by ryze-failures.ts, loaded only then.
 */
export function successfulAnswer({ status, body }: HttpResponse): Answer | undefined {
  const answer = status >= 200 && status < 300 ? parseJsonObject(body) : undefined
  return answer?.success === true ? answer : undefined
}

/**
 * The code and link of a successful answer, derived from each other where one is missing. What a
 * bad answer means for the group (nothing reset, or maybe reset) is for the caller to say.
 */
export function readInviteLink(answer: Answer, group: GroupIdentifier): InviteLink {
  const code = stringField(answer, 'inviteCode')
  const link = stringField(answer, 'inviteLink')

  let inviteCode: string
  if (code !== undefined) {
    if (!isInviteCode(code)) {
      throw new RequestError('bad-answer', `RyzeAPI sent an invite code that is not ${INVITE_CODE_RULE}.`)
    }
    inviteCode = code
  } else if (link !== undefined) {
    const fromLink = inviteCodeFromLink(link.trim())
    if (fromLink === undefined || !isInviteCode(fromLink)) {
      throw new RequestError('bad-answer', 'RyzeAPI sent an invite link that is not a WhatsApp invite link.')
    }
    inviteCode = fromLink
  } else {
    throw new RequestError('bad-answer', 'RyzeAPI reported success but sent neither an invite link nor an invite code.')
  }
  // A gateway's stringified empty value ("inviteCode":"undefined"): no code at all.
  if (/^(undefined|null)$/i.test(inviteCode)) {
    throw new RequestError('bad-answer', `RyzeAPI sent "${inviteCode}" as the invite code, which is no code.`)
  }

  const reportedJid = stringField(answer, 'groupJid')
  const groupJid =
    (reportedJid === undefined ? undefined : groupJidOf(reportedJid)) ?? (group.kind === 'jid' ? group.jid : '')
  return { groupJid, inviteCode, inviteLink: inviteLinkFor(inviteCode) }
}

export function parseJsonObject(body: string): Answer | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Answer) : undefined
  } catch {
    return undefined
  }
}

function stringField(answer: Answer, name: string): string | undefined {
  const value = answer[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
