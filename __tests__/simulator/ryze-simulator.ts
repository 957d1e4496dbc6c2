import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { CodeHistory, PeopleHistory, resetTarget } from './ryze-history.js'
import { changeParticipants, memberList, noteCall, pendingRequests } from './ryze-participants.js'
import { RateLimitBuckets } from './ryze-buckets.js'
import { communityFields, listSubGroups, sendText } from './ryze-community-and-messages.js'
import { type Fault, answerWithFault, trickle } from './ryze-faults.js'
import {
  type Answer,
  type CarriedOutReset,
  DEFAULT_GROUP_JID,
  DEFAULT_INSTANCE,
  DEFAULT_TOKEN,
  type DeliveredMessage,
  ENDPOINTS,
  type Endpoint,
  type Framing,
  type InfoShape,
  type RecordedRequest,
  type SimulatedCommunity,
  type SimulatedGroup,
  type SimulatedInstance,
  type SimulatorClock,
  type SimulatorOptions,
  endpointOf,
  failure,
  findGroup,
  newInviteCode,
  readAll,
  tokenOf,
  writtenJid
} from './ryze-model.js'

/**
 * A RyzeAPI stand-in on 127.0.0.1: the group reset and info endpoints, a community's subgroup list
 * and text messages, with RyzeAPI's envelopes, status codes and X-RateLimit-* headers, per-token
 * rate limiting that counts every answer, answers framed both ways, and injectable faults.
 * Its parts: ryze-model.ts (data and endpoints), ryze-faults.ts, ryze-buckets.ts (rate limit),
 * ryze-community-and-messages.ts (the subgroup list and text messages).
 */

export type { Fault } from './ryze-faults.js'
export * from './ryze-model.js'

/** The token's bucket as this request found it: counted once, before any fault. */
interface BucketState {
  rateLimited: boolean
  headers: Record<string, string>
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
  /** TCP connections accepted so far: a run that reuses its connection opens one. */
  connections = 0
  /** Called as each request arrives, before it is answered. */
  onRequest?: (request: IncomingMessage) => void
  private readonly tokens: Record<string, string[] | '*'>
  /**
   * The lag of each next read (group/info, with its members, or a listing of join requests), in
   * order, before readLagMs applies again: reads that lag by different amounts, or go back in time
   * (a read of a fresh replica, then of a stale one).
   */
  readonly readLags: number[] = []
  /** Where the info call puts the group's fields; may be changed between requests. */
  infoShape: InfoShape
  /** Whether the info answer leaves out the group's JID; may be changed between requests. */
  infoOmitsJid: boolean
  private readonly framing: Framing
  private readonly pathPrefix: string
  private readonly tls?: { key: string; cert: string }
  private readonly host: '127.0.0.1' | '::1'
  private readonly faults: Fault[] = []
  private readonly buckets: RateLimitBuckets
  private readonly sockets = new Set<Socket>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private server?: Server
  private readonly history: CodeHistory
  private readonly people: PeopleHistory
  private readonly readLagMs: number
  private readonly clock?: SimulatorClock

  constructor(options: SimulatorOptions = {}) {
    this.tokens = options.tokens ?? { [DEFAULT_TOKEN]: [DEFAULT_INSTANCE] }
    this.clock = options.clock
    const now = this.clock ? this.clock.now.bind(this.clock) : Date.now
    this.buckets = new RateLimitBuckets(options.rateLimit ?? { limit: 100, windowMs: 60_000 }, now)
    this.infoShape = options.infoShape ?? 'group'
    this.infoOmitsJid = options.infoOmitsJid ?? false
    this.framing = options.framing ?? 'alternate'
    this.pathPrefix = (options.pathPrefix ?? '').replace(/\/+$/, '')
    this.tls = options.tls
    this.host = options.host ?? '127.0.0.1'
    for (const instance of options.instances ?? [{ name: DEFAULT_INSTANCE, connected: true }]) {
      this.instances.set(instance.name, instance)
    }
    const groups = options.groups ?? [
      { jid: DEFAULT_GROUP_JID, subject: 'Support', inviteCode: newInviteCode(), admin: true, member: true }
    ]
    this.readLagMs = options.readLagMs ?? 0
    this.history = new CodeHistory(now)
    this.people = new PeopleHistory(now)
    for (const group of groups) {
      this.groups.set(group.jid, { ...group })
      this.history.record(group.jid, group.inviteCode)
    }
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

  /** Queues faults: each of the next requests to the fault's route takes one, in order. */
  injectFault(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault)
  }

  /**
   * Spends the token's whole bucket, as other workflows sharing the token would, in a window that
   * resets `resetInMs` from now (a whole window by default); the windows after it are aligned again.
   */
  useUpRateLimit(token = DEFAULT_TOKEN, resetInMs = this.buckets.rule.windowMs): void {
    this.buckets.useUp(token, resetInMs)
  }

  /** Opens a fresh rate-limit window now, so that a test's requests cannot meet a boundary by chance. */
  startRateLimitWindow(resetInMs: number, token = DEFAULT_TOKEN): void {
    this.buckets.startWindow(token, resetInMs)
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
      this.connections++
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
      arrivedAt: this.now(),
      method: request.method ?? '',
      rawPath: request.url ?? '',
      headers: request.headers,
      body
    }
    this.requests.push(recorded)
    response.on('finish', () => (recorded.status = response.statusCode))

    // RyzeAPI counts every request of a known token, whatever becomes of its answer.
    const token = tokenOf(request)
    const counted = token !== undefined && this.tokens[token] !== undefined ? token : undefined
    const bucket: BucketState = {
      rateLimited: counted !== undefined && this.buckets.take(counted),
      headers: counted === undefined ? {} : this.buckets.headers(counted)
    }
    const declareLength =
      this.framing === 'content-length' || (this.framing === 'alternate' && this.requests.length % 2 === 1)

