import * as core from '@actions/core'
import { type Clock, systemClock } from './clock.js'
import { RequestError, messageOf } from '../safety/errors.js'
import { type HttpResponse, sendRequest } from '../transport/http.js'
import { type GroupIdentifier, canonicalIdentifier, groupJidOf } from './identifier.js'
import { type RateLimit, type RateLimitPacer, readRateLimit } from './rate-limit.js'
import { redactSecrets } from '../safety/secrets.js'
import {
  type Answer,
  type InviteLink,
  type Subject,
  endpointUrl,
  groupInfoFields,
  readInviteLink,
  successfulAnswer
} from './ryze-answers.js'
import { serverText } from '../safety/text-safety.js'

export type { Answer, InviteLink } from './ryze-answers.js'

/** A group as the info call describes it: its current link, and its name when RyzeAPI gave one. */
export interface GroupInfo extends InviteLink {
  name?: string
  /** What the group's own info says: whether it is its community's announcements group, and which community it is in. */
  isDefaultSubGroup?: boolean
  community?: string
}

/** A subgroup of a community, as RyzeAPI lists it. */
export interface Subgroup {
  jid: string
  name?: string
  /** Whether it is the community's announcements group; undefined when the answer does not say so with a boolean. */
  isDefaultSubGroup: boolean | undefined
}

/** A community's subgroups, and the community the answer says it is about. */
export interface SubgroupList {
  communityJid?: string
  subgroups: Subgroup[]
}

/** What the client needs to reach one RyzeAPI instance: its own options, whoever reads them. */
export interface ClientOptions {
  /** RyzeAPI's root, such as https://ryzeapi.cloud. */
  baseUrl: URL
  /** The instance every request names in its path. */
  instance: string
  /** Sent in the `token` header of every request. */
  token: string
  /** How long one request may take, in milliseconds. */
  timeoutMs: number
}

/** The one place that talks to RyzeAPI: URLs, headers, envelopes and the meaning of its errors. */
export class RyzeClient {
  /** When the latest request left the process, after the pacer's wait (see time-rule.ts). */
  sentAt = 0
  /** When the run's first request left: the reads before it may lag (see currentReadAt in time-rule.ts). */
  firstSentAt = 0

  constructor(
    private readonly options: ClientOptions,
    private readonly pacer?: RateLimitPacer,
    /** The time RyzeAPI's answers are read by, and every wait before a request (retries, pacing) is made by. */
    readonly clock: Clock = systemClock
  ) {}

  /** POST /api/group/resetLink/:instance: revokes the group's link and returns the new one. */
  async resetInviteLink(group: GroupIdentifier, signal?: AbortSignal): Promise<InviteLink> {
    const answer = await this.post('group/resetLink', { identifier: canonicalIdentifier(group) }, signal)
    return readInviteLink(answer, group)
  }

  /** GET /api/group/info/:instance: the group's JID, current link and name, revoking nothing. */
  async groupInfo(group: GroupIdentifier, signal?: AbortSignal): Promise<GroupInfo> {
    const fields = groupInfoFields(await this.readGroup('group/info', group, signal))
    const name = typeof fields.name === 'string' ? await masked(serverText(fields.name)) : ''
    return {
      ...readInviteLink(fields, group),
      ...(name === '' ? {} : { name }),
      isDefaultSubGroup: fields.isDefaultSubGroup as boolean | undefined,
      community: fields.community as string | undefined
    }
  }

  /**
   * POST /api/group/participants/:instance: one action (remove, demote, reject …) for several
   * participants. Not idempotent; a 200 holds an outcome per participant (read by participant-answers.ts).
   */
  async changeParticipants(
    group: GroupIdentifier,
    action: string,
    participants: string[],
    signal?: AbortSignal
  ): Promise<Answer> {
    return this.post('group/participants', { action, identifier: canonicalIdentifier(group), participants }, signal)
  }

