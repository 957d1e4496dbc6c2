import { randomBytes } from 'node:crypto'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A RyzeAPI stand-in on 127.0.0.1: the group reset and info endpoints, a community's subgroup list
 * and text messages, with RyzeAPI's envelopes, status codes and X-RateLimit-* headers, per-token
 * rate limiting, and injectable faults.
 */

export interface SimulatedGroup {
  jid: string
  subject: string
  inviteCode: string
  /** Whether the instance's number is an admin (needed to reset) and a member (needed to see it). */
  admin: boolean
  member: boolean
  /** Whether the instance's number is a super-admin (needed to promote and demote). */
  superAdmin?: boolean
  /** The other members. */
  members?: SimulatedMember[]
  /** Pending join requests (groups with admin approval). */
  requests?: SimulatedRequest[]
}

export interface SimulatedMember {
  /** A contact JID (digits@s.whatsapp.net) or a LID. */
  jid: string
  isAdmin: boolean
}

export interface SimulatedRequest {
  jid: string
  phoneNumber: string | null
}

/** A community: its subgroups are groups of `groups:`, the announcements group among them. */
export interface SimulatedCommunity {
  jid: string
  /** The JIDs of its subgroups; the instance sees those it is a member of. */
  subgroups: string[]
  /** The JID of the announcements group (isDefaultSubGroup: true), one of `subgroups`. */
  announcements: string
}

export interface SimulatedInstance {
  name: string
  connected: boolean
}

/** What the next request gets instead of (or before) the normal answer. */
export interface Fault {
  /** Only requests to this endpoint take the fault; other requests pass it by. Any endpoint by default. */
  route?: Endpoint
  /**
   * Carry the request out first (a reset revokes the old code), then spoil the answer with the
   * fault: the case of an answer lost after RyzeAPI acted.
   */
  afterEffect?: boolean
  /** Answer with this status and body instead of handling the request. */
  status?: number
  body?: string | object
  headers?: Record<string, string>
  /** Wait this long before answering (normally, or with the fault's status). */
  delayMs?: number
  /** Close the connection without any answer. */
  drop?: boolean
  /** Never answer; the connection stays open until the client gives up. */
  silent?: boolean
  /** Answer with a redirect to this address. */
  redirectTo?: string
  /** Send the headers and then one byte of body per this many milliseconds, without end. */
  trickleMs?: number
}

export type Endpoint = 'resetLink' | 'info' | 'listSubGroups' | 'text' | 'participants' | 'requests'

/** Each endpoint's path, before the instance, and its method. */
const ENDPOINTS: Record<Endpoint, { path: string; method: 'GET' | 'POST' }> = {
  resetLink: { path: '/api/group/resetLink/', method: 'POST' },
  info: { path: '/api/group/info/', method: 'GET' },
  listSubGroups: { path: '/api/community/listSubGroups/', method: 'GET' },
  text: { path: '/api/message/text/', method: 'POST' },
  participants: { path: '/api/group/participants/', method: 'POST' },
  requests: { path: '/api/group/requests/', method: 'GET' }
}

/** A text message RyzeAPI accepted, whatever became of its answer. */
export interface DeliveredMessage {
  number: string
  message: string
  messageId: string
}

/** A reset RyzeAPI carried out, whatever became of its answer. */
export interface CarriedOutReset {
  jid: string
  oldCode: string
  newCode: string
}

export interface RecordedRequest {
  /** The status it was answered with; 0 when the connection was dropped or left silent. */
  status: number
  method: string
  /** The path exactly as sent, still percent-encoded. */
  rawPath: string
  headers: IncomingMessage['headers']
  body: string
}

export interface SimulatorOptions {
  /** Accepted tokens, each with the instances it may use ('*' for a TokenAccount). */
  tokens?: Record<string, string[] | '*'>
  instances?: SimulatedInstance[]
  groups?: SimulatedGroup[]
  communities?: SimulatedCommunity[]
  rateLimit?: { limit: number; windowMs: number }
  /** A gateway-style path prefix that every RyzeAPI path must start with, e.g. '/ryze'. */
  pathPrefix?: string
  /** Serve https with this key and certificate instead of plain http. */
  tls?: { key: string; cert: string }
  /** The loopback address to listen on: '127.0.0.1' (the default) or '::1'. */
  host?: '127.0.0.1' | '::1'
}