    const fault = this.takeFault(request)
    const url = new URL(request.url ?? '/', 'http://simulator')
    noteCall(this.groups, endpointOf(url.pathname.slice(this.pathPrefix.length)), url, body)
    const carriedOut = fault?.afterEffect ? this.route(request, body, bucket) : undefined
    if (fault?.carryOutAfterMs !== undefined && fault.route === 'participants') {
      // A participants call carried out late: the members change after the answer went (or was lost).
      this.schedule(() => void this.route(request, body, { rateLimited: false, headers: {} }), fault.carryOutAfterMs)
    }
    const late =
      fault?.carryOutAfterMs === undefined || fault.route !== 'resetLink' ? undefined : resetTarget(this.groups, body)
    if (late !== undefined) this.schedule(() => this.resetNow(late), fault!.carryOutAfterMs!)
    const reassigned = fault?.reassignAfterMs === undefined ? undefined : resetTarget(this.groups, body)
    if (reassigned !== undefined) this.schedule(() => this.resetNow(reassigned), fault!.reassignAfterMs!)
    if (fault?.delayMs) await this.sleep(fault.delayMs)
    if (fault?.drop) return void request.socket.destroy()
    if (fault?.silent) return
    if (fault?.trickleMs) return trickle(response, fault.trickleMs, (tick, ms) => this.schedule(tick, ms))
    if (fault && answerWithFault(fault, response, bucket.headers, declareLength)) return

    const answer = carriedOut ?? this.route(request, body, bucket)
    const text = JSON.stringify(answer.body)
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      ...(declareLength ? { 'content-length': String(Buffer.byteLength(text)) } : {}),
      ...answer.headers
    })
    response.end(text)
  }

  private route(request: IncomingMessage, body: string, bucket: BucketState): Answer {
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

    const headers = bucket.headers
    if (bucket.rateLimited) return { ...failure(429, 'Rate limit exceeded. Try again later.'), headers }

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
    if (endpoint === 'listSubGroups') {
      return { ...listSubGroups(this.groups, this.communities, url.searchParams.get('communityJid')), headers }
    }
    if (endpoint === 'text') return { ...sendText(this.messages, body), headers }

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

    const group = findGroup(this.groups, identifier)
    if (!group || !group.member) {
      return { ...failure(404, 'Group not found or you are not a member of this group'), headers }
    }

    if (endpoint === 'participants')
      return { ...this.people.change(group, () => changeParticipants(group, fields)), headers }
    // One read sees one moment: its link, its members and its join requests all lag by the same amount.
    const lagMs = endpoint === 'resetLink' ? 0 : (this.readLags.shift() ?? this.readLagMs)
    const seen = this.people.seen(group, lagMs)
    if (endpoint === 'requests') {
      const page = url.searchParams.get('page')
      return { ...this.people.change(group, () => pendingRequests(group, page, seen.pending)), headers }
    }
    if (endpoint === 'info') {
      const withMembers =
        url.searchParams.get('participants') === 'true' ? { participants: memberList(group, seen.members) } : {}
      const info = {
        ...(this.infoOmitsJid ? {} : { jid: writtenJid(group) }),
        ...communityFields(group, this.communities),
        name: group.subject,
        description: '',
        inviteLink: `https://chat.whatsapp.com/${this.history.seenByReads(group.jid, group.inviteCode, lagMs)}`,
        ...withMembers
      }
      const shaped =
        this.infoShape === 'top-level' ? info : this.infoShape === 'data' ? { data: info } : { group: info }
      return { status: 200, headers, body: { success: true, ...shaped } }
    }
    if (!group.admin) return { ...failure(403, 'Not authorized to reset group invite link (must be admin)'), headers }
    this.resetNow(group.jid)
    return {
      status: 200,
      headers,
      body: {
        success: true,
        message: 'Group invite link reset successfully',
        groupJid: writtenJid(group),
        inviteCode: group.inviteCode,
        inviteLink: `https://chat.whatsapp.com/${group.inviteCode}`
      }
    }
  }

  /**
   * A change to a group's people that someone else makes now (a join request sent, a member who
   * leaves): a read that lags shows it only once its lag has passed, as it shows the run's own.
   */
  meanwhile(jid: string, change: (group: SimulatedGroup) => void): void {
    const group = this.groups.get(jid)!
    this.people.change(group, () => change(group))
  }

  /** Carries out a reset of the group at once, as a request RyzeAPI handled late would. */
  resetNow(jid: string): void {
    const group = this.groups.get(jid)!
    const oldCode = group.inviteCode
    group.inviteCode = newInviteCode()
    this.resets.push({ jid: group.jid, oldCode, newCode: group.inviteCode })
    this.history.record(jid, group.inviteCode)
  }

  /** The first queued fault for this request's endpoint, taken off the queue. */
  private takeFault(request: IncomingMessage): Fault | undefined {
    const endpoint = endpointOf(new URL(request.url ?? '/', 'http://simulator').pathname.slice(this.pathPrefix.length))
    const index = this.faults.findIndex((fault) => fault.route === endpoint)
    return index === -1 ? undefined : this.faults.splice(index, 1)[0]
  }

  /** Runs `callback` `ms` from now by the simulator's clock, unless the simulator stops first. */
  later(ms: number, callback: () => void): void {
    this.schedule(callback, ms)
  }

  private now(): number {
    return this.clock ? this.clock.now() : Date.now()
  }

  private schedule(callback: () => void, ms: number): void {
    if (this.clock) {
      const deadline = this.clock.deadline(ms)
      deadline.addEventListener('abort', () => void (this.server?.listening && callback()), { once: true })
      return
    }
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
