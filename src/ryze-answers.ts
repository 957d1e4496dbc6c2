import type { IncomingHttpHeaders } from 'node:http'
import { RequestError } from './errors.js'
import type { HttpResponse } from './http.js'
import {
  type GroupIdentifier,
  INVITE_CODE_RULE,
  inviteCodeFromLink,
  inviteLinkFor,
  isGroupJid,
  isInviteCode
} from './identifier.js'
import { isOwnRateLimit, readRateLimit, retryAfterOf, retryAtOf } from './rate-limit.js'
import { serverText } from './text-safety.js'

/*
 * What RyzeAPI's answers mean: the envelope, the invite link, the info call's fields, and the
 * hint that follows an error. ryze-client.ts sends; this module reads.
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
 * `group`, `data` and the top level are all read.
 */
export function groupInfoFields(answer: Answer): Answer {
  const nested = (name: string): Answer =>
    typeof answer[name] === 'object' && answer[name] !== null ? (answer[name] as Answer) : {}
  const group = nested('group')
  const data = nested('data')
  const first = (...names: string[]): unknown =>
    [group, data, answer]
      .flatMap((source) => names.map((name) => source[name]))
      .find((value) => typeof value === 'string')
  return {
    groupJid: first('groupJid', 'jid', 'id'),
    inviteCode: first('inviteCode'),
    inviteLink: first('inviteLink'),
    name: first('name', 'subject')
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

/** The JSON answer of a successful call, or a RequestError that says what went wrong. */
/** What a call was about, for the hint that follows RyzeAPI's message. */
export type Subject = 'group' | 'community' | 'message'

/** `now` is when the answer came, by the clock that later decides the waits its headers ask for. */
export function readEnvelope(response: HttpResponse, subject: Subject = 'group', now = Date.now()): Answer {
  const { status } = response
  if (status >= 300 && status < 400) {
    const location = response.headers.location
    throw new RequestError(
      'redirect',
      `RyzeAPI answered HTTP ${status}, a redirect${location ? ` to ${serverText(stripQuery(location))}` : ''}. ` +
        'Redirects are not followed, so that the token cannot reach another address: set base-url to the final address.',
      { status }
    )
  }

  const answer = parseJsonObject(response.body)
  if (answer === undefined) {
    const type = serverText(String(response.headers['content-type'] ?? 'no content type').split(';')[0] ?? '')
    // A gateway's own 429 or 503 page: only its Retry-After says when to come back.
    const retryAt = status === 429 || status === 503 ? retryAfterOf(response.headers, now) : undefined
    throw new RequestError(
      status >= 200 && status < 300 ? 'bad-answer' : 'status',
      status === 429
        ? `RyzeAPI answered HTTP 429 (rate limited) with a body that is not JSON (${type}): ` +
            'RyzeAPI or a gateway in front of it is limiting requests.'
        : `RyzeAPI answered HTTP ${status} with a body that is not JSON (${type}); ` +
            'a proxy or gateway may have answered instead of RyzeAPI: check base-url.',
      { status, retryAt }
    )
  }

  const apiMessage = errorMessageOf(answer)
  if (status < 200 || status >= 300) {
    const said = apiMessage ? `: ${sentence(apiMessage)}` : '.'
    const hint = hintFor(status, apiMessage, response.headers, subject, now)
    throw new RequestError('status', `RyzeAPI answered HTTP ${status}${said}${hint ? ` ${hint}` : ''}`, {
      status,
      apiMessage,
      retryAt:
        status === 429
          ? retryAtOf(response.headers, apiMessage, now)
          : status === 503
            ? retryAfterOf(response.headers, now)
            : undefined
    })
  }
  if (answer.success !== true) {
    throw new RequestError(
      'status',
      `RyzeAPI answered HTTP ${status} but reported a failure${apiMessage ? `: ${sentence(apiMessage)}` : ' without a message.'}`,
      { status, apiMessage }
    )
  }
  return answer
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
    reportedJid !== undefined && isGroupJid(reportedJid) ? reportedJid : group.kind === 'jid' ? group.jid : ''
  return { groupJid, inviteCode, inviteLink: inviteLinkFor(inviteCode) }
}

/** The hints that depend on what the call was about, by status. */
const SUBJECT_HINTS: Record<Subject, Partial<Record<400 | 403 | 404 | 501, string>>> = {
  group: {
    400: 'Check the group identifier, and that the instance is connected to WhatsApp.',
    403: "The instance's WhatsApp number must be an admin of the group, and the token must own the instance.",
    404: "Check the instance name and the group, and that the instance's WhatsApp number is a member of the group.",
    501: "The instance's WhatsApp bridge does not support resetting invite links."
  },
  community: {
    400: "Check the community's JID, and that the instance is connected to WhatsApp.",
    403: 'The token must own the instance.',
    404: "Check the instance name and the community, and that the instance's WhatsApp number is in it."
  },
  message: {
    400: 'Check the chat in announce-to (a phone number with its country code, or a JID), and that the instance is connected to WhatsApp.',
    403: "The token must own the instance, and the instance's WhatsApp number must be allowed to write to that chat.",
    404: 'Check the instance name, and that the chat in announce-to exists.',
    501: "The instance's WhatsApp bridge does not support sending this message."
  }
}

function hintFor(
  status: number,
  apiMessage: string | undefined,
  headers: IncomingHttpHeaders,
  subject: Subject,
  now: number
): string | undefined {
  const specific = SUBJECT_HINTS[subject][status as 400 | 403 | 404 | 501]
  if (specific !== undefined) return specific
  switch (status) {
    case 401:
      return 'Check the token secret: it must be a valid TokenAccount, or the TokenInstance of this instance.'
    case 429: {
      const rateLimit = readRateLimit(headers, now)
      const resets = rateLimit ? ` The window resets at ${rateLimit.resetAt.toISOString()}.` : ''
      const allowance = rateLimit ? ` (${rateLimit.limit} requests a window)` : ''
      return isOwnRateLimit(apiMessage)
        ? `RyzeAPI's rate limit for this token is used up${allowance}; everything that uses the token shares it.${resets}`
        : 'WhatsApp is throttling this instance; try again later.'
    }
    case 503:
      // RyzeAPI's own words; a gateway's 503 ("upstream overloaded") is a server error like any other.
      if (apiMessage !== undefined && /\bnot (connected|configured)\b/i.test(apiMessage)) {
        return 'The instance is not connected, or its WhatsApp bridge is not configured: reconnect it in RyzeAPI.'
      }
      return 'RyzeAPI, or a gateway in front of it, is unavailable; try again later.'
    default:
      return status >= 500 ? 'RyzeAPI had a server error; try again later.' : undefined
  }
}

/** The API's message as a sentence: ends in a full stop unless it already ends in punctuation. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`
}

function parseJsonObject(body: string): Answer | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Answer) : undefined
  } catch {
    return undefined
  }
}

/** `{"success": false, "error": {"message": "..."}}`, tolerating a bare `error` or `message` string. */
function errorMessageOf(answer: Answer): string | undefined {
  const error = answer.error
  const raw =
    typeof error === 'object' && error !== null && typeof (error as Answer).message === 'string'
      ? ((error as Answer).message as string)
      : typeof error === 'string'
        ? error
        : answer.success === false && typeof answer.message === 'string'
          ? answer.message
          : undefined
  const text = raw === undefined ? '' : serverText(raw)
  return text === '' ? undefined : text
}

function stringField(answer: Answer, name: string): string | undefined {
  const value = answer[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function stripQuery(location: string): string {
  return location.replace(/[?#].*$/s, '')
}