export const DEFAULT_TOKEN = 'sim-token-4f9c2a7be1d04c3f'
export const DEFAULT_INSTANCE = 'support'
export const DEFAULT_GROUP_JID = '120363406289005073@g.us'

/** The JIDs of `count` simulated groups: the default group first. */
export function groupJids(count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    index === 0 ? DEFAULT_GROUP_JID : `1203634062890${String(index).padStart(5, '0')}@g.us`
  )
}

/** `count` groups where the instance's number is an admin, ready for `groups:`. */
export function adminGroups(count: number): SimulatedGroup[] {
  return groupJids(count).map((jid, index) => ({
    jid,
    subject: `Group ${index + 1}`,
    inviteCode: newInviteCode(),
    admin: true,
    member: true
  }))
}

export function newInviteCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(22)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

interface Bucket {
  used: number
  resetAt: number
}

export class RyzeSimulator {
  readonly requests: RecordedRequest[] = []
  /** Every reset carried out, in order: the simulator's own record, whatever the client saw. */
  readonly resets: CarriedOutReset[] = []
  readonly groups = new Map<string, SimulatedGroup>()
  readonly communities = new Map<string, SimulatedCommunity>()
  /** Every text message accepted, in order: the simulator's own record, whatever the client saw. */
  readonly messages: DeliveredMessage[] = []
  readonly instances = new Map<string, SimulatedInstance>()
  /** Called as each request arrives, before it is answered. */
  onRequest?: (request: IncomingMessage) => void
  private readonly tokens: Record<string, string[] | '*'>
  private readonly rateLimit: { limit: number; windowMs: number }
  private readonly pathPrefix: string
  private readonly tls?: { key: string; cert: string }
  private readonly host: '127.0.0.1' | '::1'
  private readonly faults: Fault[] = []
  private readonly buckets = new Map<string, Bucket>()
  private readonly sockets = new Set<Socket>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private server?: Server

  constructor(options: SimulatorOptions = {}) {
    this.tokens = options.tokens ?? { [DEFAULT_TOKEN]: [DEFAULT_INSTANCE] }
    this.rateLimit = options.rateLimit ?? { limit: 100, windowMs: 60_000 }
    this.pathPrefix = (options.pathPrefix ?? '').replace(/\/+$/, '')
    this.tls = options.tls
    this.host = options.host ?? '127.0.0.1'
    for (const instance of options.instances ?? [{ name: DEFAULT_INSTANCE, connected: true }]) {
      this.instances.set(instance.name, instance)
    }
    const groups = options.groups ?? [
      { jid: DEFAULT_GROUP_JID, subject: 'Support', inviteCode: newInviteCode(), admin: true, member: true }
    ]
    for (const group of groups) this.groups.set(group.jid, { ...group })
    for (const community of options.communities ?? []) this.communities.set(community.jid, community)
  }