  /** GET /api/community/listSubGroups/:instance: the subgroups of a community the instance is in. */
  async listSubGroups(communityJid: string, signal?: AbortSignal): Promise<SubgroupList> {
    const url = endpointUrl(this.options.baseUrl, 'community/listSubGroups', this.options.instance)
    url.searchParams.set('communityJid', communityJid)
    const answer = await this.envelope(await this.send('GET', url, undefined, signal), 'community')
    const { subgroups } = answer
    if (!Array.isArray(subgroups)) throw new RequestError('bad-answer', 'RyzeAPI sent no list of subgroups.')
    const listed: Subgroup[] = []
    for (const entry of subgroups as Answer[]) {
      const name = typeof entry?.name === 'string' ? await masked(serverText(entry.name)) : ''
      const jid = typeof entry?.jid === 'string' ? groupJidOf(entry.jid) : undefined
      if (jid === undefined) {
        throw new RequestError('bad-answer', 'RyzeAPI listed a subgroup whose JID is not a group JID.')
      }
      const isDefault = typeof entry.isDefaultSubGroup === 'boolean' ? entry.isDefaultSubGroup : undefined
      listed.push({ jid, ...(name === '' ? {} : { name }), isDefaultSubGroup: isDefault })
    }
    const about = typeof answer.communityJid === 'string' ? await masked(serverText(answer.communityJid)) : undefined
    return { ...(about === undefined ? {} : { communityJid: about }), subgroups: listed }
  }

  /** POST /api/message/text/:instance: sends `message` to `chat`. Not idempotent. */
  async sendText(chat: string, message: string, signal?: AbortSignal): Promise<{ messageId?: string }> {
    const { data } = await this.post('message/text', { number: chat, message }, signal, 'message')
    const id = (data as Answer | undefined)?.messageId
    const messageId = typeof id === 'string' ? serverText(id) : ''
    return messageId === '' ? {} : { messageId }
  }

  private async post(endpoint: string, body: object, signal?: AbortSignal, subject?: Subject): Promise<Answer> {
    const url = endpointUrl(this.options.baseUrl, endpoint, this.options.instance)
    return await this.envelope(await this.send('POST', url, JSON.stringify(body), signal), subject)
  }

  /**
   * GET /api/group/info/:instance or /api/group/requests/:instance with `query` (by default
   * participants=false: the info call without the members): the answer as it is
   * (participant-answers.ts reads the lists).
   */
  async readGroup(
    endpoint: 'group/info' | 'group/requests',
    group: GroupIdentifier,
    signal?: AbortSignal,
    query: Record<string, string> = { participants: 'false' }
  ): Promise<Answer> {
    const url = endpointUrl(this.options.baseUrl, endpoint, this.options.instance)
    url.searchParams.set('identifier', canonicalIdentifier(group))
    for (const name in query) url.searchParams.set(name, query[name]!)
    return await this.envelope(await this.send('GET', url, undefined, signal))
  }

  /** A successful answer; anything else is read, as a RequestError, by a module loaded only then. */
  private async envelope(response: HttpResponse, subject?: Subject): Promise<Answer> {
    return (
      successfulAnswer(response) ??
      (await import('./ryze-failures.js')).readEnvelope(response, subject, this.clock.now())
    )
  }

  /** Every request goes through the pacer, which also learns the bucket from every answer. */
  private async send(method: 'GET' | 'POST', url: URL, body: string | undefined, signal?: AbortSignal) {
    await this.pacer?.beforeRequest(signal)
    const headers: Record<string, string> = { token: this.options.token, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const started = Date.now()
    this.sentAt = this.clock.now()
    this.firstSentAt ||= this.sentAt
    const took = (): string => `${Math.round(Date.now() - started)} ms`
    let response: HttpResponse
    try {
      response = await sendRequest({ method, url, headers, body, timeoutMs: this.options.timeoutMs, signal })
    } catch (error) {
      debug(`${method} ${url.href}: no answer after ${took()} (${messageOf(error)})`)
      throw error
    }
    const rateLimit = readRateLimit(response.headers, this.clock.now())
    debug(`${method} ${url.href}: HTTP ${response.status} in ${took()}; ${describeRateLimit(rateLimit)}`)
    this.pacer?.observe(rateLimit)
    return response
  }
}

/**
 * Server text with every phone number in it masked. Finding them is loaded only for a text with
 * seven digits close together (what every phone number has), so that it stays off the default path.
 */
async function masked(text: string): Promise<string> {
  return /\d(?:\D{0,3}\d){6}/.test(text) ? (await import('../safety/personal-data.js')).maskPhoneNumbers(text) : text
}

/** Step debug only (ACTIONS_STEP_DEBUG): the URL holds no secret, and the token travels in a header. */
function debug(line: string): void {
  core.debug(redactSecrets(line))
}

function describeRateLimit(rateLimit: RateLimit | undefined): string {
  if (rateLimit === undefined) return 'no rate-limit headers'
  const resets = Number.isFinite(rateLimit.resetAt.getTime()) ? rateLimit.resetAt.toISOString() : 'an unreadable time'
  return `rate limit ${rateLimit.remaining} of ${rateLimit.limit} left, resets at ${resets}`
}
