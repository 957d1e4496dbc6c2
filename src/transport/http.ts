import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { RequestError, messageOf } from '../safety/errors.js'
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

/** One request and its answer, in named steps: start, send, receive, then succeed or fail, once. */
class Exchange {
  /** On a connection that an earlier request used. */
  private reused = false
  /** All of the request was written, or the server began its answer: the server may act on it. */
  private sent = false
  private settled = false
  private deadline?: NodeJS.Timeout
  private pooled?: PooledAgent
  private outgoing?: ClientRequest

  constructor(
    private readonly request: HttpRequest,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: RequestError) => void
  ) {}

  start(): void {
    const { signal, timeoutMs, url } = this.request
    if (signal?.aborted) return this.cancel()
    signal?.addEventListener('abort', this.cancel)
    this.deadline = setTimeout(this.timeOut, timeoutMs)
    agentFor(url).then(
      (pooled) => {
        if (this.settled) return
        this.pooled = pooled
        this.send(pooled.agent)
      },
      // A proxy variable that holds no usable URL (proxy.ts words it, naming the variable).
      (error: unknown) => this.fail(new RequestError('proxy', messageOf(error), { cause: error, requestSent: false }))
    )
  }

  /** Node sets the Content-Length of a body given whole to `end()`, in UTF-8 bytes for a string. */
  private send(agent: Agent): void {
    const { url, method, body } = this.request
    const headers = { 'user-agent': USER_AGENT, ...this.request.headers }
    const outgoing = moduleFor(url).request(url, { method, headers, agent })
    this.outgoing = outgoing
    outgoing.on('socket', () => (this.reused = outgoing.reusedSocket))
    outgoing.on('finish', () => (this.sent = true))
    outgoing.on('error', this.failFromNetwork)
    outgoing.on('response', (message) => this.receive(message))
    outgoing.end(body)
  }

  /** An answer too large is refused as it is; any other failure while reading it is the network's. */
  private receive(message: IncomingMessage): void {
    this.sent = true
    readBody(message).then(
      (body) => this.finish(() => this.resolve({ status: message.statusCode ?? 0, headers: message.headers, body })),
      (error: unknown) => (error instanceof RequestError ? this.fail(error) : this.failFromNetwork(error))
    )
  }

  /**
   * A connection the server closed while it sat idle fails the next request before any answer, and
   * the transport cannot tell whether the server had read the request first: on a reused connection
   * that counts as sent, so that a reset goes through the read-back rather than being sent again.
   */
  private readonly failFromNetwork = (error: unknown): void => {
    const state = { ...this.state(), requestSent: this.sent || this.reused }
    this.failWith((wording) => wording.networkError(error, this.request.url, state))
  }

  private readonly timeOut = (): void => {
    const { url, timeoutMs } = this.request
    const state = this.state()
    this.failWith((wording) => wording.timeoutError(url, timeoutMs, state))
  }

  /**
   * Where the exchange has got to, for a message that names the hop that failed. Through a proxy,
   * the agent's one open connection is to the proxy, and has read something once the proxy answered
   * CONNECT (a reused one, before): Node hands the request its connection only later, after TLS.
   */
  private state(): ExchangeState {
    const sockets = this.pooled?.sockets ?? []
    const tunnelOpen = [...sockets].some((socket) => socket.bytesRead > 0)
    return { proxy: this.pooled?.proxy, tunnelOpen, requestSent: this.sent }
  }

  private readonly cancel = (): void => {
    const cause: unknown = this.request.signal?.reason
    this.fail(
      this.sent
        ? new RequestError('cancelled', 'Cancelled during the request to RyzeAPI.', { cause })
        : new RequestError('cancelled', 'Cancelled before the request reached RyzeAPI.', { cause, requestSent: false })
    )
  }

  /** Nothing of a failed exchange stays open: its connection, even one still waiting for CONNECT, is closed. */
  private fail(error: RequestError): void {
    this.finish(() => {
      this.close()
      this.reject(error)
    })
  }

  /** Settles at once; the wording of network failures is loaded only when one happens, off the default path. */
  private failWith(describe: (wording: NetworkWording) => RequestError): void {
    this.finish(() => {
      this.close()
      import('./network-errors.js').then((wording) => this.reject(describe(wording)), this.reject)
    })
  }

  /**
   * The first outcome settles the exchange; a later one (the error of a request destroyed at the
   * deadline, say) is dropped, so that it cannot close the connections of a request made since.
   */
  private finish(outcome: () => void): void {
    if (this.settled) return
    this.settled = true
    clearTimeout(this.deadline)
    this.request.signal?.removeEventListener('abort', this.cancel)
    outcome()
  }

  private close(): void {
    this.outgoing?.destroy()
    // Requests go one at a time, so every other connection of the agent is idle, and one that
    // failed is not trusted with the next request either.
    if (this.pooled) retire(this.pooled)
  }
}

