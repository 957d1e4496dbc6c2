import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { RequestError, messageOf } from './errors.js'
import type { ExchangeState } from './network-errors.js'
import type { Proxy } from './proxy.js'

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: URL
  headers: Record<string, string>
  body?: string
  /** The whole exchange, from connecting (through a proxy's CONNECT too) to the last byte of the answer. */
  timeoutMs: number
  /** Aborts the request when the job is cancelled. */
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** No RyzeAPI answer comes near this; a larger one is a misbehaving server or gateway. */
export const MAX_BODY_BYTES = 1024 * 1024

const USER_AGENT = 'ryze-reset-invite-link-action'

type NetworkWording = typeof import('./network-errors.js')

/**
 * Sends one request and reads the whole answer within the time-out, on Node's own http/https. A
 * proxy (HTTPS_PROXY, NO_PROXY, credentials in the proxy URL; see proxy.ts) goes through Node's
 * proxy support, or on a Node without it (24.0 to 24.4) through a CONNECT tunnel loaded only then.
 * Redirects are never followed, so the token cannot reach another host. Requests to one origin through one proxy
 * share one kept-alive connection, so that a run pays for TCP, CONNECT and TLS once. The promise
 * settles at the deadline or on cancellation whatever the request does: Node emits no event for a
 * request aborted while its proxy has not answered CONNECT, so the timer and the signal settle it here.
 */
export function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => new Exchange(request, resolve, reject).start())
}

/**
 * Closes every connection the transport holds. Idle ones do not keep the process alive (Node unrefs
 * them), but closing them when the run ends tells the server at once rather than at its idle time-out.
 */
export function closeConnections(): void {
  for (const pooled of pool.values()) retire(pooled)
}

/** 'connected': the request has its socket (through a proxy, once CONNECT succeeded); 'sent': all of it was written. */
type Stage = 'connecting' | 'connected' | 'sent' | 'settled'

/** One request and its answer, in named steps: start, send, receive, then succeed or fail, once. */
class Exchange {
  private stage: Stage = 'connecting'
  private deadline?: NodeJS.Timeout
  private pooled?: PooledAgent
  private outgoing?: ClientRequest
  /** The pooled connections there were before this exchange: the others are its own. */
  private earlier = new Set<Socket>()

  constructor(
    private readonly request: HttpRequest,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: RequestError) => void
  ) {}

  start(): void {
    const { signal, timeoutMs, url } = this.request
    if (signal?.aborted) return this.cancel()
    signal?.addEventListener('abort', this.cancel, { once: true })
    this.deadline = setTimeout(this.timeOut, timeoutMs)
    agentFor(url).then(
      (pooled) => {
        if (this.stage === 'settled') return
        this.pooled = pooled
        this.earlier = new Set(pooled.sockets)
        this.send(pooled.agent)
      },
      // A proxy variable that holds no usable URL (proxy.ts words it, naming the variable).
      (error: unknown) => this.fail(new RequestError('proxy', messageOf(error), { cause: error, requestSent: false }))
    )
  }

  private send(agent: Agent): void {
    const { url, method } = this.request
    const body = this.request.body === undefined ? undefined : Buffer.from(this.request.body, 'utf8')
    const headers: Record<string, string | number> = { 'user-agent': USER_AGENT, ...this.request.headers }
    if (body !== undefined) headers['content-length'] = body.length
    const outgoing = moduleFor(url).request(url, { method, headers, agent })
    this.outgoing = outgoing
    outgoing.on('socket', () => this.reach('connected'))
    outgoing.on('finish', () => this.reach('sent'))
    outgoing.on('error', this.failFromNetwork)
    outgoing.on('response', (message) => this.receive(message))
    outgoing.end(body)
  }

  private receive(message: IncomingMessage): void {
    this.reach('sent')
    readBody(message).then((body) => {
      if (this.stage === 'settled') return
      this.settle()
      this.resolve({ status: message.statusCode ?? 0, headers: message.headers, body })
    }, this.failFromNetwork)
  }

  private reach(stage: 'connected' | 'sent'): void {
    if (this.stage !== 'settled' && this.stage !== 'sent') this.stage = stage
  }

  /**
   * A connection the server closed while it sat idle fails the next request before any answer, and
   * the transport cannot tell whether the server had read the request first: on a reused connection
   * that counts as sent, so that a reset goes through the read-back rather than being sent again.
   */
  private readonly failFromNetwork = (error: unknown): void => {
    if (error instanceof RequestError) return this.fail(error)
    const requestSent = this.stage === 'sent' || this.outgoing?.reusedSocket === true
    const state = { ...this.state(), requestSent }
    this.failWith((wording) => wording.networkError(error, this.request.url, state))
  }

  private readonly timeOut = (): void => {
    const { url, timeoutMs } = this.request
    const state = this.state()
    this.failWith((wording) => wording.timeoutError(url, timeoutMs, state))
  }

  /** Where the exchange has got to, for a message that names the hop that failed. */
  private state(): ExchangeState {
    const own = [...(this.pooled?.sockets ?? [])].filter((socket) => !this.earlier.has(socket))
    // The request gets its connection once CONNECT succeeded (a reused one had a tunnel already);
    // before that, only the proxy's answer to CONNECT is read from a new connection to it.
    const tunnelOpen =
      this.stage !== 'connecting' || this.outgoing?.reusedSocket === true || own.some((socket) => socket.bytesRead > 0)
    return { proxy: this.pooled?.proxy, tunnelOpen, requestSent: this.stage === 'sent' }
  }

  private readonly cancel = (): void => {
    const cause: unknown = this.request.signal?.reason
    this.fail(
      this.stage === 'sent'
        ? new RequestError('cancelled', 'Cancelled during the request to RyzeAPI.', { cause })
        : new RequestError('cancelled', 'Cancelled before the request reached RyzeAPI.', { cause, requestSent: false })
    )
  }

  /** Nothing of a failed exchange stays open: its connection, even one still waiting for CONNECT, is closed. */
  private fail(error: RequestError): void {
    if (this.stage === 'settled') return
    this.close()
    this.reject(error)
  }

  /** Settles at once; the wording of network failures is loaded only when one happens, off the default path. */
  private failWith(describe: (wording: NetworkWording) => RequestError): void {
    if (this.stage === 'settled') return
    this.close()
    import('./network-errors.js').then((wording) => this.reject(describe(wording)), this.reject)
  }

  private close(): void {
    this.settle()
    this.outgoing?.destroy()
    // Requests go one at a time, so every other connection of the agent is idle, and one that
    // failed is not trusted with the next request either.
    if (this.pooled) retire(this.pooled)
  }

  private settle(): void {
    this.stage = 'settled'
    clearTimeout(this.deadline)
    this.request.signal?.removeEventListener('abort', this.cancel)
  }
}