  /** The base URL to give the action, e.g. http://127.0.0.1:41234 (with the path prefix, if any). */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined
    if (!address) throw new Error('the simulator is not running')
    const host = this.host === '::1' ? '[::1]' : this.host
    return `${this.tls ? 'https' : 'http'}://${host}:${address.port}${this.pathPrefix}`
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port
  }

  /** Queues faults: each of the next requests takes one, in order. */
  injectFault(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault)
  }

  /**
   * Spends the token's whole bucket, as other workflows sharing the token would, in a window that
   * resets `resetInMs` from now (a whole window by default); the windows after it are aligned again.
   */
  useUpRateLimit(token = DEFAULT_TOKEN, resetInMs = this.rateLimit.windowMs): void {
    this.buckets.set(token, { used: this.rateLimit.limit, resetAt: Date.now() + resetInMs })
  }

  /** The `with:` of a step that resets the default group through this simulator. */
  actionInputs(): Record<string, string> {
    return { instance: DEFAULT_INSTANCE, token: DEFAULT_TOKEN, group: DEFAULT_GROUP_JID, 'base-url': this.url }
  }

  requestsTo(endpoint: Endpoint): RecordedRequest[] {
    return this.requests.filter((request) => request.rawPath.includes(ENDPOINTS[endpoint].path))
  }

  async start(port = 0): Promise<string> {
    const handler = (request: IncomingMessage, response: ServerResponse): void => void this.handle(request, response)
    this.server = this.tls ? createTlsServer(this.tls, handler) : createServer(handler)
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => this.server!.listen(port, this.host, resolve))
    return this.url
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.onRequest?.(request)
    const body = await readAll(request)
    const recorded: RecordedRequest = {
      status: 0,
      method: request.method ?? '',
      rawPath: request.url ?? '',
      headers: request.headers,
      body
    }
    this.requests.push(recorded)
    response.on('finish', () => (recorded.status = response.statusCode))

    const fault = this.takeFault(request)
    const carriedOut = fault?.afterEffect ? this.route(request, body) : undefined
    if (fault?.delayMs) await this.sleep(fault.delayMs)
    if (fault?.drop) return void request.socket.destroy()
    if (fault?.silent) return
    if (fault?.redirectTo) {
      response.writeHead(fault.status ?? 302, { location: fault.redirectTo, 'content-type': 'text/plain' })
      return void response.end('Found')
    }
    if (fault?.trickleMs) return this.trickle(response, fault.trickleMs)
    if (fault?.status !== undefined) {
      const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? {})
      const contentType = typeof fault.body === 'string' ? 'text/html' : 'application/json'
      response.writeHead(fault.status, {
        'content-type': contentType,
        ...this.rateLimitHeaders(request),
        ...fault.headers
      })
      return void response.end(text)
    }

    const answer = carriedOut ?? this.route(request, body)
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
    response.end(JSON.stringify(answer.body))
  }

  private route(request: IncomingMessage, body: string): Answer {
    const url = new URL(request.url ?? '/', 'http://simulator')
    if (url.pathname === '/health') return { status: 200, body: { success: true } }
    if (!url.pathname.startsWith(`${this.pathPrefix}/api/`)) return failure(404, 'Route not found')
    const path = url.pathname.slice(this.pathPrefix.length)
    const endpoint = endpointOf(path)
    const encodedInstance = endpoint && path.slice(ENDPOINTS[endpoint].path.length)
    if (!endpoint || !encodedInstance || encodedInstance.includes('/')) return failure(404, 'Route not found')
    if (request.method !== ENDPOINTS[endpoint].method) return failure(405, 'Method not allowed')

    const token = tokenOf(request)
    if (token === undefined) return failure(401, 'Missing token in header')
    const scope = this.tokens[token]
    if (scope === undefined) return failure(401, 'Invalid token')

    const rateLimited = this.takeFromBucket(token)
    const headers = this.bucketHeaders(token)
    if (rateLimited) return { ...failure(429, 'Rate limit exceeded. Try again later.'), headers }

    const instance = this.instances.get(decodeURIComponent(encodedInstance))
    if (!instance) return { ...failure(404, 'Instance not found'), headers }
    if (scope !== '*' && !scope.includes(instance.name)) {
      return { ...failure(403, 'Invalid instance token'), headers }
    }
    if (!instance.connected) {
      // The community page documents this as a 400; the group pages as a 503.
      return endpoint === 'listSubGroups'
        ? { ...failure(400, 'Instance is not connected to WhatsApp'), headers }
        : { ...failure(503, 'Instance not connected'), headers }
    }
    if (endpoint === 'listSubGroups') return { ...this.listSubGroups(url.searchParams.get('communityJid')), headers }
    if (endpoint === 'text') return { ...this.sendText(body), headers }

    let identifier: unknown
    let fields: { identifier?: unknown; action?: unknown; participants?: unknown } = {}
    if (endpoint === 'resetLink' || endpoint === 'participants') {
      try {
        fields = JSON.parse(body) as typeof fields
        identifier = fields.identifier
      } catch {
        return { ...failure(400, 'Invalid JSON body'), headers }
      }
    } else {
      identifier = url.searchParams.get('identifier') ?? undefined
    }
    if (typeof identifier !== 'string' || identifier.trim() === '') {
      return { ...failure(400, 'Identifier is required'), headers }
    }

    const group = this.findGroup(identifier)
    if (!group || !group.member) {
      return { ...failure(404, 'Group not found or you are not a member of this group'), headers }
    }

    if (endpoint === 'participants') return { ...this.changeParticipants(group, fields), headers }
    if (endpoint === 'requests') {
      if (!group.admin) return { ...failure(403, 'Not authorized (must be admin)'), headers }
      const requests = group.requests ?? []
      return { status: 200, headers, body: { success: true, requests, meta: { total: requests.length } } }
    }
    if (endpoint === 'info') {
      const withMembers = url.searchParams.get('participants') === 'true'
      return {
        status: 200,
        headers,
        body: {
          success: true,
          group: {
            jid: group.jid,
            name: group.subject,
            description: '',
            inviteLink: `https://chat.whatsapp.com/${group.inviteCode}`,
            ...(withMembers ? { participants: (group.members ?? []).map((m) => ({ ...m, isSuperAdmin: false })) } : {})
          }
        }
      }
    }
    if (!group.admin) return { ...failure(403, 'Not authorized to reset group invite link (must be admin)'), headers }
    this.resetNow(group.jid)
    return {
      status: 200,
      headers,
      body: {
        success: true,
        message: 'Group invite link reset successfully',
        groupJid: group.jid,
        inviteCode: group.inviteCode,
        inviteLink: `https://chat.whatsapp.com/${group.inviteCode}`
      }
    }
  }

  /** POST /api/group/participants: each participant gets its own success, as RyzeAPI's do. */
  private changeParticipants(group: SimulatedGroup, fields: { action?: unknown; participants?: unknown }): Answer {
    const { action, participants } = fields
    if (!Array.isArray(participants) || participants.some((p) => typeof p !== 'string')) {
      return failure(400, 'participants must be a list')
    }
    if (action === 'promote' || action === 'demote') {
      if (!group.superAdmin) return failure(403, 'Not authorized to change admins (must be super admin)')
    } else if (!['add', 'remove', 'approve', 'reject'].includes(String(action))) {
      return failure(400, 'invalid action')
    }
    if (!group.admin) return failure(403, 'Not authorized to change participants (must be admin)')
    const members = (group.members ??= [])
    const requests = (group.requests ??= [])
    const results = (participants as string[]).map((participant) => {
      const jid = participant.includes('@') ? participant : `${participant}@s.whatsapp.net`
      const member = members.find((m) => m.jid === jid)
      const request = requests.find((r) => r.jid === jid || r.phoneNumber === participant)
      const fail = (error: string) => ({ participant, success: false, error })
      switch (action) {
        case 'remove':
          if (!member) return fail('not a participant of the group')
          members.splice(members.indexOf(member), 1)
          break
        case 'add':
          if (member) return fail('already a participant')
          members.push({ jid, isAdmin: false })
          break
        case 'promote':
        case 'demote':
          if (!member) return fail('not a participant of the group')
          if (action === 'demote' && !member.isAdmin) return fail('not an admin')
          member.isAdmin = action === 'promote'
          break
        default:
          if (!request) return fail('no pending join request')
          requests.splice(requests.indexOf(request), 1)
          if (action === 'approve') members.push({ jid: request.jid, isAdmin: false })
      }
      return { participant, success: true }
    })
    return { status: 200, body: { success: true, message: 'Participants updated', results } }
  }

  /** GET /api/community/listSubGroups: the subgroups the instance is a member of. */
  private listSubGroups(communityJid: string | null): Answer {
    if (communityJid === null || communityJid.trim() === '')
      return failure(400, 'communityJid query parameter is required')
    const jid = communityJid.includes('@') ? communityJid : `${communityJid}@g.us`
    if (!/^\d+@g\.us$/.test(jid)) return failure(400, `invalid community JID: ${jid} is not a group JID`)
    const community = this.communities.get(jid)
    const subgroups = (community?.subgroups ?? [])
      .map((subgroup) => this.groups.get(subgroup))
      .filter((group) => group !== undefined && group.member)
      .map((group) => ({
        jid: group!.jid,
        name: group!.subject,
        isDefaultSubGroup: group!.jid === community?.announcements
      }))
    return {
      status: 200,
      body: { success: true, message: `${subgroups.length} subgroup(s) found`, communityJid: jid, subgroups }
    }
  }

  /** POST /api/message/text: records the message as delivered. */
  private sendText(body: string): Answer {
    let fields: { number?: unknown; message?: unknown }
    try {
      fields = JSON.parse(body) as typeof fields
    } catch {
      return failure(400, 'Invalid JSON body')
    }
    if (typeof fields.number !== 'string' || fields.number.trim() === '') return failure(400, 'number is required')
    if (typeof fields.message !== 'string' || fields.message === '') return failure(400, 'message is required')
    const messageId = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`
    this.messages.push({ number: fields.number, message: fields.message, messageId })
    return {
      status: 200,
      body: { success: true, message: 'Message sent successfully', status: 'sent', data: { messageId } }
    }
  }

  /** Carries out a reset of the group at once, as a request RyzeAPI handled late would. */
  resetNow(jid: string): void {
    const group = this.groups.get(jid)!
    const oldCode = group.inviteCode
    group.inviteCode = newInviteCode()
    this.resets.push({ jid: group.jid, oldCode, newCode: group.inviteCode })
  }

  /** The first queued fault for this request's endpoint, taken off the queue. */
  private takeFault(request: IncomingMessage): Fault | undefined {
    const endpoint = endpointOf(new URL(request.url ?? '/', 'http://simulator').pathname.slice(this.pathPrefix.length))
    const index = this.faults.findIndex((fault) => fault.route === undefined || fault.route === endpoint)
    return index === -1 ? undefined : this.faults.splice(index, 1)[0]
  }

  /** RyzeAPI resolves a JID, a bare code or a link to the group. */
  private findGroup(identifier: string): SimulatedGroup | undefined {
    const value = identifier.trim()
    const byJid = this.groups.get(value)
    if (byJid) return byJid
    const code = /([A-Za-z0-9]+)\/?$/.exec(value.replace(/[?#].*$/, ''))?.[1]
    return [...this.groups.values()].find((group) => group.inviteCode === code)
  }

  /** Fixed windows aligned to the clock, as a counter keyed by the current minute would be. */
  private windowEnd(now = Date.now()): number {
    return (Math.floor(now / this.rateLimit.windowMs) + 1) * this.rateLimit.windowMs
  }

  private takeFromBucket(token: string): boolean {
    const now = Date.now()
    let bucket = this.buckets.get(token)
    if (!bucket || now >= bucket.resetAt) {
      bucket = { used: 0, resetAt: this.windowEnd(now) }
      this.buckets.set(token, bucket)
    }
    if (bucket.used >= this.rateLimit.limit) return true
    bucket.used++
    return false
  }

  private bucketHeaders(token: string): Record<string, string> {
    const bucket = this.buckets.get(token)
    const used = bucket && Date.now() < bucket.resetAt ? bucket.used : 0
    const resetAt = bucket && Date.now() < bucket.resetAt ? bucket.resetAt : this.windowEnd()
    return {
      'x-ratelimit-limit': String(this.rateLimit.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.rateLimit.limit - used)),
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000))
    }
  }

  private rateLimitHeaders(request: IncomingMessage): Record<string, string> {
    const token = tokenOf(request)
    return token === undefined ? {} : this.bucketHeaders(token)
  }

  private trickle(response: ServerResponse, intervalMs: number): void {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('{')
    const tick = (): void => {
      if (response.destroyed) return
      response.write(' ')
      this.schedule(tick, intervalMs)
    }
    this.schedule(tick, intervalMs)
  }

  private schedule(callback: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      callback()
    }, ms)
    this.timers.add(timer)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(resolve, ms))
  }
}

interface Answer {
  status: number
  headers?: Record<string, string>
  body: object
}

function endpointOf(path: string): Endpoint | undefined {
  return (Object.keys(ENDPOINTS) as Endpoint[]).find((endpoint) => path.startsWith(ENDPOINTS[endpoint].path))
}

function failure(status: number, message: string): Answer {
  return { status, body: { success: false, error: { message } } }
}

function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.token
  if (typeof header === 'string' && header !== '') return header
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')
  return bearer?.[1]
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
