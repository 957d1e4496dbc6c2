import type { IncomingHttpHeaders } from 'node:http'
import { RequestError, reworded } from '../safety/errors.js'
import type { HttpResponse } from '../transport/http.js'
import { maskPhoneNumbers } from '../safety/personal-data.js'
import { isOwnRateLimit, readRateLimit, retryAfterOf, retryAtOf } from './rate-limit.js'
import { type Answer, type Subject, parseJsonObject } from './ryze-answers.js'
import { serverText } from '../safety/text-safety.js'

/*
 * What RyzeAPI's failures mean: a redirect, a body that is not JSON, an error status or a failure
 * envelope, and the hint that follows each. Loaded only when an answer is not a success, so that
 * none of it weighs on the default path.
 */

/**
 * The JSON answer of a successful call, or a RequestError that says what went wrong, with any phone
 * number in it masked. `now` is when the answer came, by the clock that later decides the waits its
 * headers ask for.
 */
export function readEnvelope(response: HttpResponse, subject: Subject = 'group', now = Date.now()): Answer {
  try {
    return readAnswer(response, subject, now)
  } catch (error) {
    throw error instanceof RequestError ? reworded(error, maskPhoneNumbers(error.message)) : error
  }
}

function readAnswer(response: HttpResponse, subject: Subject = 'group', now = Date.now()): Answer {
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

function stripQuery(location: string): string {
  return location.replace(/[?#].*$/s, '')
}
