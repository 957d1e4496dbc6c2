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
 * never followed, so the token cannot reach another host.
 *
 * The promise settles at the deadline or on cancellation whatever the request does: Node emits no
 * event for a request aborted while its proxy has not answered CONNECT, so the timer and the signal
 * settle it here, and every socket the exchange opened is destroyed.
 */
export function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => startExchange(request, resolve, reject))
}

function startExchange(
  request: HttpRequest,
  resolve: (response: HttpResponse) => void,
  reject: (error: RequestError) => void
): void {
  const proxyVariable = request.url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'
  /** The whole request was handed to the socket (after any tunnel and TLS): the server may act on it. */
  let written = false
  /** The request has its socket; through a proxy, only once CONNECT succeeded. */
  let connected = false
  let settled = false
  let exchange: { agent: Agent; sockets: Set<Duplex> } | undefined
  let outgoing: ClientRequest | undefined = undefined

  const finish = (): void => {
    settled = true
    clearTimeout(deadline)
    request.signal?.removeEventListener('abort', onCancel)
    outgoing?.destroy()
    for (const socket of exchange?.sockets ?? []) socket.destroy()
    exchange?.agent.destroy()
  }
  const fail = (error: RequestError): void => {
    if (settled) return
    finish()
    reject(error)
  }
  const fromNetwork = (error: unknown): void =>
    fail(networkError(error, request.url, proxyVariable, { requestSent: written }))

  const deadline = setTimeout(() => {
    const stage = connected ? '' : tunnelNote(proxyVariable)
    fail(
      new RequestError(
        'timeout',
        `RyzeAPI at ${request.url.origin} timed out: no complete answer within ${request.timeoutMs / 1000} s${stage}.`,
        { requestSent: written }
      )
    )
  }, request.timeoutMs)
  const onCancel = (): void =>
    fail(
      written
        ? new RequestError('cancelled', 'Cancelled during the request to RyzeAPI.', { cause: request.signal?.reason })
        : new RequestError('cancelled', 'Cancelled before the request reached RyzeAPI.', {
            cause: request.signal?.reason,
            requestSent: false
          })
    )
  if (request.signal?.aborted) {
    onCancel()
    return
  }
  request.signal?.addEventListener('abort', onCancel, { once: true })

  try {
    exchange = exchangeAgent(request.url)
  } catch (error) {
    fail(
      new RequestError(
        'proxy',
        `${proxyVariable} does not hold an http:// or https:// proxy URL such as http://proxy.example:3128`,
        {
          cause: error,
          requestSent: false
        }
      )
    )
    return
  }

  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
  const headers: Record<string, string | number> = { 'user-agent': USER_AGENT, ...request.headers }
  if (body !== undefined) headers['content-length'] = body.length
  outgoing = moduleFor(request.url).request(request.url, { method: request.method, headers, agent: exchange.agent })
  outgoing.on('socket', () => (connected = true))
  outgoing.on('finish', () => (written = true))
  outgoing.on('error', fromNetwork)
  outgoing.on('response', (message) => {
    readBody(message).then((text) => {
      if (settled) return
      finish()
      resolve({ status: message.statusCode ?? 0, headers: message.headers, body: text })
    }, fromNetwork)
  })
  outgoing.end(body)
}

/** `node:http` and `node:https` as CommonJS: an ESM import of node:http would load Node's undici for http.WebSocket. */
function moduleFor(url: URL): typeof import('node:http') | typeof import('node:https') {
  return url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http')
}

/**
 * An agent for one exchange, proxied as the environment says, that remembers every socket it opens:
 * while a proxy has not answered CONNECT, only the agent knows the socket, and Node does not close it.
 */
function exchangeAgent(url: URL): { agent: Agent; sockets: Set<Duplex> } {
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
  const agent = new (moduleFor(url).Agent)({ proxyEnv })
  const sockets = new Set<Duplex>()
  const createConnection = agent.createConnection.bind(agent)
  agent.createConnection = (options, callback) => {
    const socket = createConnection(options, callback)
    if (socket) sockets.add(socket)
    return socket
  }
  return { agent, sockets }
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
