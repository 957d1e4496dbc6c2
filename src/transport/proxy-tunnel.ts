import type { Agent, ClientRequest, IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Proxy } from './proxy.js'

type Connected = (error: Error | null, socket?: Duplex) => void

/**
 * An agent that reaches `target` through an HTTP CONNECT tunnel opened by `proxy`, then speaks TLS
 * to the target through it. Loaded only on a Node whose agents ignore `proxyEnv` (24.0 to 24.4), so
 * that a proxy the runner requires is used there too, never silently gone around.
 *
 * A refusal fails as Node's own proxy support does (code ERR_PROXY_TUNNEL, with the statusCode), so
 * one set of messages serves both. `onProxySocket` is told of each connection to the proxy, which the
 * caller destroys on cancellation and at the deadline; destroying the agent aborts a pending CONNECT.
 */
export function tunnelAgent(target: URL, proxy: Proxy, onProxySocket: (socket: Socket) => void): Agent {
  // Kept alive like the agents in http.ts: one tunnel serves every request of the run.
  const agent = new (moduleFor(target).Agent)({ keepAlive: true })
  const pending = new Set<ClientRequest>()

  agent.createConnection = (options: Record<string, unknown>, callback: Connected) => {
    let done = false
    const settle = (error: Error | null, socket?: Duplex): void => {
      if (done) return
      done = true
      pending.delete(connect)
      callback(error, socket)
    }
    const authority = `${target.hostname}:${target.port || (target.protocol === 'https:' ? 443 : 80)}`
    const connect = moduleFor(proxy.url).request({
      method: 'CONNECT',
      host: proxy.url.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.url.port || (proxy.url.protocol === 'https:' ? 443 : 80),
      path: authority,
      headers: { host: authority, ...proxyAuthorization(proxy.url) },
      agent: false
    })
    pending.add(connect)
    connect.on('socket', (socket: Socket) => onProxySocket(socket))
    connect.on('error', (error) => settle(error))
    connect.on('connect', (response: IncomingMessage, socket: Socket, head: Buffer) => {
      if (response.statusCode !== 200) {
        socket.destroy()
        return settle(tunnelRefused(authority, response))
      }
      if (head.length > 0) socket.unshift(head)
      if (target.protocol !== 'https:') return settle(null, socket)
      const tls = process.getBuiltinModule('node:tls')
      settle(null, tls.connect({ ...options, socket }))
    })
    connect.end()
    return undefined
  }

  const destroy = agent.destroy.bind(agent)
  agent.destroy = () => {
    for (const connect of pending) connect.destroy()
    destroy()
  }
  return agent
}

/** Basic credentials from the proxy URL, decoded as curl and Node decode them. */
function proxyAuthorization(url: URL): Record<string, string> {
  if (!url.username && !url.password) return {}
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` }
}

function tunnelRefused(authority: string, response: IncomingMessage): Error {
  const error = new Error(
    `Failed to establish a tunnel to ${authority}: HTTP ${response.statusCode} ${response.statusMessage ?? ''}`.trim()
  )
  return Object.assign(error, { code: 'ERR_PROXY_TUNNEL', statusCode: response.statusCode })
}

function moduleFor(url: URL): typeof import('node:http') | typeof import('node:https') {
  return url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http')
}
