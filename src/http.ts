import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { RequestError } from './errors.js'

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

/** Plain http is for a local simulator or gateway: never sent through a proxy, as curl and the toolkit do. */
const LOOPBACK = ['localhost', '127.0.0.0-127.255.255.255', '::1', '[::1]']

/**
 * Sends one request and reads the whole answer within the time-out, on Node's own http/https with
 * its built-in proxy support (HTTPS_PROXY, NO_PROXY, credentials in the proxy URL). Redirects are
 * never followed, so the token cannot reach another host. Requests to one origin through one proxy
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
  private readonly proxyVariable: 'HTTPS_PROXY' | 'HTTP_PROXY'

  constructor(
    private readonly request: HttpRequest,
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: RequestError) => void
  ) {
    this.proxyVariable = request.url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'
  }

  start(): void {
    const { signal, timeoutMs, url } = this.request
    if (signal?.aborted) return this.cancel()
    signal?.addEventListener('abort', this.cancel, { once: true })
    this.deadline = setTimeout(this.timeOut, timeoutMs)
    try {
      this.pooled = agentFor(url)
    } catch (error) {
      const expected = `${this.proxyVariable} does not hold an http:// or https:// proxy URL such as http://proxy.example:3128`
      return this.fail(new RequestError('proxy', expected, { cause: error, requestSent: false }))
    }
    this.send(this.pooled.agent)
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
    const requestSent = this.stage === 'sent' || this.outgoing?.reusedSocket === true
    this.fail(networkError(error, this.request.url, this.proxyVariable, { requestSent }))
  }

  private readonly timeOut = (): void => {
    const { url, timeoutMs } = this.request
    const stage = this.stage === 'connecting' ? tunnelNote(this.proxyVariable) : ''
    const message = `RyzeAPI at ${url.origin} timed out: no complete answer within ${timeoutMs / 1000} s${stage}.`
    this.fail(new RequestError('timeout', message, { requestSent: this.stage === 'sent' }))
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
    this.settle()
    this.outgoing?.destroy()
    // Requests go one at a time, so every other connection of the agent is idle, and one that
    // failed is not trusted with the next request either.
    if (this.pooled) retire(this.pooled)
    this.reject(error)
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

/** An agent and every connection it opened: while a proxy has not answered CONNECT, only the agent knows it. */
interface PooledAgent {
  key: string
  agent: Agent
  sockets: Set<Duplex>
}

/** The run's agents, one for each origin and proxy environment. */
const pool = new Map<string, PooledAgent>()

function agentFor(url: URL): PooledAgent {
  const proxyEnv = proxyEnvironment(url)
  const key = `${url.origin} ${JSON.stringify(proxyEnv)}`
  if (!pool.has(key)) pool.set(key, tracked(key, createAgent(url, proxyEnv)))
  return pool.get(key)!
}

function tracked(key: string, agent: Agent): PooledAgent {
  const sockets = new Set<Duplex>()
  const createConnection = agent.createConnection.bind(agent)
  agent.createConnection = (options, callback) => {
    const socket = createConnection(options, callback)
    socket?.once('close', () => sockets.delete(socket))
    if (socket) sockets.add(socket)
    return socket
  }
  return { key, agent, sockets }
}

function retire({ key, agent, sockets }: PooledAgent): void {
  for (const socket of sockets) socket.destroy()
  agent.destroy()
  pool.delete(key)
}

type ProxyEnvironment = { HTTP_PROXY?: string; HTTPS_PROXY?: string; NO_PROXY: string }

/** The proxies the environment names, as Node's agents take them; throws for a proxy Node would bypass. */
function proxyEnvironment(url: URL): ProxyEnvironment {
  const env = process.env
  const noProxy = [env.no_proxy || env.NO_PROXY, ...LOOPBACK].filter(Boolean).join(',')
  const proxyEnv = {
    HTTP_PROXY: env.http_proxy || env.HTTP_PROXY,
    HTTPS_PROXY: env.https_proxy || env.HTTPS_PROXY,
    NO_PROXY: noProxy
  }
  // Node's proxy support speaks to http and https proxies only: it would silently go direct past
  // any other (socks5://), which a runner behind a proxy must not do unnoticed.
  const proxy = url.protocol === 'https:' ? proxyEnv.HTTPS_PROXY : proxyEnv.HTTP_PROXY
  if (proxy && !/^https?:\/\//i.test(proxy.trim())) throw new Error('not an http:// or https:// proxy URL')
  return proxyEnv
}

/** The agent for `url`'s origin, proxied as given, keeping its connection open for the next request. */
function createAgent(url: URL, proxyEnv: ProxyEnvironment): Agent {
  return new (moduleFor(url).Agent)({ keepAlive: true, proxyEnv })
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

function networkError(
  error: unknown,
  url: URL,
  proxyVariable: string,
  { requestSent }: { requestSent: boolean }
): RequestError {
  if (error instanceof RequestError) return error
  const code = (error as NodeJS.ErrnoException | null)?.code ?? ''
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode
  const where = `Could not reach RyzeAPI at ${url.origin}`
  if (code === 'ERR_PROXY_TUNNEL' && statusCode === 407) {
    return new RequestError(
      'proxy',
      `${where}: the proxy refused the credentials in ${proxyVariable} (HTTP 407 Proxy Authentication Required). ` +
        `Check the user name and password in ${proxyVariable}, written as http://user:password@proxy:port.`,
      { cause: error, requestSent: false }
    )
  }
  if (code === 'ERR_PROXY_TUNNEL') {
    const answer = typeof statusCode === 'number' ? `answered CONNECT with HTTP ${statusCode}` : 'did not open a tunnel'
    return new RequestError('network', `${where}: the proxy in ${proxyVariable} ${answer}`, {
      cause: error,
      requestSent: false
    })
  }
  if (isCertificateError(code)) {
    return new RequestError(
      'tls',
      `${where}: its TLS certificate is not trusted (${describeNetworkError(error)}). ` +
        'Check base-url; for a private CA, set NODE_EXTRA_CA_CERTS.',
      { cause: error, requestSent: false }
    )
  }
  if (!requestSent && (code === 'EPROTO' || code.startsWith('ERR_SSL_'))) {
    return new RequestError(
      'tls',
      `${where}: that address does not speak TLS (is it a plain-http port?). Check base-url's scheme and port.`,
      { cause: error, requestSent: false }
    )
  }
  return new RequestError('network', `${where}: ${describeNetworkError(error)}`, { cause: error, requestSent })
}

/** Only a proxy that has not answered CONNECT keeps a request from its socket until the deadline. */
function tunnelNote(proxyVariable: string): string {
  const env = process.env
  const proxied =
    proxyVariable === 'HTTPS_PROXY' ? env.https_proxy || env.HTTPS_PROXY : env.http_proxy || env.HTTP_PROXY
  return proxied ? `; the proxy in ${proxyVariable} had not opened a tunnel` : ''
}

/** A certificate problem does not pass by itself: retrying it only delays the error. */
function isCertificateError(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code)
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code
  return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message
}