/** `node:http` and `node:https` as CommonJS: an ESM import of node:http would load Node's undici for http.WebSocket. */
function moduleFor(url: URL): typeof import('node:http') | typeof import('node:https') {
  return url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http')
}

/**
 * An agent, the proxy it goes through, and every open connection it made (to the proxy, when there
 * is one): while a proxy has not answered CONNECT, only the agent knows the connection.
 */
interface PooledAgent {
  key: string
  agent: Agent
  proxy?: Proxy
  sockets: Set<Socket>
}

/** The run's agents, one for each origin and proxy. */
const pool = new Map<string, PooledAgent>()

/** How to reach an origin: directly, or through a proxy, over Node's proxy support or the action's own tunnel. */
interface Route {
  proxy?: Proxy
  tunnel?: (track: (socket: Socket) => void) => Agent
}

/** The pooled agent for `url`, made when there is none: nothing is awaited between looking and adding. */
async function agentFor(url: URL): Promise<PooledAgent> {
  const { proxy, tunnel }: Route = proxyVariableSet(url) ? await proxyRoute(url) : {}
  const key = `${url.origin} ${proxy?.url.href ?? 'direct'}`
  return pool.get(key) ?? createAgent(key, url, { proxy, tunnel })
}

/** Whether a proxy variable is set for `url`: only then is proxy.ts loaded, to read it and NO_PROXY. */
function proxyVariableSet(url: URL): boolean {
  const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  return names.some((name) => process.env[name]?.trim())
}

/** The proxy for `url`, if any; on a Node whose agents ignore `proxyEnv` (24.0 to 24.4), with the tunnel loaded only then. */
async function proxyRoute(url: URL): Promise<Route> {
  const { proxyFor, agentsHonourProxyEnv } = await import('./proxy.js')
  const proxy = proxyFor(url)
  if (proxy === undefined || agentsHonourProxyEnv()) return { proxy }
  const { tunnelAgent } = await import('./proxy-tunnel.js')
  return { proxy, tunnel: (track) => tunnelAgent(url, proxy, track) }
}

/** The agent for `url`'s origin, on its route, keeping its connection open for the next request. */
function createAgent(key: string, url: URL, { proxy, tunnel }: Route): PooledAgent {
  const sockets = new Set<Socket>()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  const agent = tunnel ? tunnel(track) : nodeAgent(url, proxy, track)
  const pooled = { key, agent, proxy, sockets }
  pool.set(key, pooled)
  return pooled
}

/** Node's own agent; given the one proxy that applies, and no NO_PROXY to read again: proxy.ts has decided. */
function nodeAgent(url: URL, proxy: Proxy | undefined, track: (socket: Socket) => void): Agent {
  const proxyEnv = proxy && { [url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy.url.href }
  const agent = new (moduleFor(url).Agent)({ keepAlive: true, ...(proxyEnv && { proxyEnv }) })
  const createConnection = agent.createConnection.bind(agent)
  // Node's agents return the connection at once, through a proxy before it answered CONNECT.
  agent.createConnection = (options, callback) => {
    const socket = createConnection(options, callback) as Socket
    track(socket)
    return socket
  }
  return agent
}

function retire({ key, agent, sockets }: PooledAgent): void {
  for (const socket of sockets) socket.destroy()
  agent.destroy()
  pool.delete(key)
}

/**
 * The answer's body, refused past MAX_BODY_BYTES (the exchange's failure closes the connection).
 * Node fails an answer cut short, by a reset or a clean close, with an error ('aborted').
 */
function readBody(message: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const tooLarge = (): void =>
      reject(new RequestError('too-large', `The answer is larger than ${MAX_BODY_BYTES / 1024} KiB; refused.`))
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
  })
}