/** `node:http` and `node:https` as CommonJS: an ESM import of node:http would load Node's undici for http.WebSocket. */
function moduleFor(url: URL): typeof import('node:http') | typeof import('node:https') {
  return url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http')
}

/**
 * An agent, the proxy it goes through, and every connection it opened (to the proxy, when there is
 * one): while a proxy has not answered CONNECT, only the agent knows the connection.
 */
interface PooledAgent {
  key: string
  agent: Agent
  proxy?: Proxy
  sockets: Set<Socket>
}

/** The run's agents, one for each origin and proxy. */
const pool = new Map<string, PooledAgent>()

async function agentFor(url: URL): Promise<PooledAgent> {
  const proxy = proxyVariableSet(url) ? await proxyWhereSet(url) : undefined
  const key = `${url.origin} ${proxy?.url.href ?? 'direct'}`
  const pooled = pool.get(key)
  if (pooled) {
    for (const socket of pooled.sockets) if (socket.destroyed) pooled.sockets.delete(socket)
    return pooled
  }
  const created = await createAgent(key, url, proxy)
  // Another request may have made one while the tunnel's module was loading: keep the first.
  const first = pool.get(key)
  if (first) {
    created.agent.destroy()
    return first
  }
  pool.set(key, created)
  return created
}

/** Whether a proxy variable is set for `url`: only then is proxy.ts loaded, to read it and NO_PROXY. */
function proxyVariableSet(url: URL): boolean {
  const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  return names.some((name) => process.env[name]?.trim())
}

async function proxyWhereSet(url: URL): Promise<Proxy | undefined> {
  const { proxyFor } = await import('./proxy.js')
  return proxyFor(url)
}

/** The agent for `url`'s origin, proxied as proxy.ts decided, keeping its connection open for the next request. */
async function createAgent(key: string, url: URL, proxy: Proxy | undefined): Promise<PooledAgent> {
  const sockets = new Set<Socket>()
  // A closed connection stays listed until the next exchange starts, so that its failure can still be told.
  const track = (socket: Socket): void => void sockets.add(socket)
  if (proxy !== undefined && !(await import('./proxy.js')).agentsHonourProxyEnv()) {
    const { tunnelAgent } = await import('./proxy-tunnel.js')
    return { key, agent: tunnelAgent(url, proxy, track), proxy, sockets }
  }
  // Node is given the one proxy that applies, and no NO_PROXY to read again: proxy.ts has decided.
  const proxyEnv = proxy && { [url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy.url.href }
  const agent = new (moduleFor(url).Agent)({ keepAlive: true, ...(proxyEnv && { proxyEnv }) })
  const createConnection = agent.createConnection.bind(agent)
  agent.createConnection = (options, callback) => {
    const socket = createConnection(options, callback)
    if (socket) track(socket as Socket)
    return socket
  }
  return { key, agent, proxy, sockets }
}

function retire({ key, agent, sockets }: PooledAgent): void {
  for (const socket of sockets) socket.destroy()
  agent.destroy()
  pool.delete(key)
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const tooLarge = (): void => {
      message.destroy()
      reject(new RequestError('too-large', `The answer is larger than ${MAX_BODY_BYTES / 1024} KiB; refused.`))
    }
    if (Number(message.headers['content-length']) > MAX_BODY_BYTES) return tooLarge()

    const chunks: Buffer[] = []
    let size = 0
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) return tooLarge()
      chunks.push(chunk)
    })
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    message.on('error', reject)
    message.on('close', () => {
      if (!message.complete) reject(new Error('the connection closed before the answer was complete'))
    })
  })
}
