import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { RequestError, messageOf } from './errors.js'
import type { ExchangeState } from './network-errors.js'
import { type Proxy, ProxyUrlError, agentsHonourProxyEnv, proxyFor } from './proxy.js'

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
 * Redirects are never followed, so the token cannot reach another host.
 *
 * The promise settles at the deadline or on cancellation whatever the request does: Node emits no
 * event for a request aborted while its proxy has not answered CONNECT, so the timer and the signal
 * settle it here, and every socket the exchange opened is destroyed.
 */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  let route: Route
  try {
    route = await routeFor(request.url)
  } catch (error) {
    const message = error instanceof ProxyUrlError ? error.message : messageOf(error)
    throw new RequestError('proxy', message, { cause: error, requestSent: false })
  }
  return new Promise((resolve, reject) => startExchange(request, route, resolve, reject))
}

function startExchange(
  request: HttpRequest,
  route: Route,
  resolve: (response: HttpResponse) => void,
  reject: (error: RequestError) => void
): void {
  /** The whole request was handed to the socket (after any tunnel and TLS): the server may act on it. */
  let written = false
  let settled = false
  let outgoing: ClientRequest | undefined = undefined
  const state = (): ExchangeState => ({
    proxy: route.proxy,
    // Only a proxy's answer to CONNECT is read from a connection to it before the tunnel is open.
    tunnelOpen: [...route.sockets].some((socket) => socket.bytesRead > 0),
    requestSent: written
  })

  const finish = (): void => {
    settled = true
    clearTimeout(deadline)
    request.signal?.removeEventListener('abort', onCancel)
    outgoing?.destroy()
    for (const socket of route.sockets) socket.destroy()
    route.agent.destroy()
  }
  const fail = (error: RequestError): void => {
    if (settled) return
    finish()
    reject(error)
  }
  /** Settles at once; the wording of network failures is loaded only when one happens. */
  const failWith = (describe: (wording: NetworkWording, state: ExchangeState) => RequestError): void => {
    if (settled) return
    const stateWhenFailed = state()
    finish()
    import('./network-errors.js').then((wording) => reject(describe(wording, stateWhenFailed)), reject)
  }
  const fromNetwork = (error: unknown): void =>
    error instanceof RequestError
      ? fail(error)
      : failWith((wording, state) => wording.networkError(error, request.url, state))

  const deadline = setTimeout(
    () => failWith((wording, state) => wording.timeoutError(request.url, request.timeoutMs, state)),
    request.timeoutMs
  )
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

  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
  const headers: Record<string, string | number> = { 'user-agent': USER_AGENT, ...request.headers }
  if (body !== undefined) headers['content-length'] = body.length
  outgoing = moduleFor(request.url).request(request.url, { method: request.method, headers, agent: route.agent })
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

/** How one exchange reaches its server: the agent, the proxy it goes through, and every connection it opened. */
interface Route {
  agent: Agent
  proxy?: Proxy
  /**
   * Every connection the agent opened (to the proxy, when there is one): while a proxy has not
   * answered CONNECT, only the agent knows the socket, and Node does not close it.
   */
  sockets: Set<Socket>
}

async function routeFor(url: URL): Promise<Route> {
  const proxy = proxyFor(url)
  const sockets = new Set<Socket>()
  if (proxy !== undefined && !agentsHonourProxyEnv()) {
    const { tunnelAgent } = await import('./proxy-tunnel.js')
    return { agent: tunnelAgent(url, proxy, (socket) => sockets.add(socket)), proxy, sockets }
  }
  // proxy.ts has decided already: Node is given the one proxy that applies, and no NO_PROXY to reread.
  const proxyEnv = proxy && { [url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY']: proxy.url.href }
  const agent = new (moduleFor(url).Agent)(proxyEnv ? { proxyEnv } : {})
  const createConnection = agent.createConnection.bind(agent)
  agent.createConnection = (options, callback) => {
    const socket = createConnection(options, callback)
    if (socket) sockets.add(socket as Socket)
    return socket
  }
  return { agent, proxy, sockets }
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
