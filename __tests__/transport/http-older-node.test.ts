import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { rm } from 'node:fs/promises'
import type { AgentOptions as HttpAgentOptions } from 'node:http'
import type { AgentOptions as HttpsAgentOptions } from 'node:https'
import { createServer as createHttpsServer } from 'node:https'
import { type AddressInfo, type Socket, createServer } from 'node:net'
import { join } from 'node:path'
import { getCACertificates, setDefaultCACertificates } from 'node:tls'
import { closeConnections, sendRequest } from '../../src/transport/http.js'
import { agentsHonourProxyEnv } from '../../src/transport/proxy.js'
import { selfSignedCa } from '../helpers/certificates.js'
import { failure } from '../helpers/request-failure.js'
import { ConnectProxy, type ConnectProxyOptions } from '../simulator/connect-proxy.js'
import { RyzeSimulator } from '../simulator/ryze-simulator.js'

/**
 * On Node 24.0 to 24.4, whose agents ignore the proxy in their `proxyEnv` option, a proxy is still
 * used, through the action's own CONNECT tunnel (src/transport/proxy-tunnel.ts), never gone around. Simulated
 * here, in this process, by http and https modules whose agents drop that proxy; the bundled action
 * runs on Node 24.4.0 itself in proxy.e2e.test.ts. A file of its own: proxy.ts asks once per process.
 */

const builtin = process.getBuiltinModule.bind(process)
const realHttp = builtin('node:http')
const realHttps = builtin('node:https')
/** The agents of such a Node: they keep no proxy from `proxyEnv`. */
class OlderHttpAgent extends realHttp.Agent {
  constructor(options?: HttpAgentOptions) {
    super({ ...options, proxyEnv: {} })
  }
}
class OlderHttpsAgent extends realHttps.Agent {
  constructor(options?: HttpsAgentOptions) {
    super({ ...options, proxyEnv: {} })
  }
}
const olderModules: Record<string, unknown> = {
  'node:http': { ...realHttp, Agent: OlderHttpAgent },
  'node:https': { ...realHttps, Agent: OlderHttpsAgent }
}

const saved = { ...process.env }
const defaultCas = getCACertificates('default')
let ca: Awaited<ReturnType<typeof selfSignedCa>>
const started: Array<{ stop: () => Promise<void> }> = []

beforeAll(async () => {
  process.getBuiltinModule = (id: string) => olderModules[id] ?? builtin(id)
  // Jest transforms a lazily imported module on its first use, which can outlast the deadlines below.
  await Promise.all([import('../../src/transport/proxy-tunnel.js'), import('../../src/transport/network-errors.js')])
  ca = await selfSignedCa({ dns: 'ryze.test' })
  setDefaultCACertificates([...defaultCas, ca.cert])
})
afterAll(async () => {
  process.getBuiltinModule = builtin
  setDefaultCACertificates(defaultCas)
  await rm(join(ca.file, '..'), { recursive: true, force: true })
})
afterEach(async () => {
  closeConnections()
  for (const server of started.splice(0)) await server.stop()
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY']) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})

async function startProxy(variable: string, options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const proxy = new ConnectProxy({ 'ryze.test': '127.0.0.1' }, options)
  started.push(proxy)
  process.env[variable] = await proxy.start()
  return proxy
}

async function startApi(tls: boolean): Promise<URL> {
  const api = new RyzeSimulator(tls ? { tls: { key: ca.key, cert: ca.cert } } : {})
  await api.start()
  started.push(api)
  return new URL(`${tls ? 'https' : 'http'}://ryze.test:${api.port}/api/group/info/support`)
}

const get = (url: URL, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
  sendRequest({ method: 'GET', url, headers: {}, timeoutMs: 2000, ...extra })

/** Waits, at most `ms`, for `condition` to hold; whether it does. */
async function within(ms: number, condition: () => boolean): Promise<boolean> {
  const until = Date.now() + ms
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
  return condition()
}

describe('sendRequest on a Node whose agents ignore proxyEnv', () => {
  it('is told so by agentsHonourProxyEnv', () => {
    expect(agentsHonourProxyEnv()).toBe(false)
  })

  it('reaches an https server through the proxy, in one tunnel for every request', async () => {
    const url = await startApi(true)
    const proxy = await startProxy('HTTPS_PROXY')
    // ryze.test has no address outside the proxy: an answer means that the request went through it.
    expect((await get(url)).status).toBeGreaterThanOrEqual(200)
    expect((await get(url)).status).toBeGreaterThanOrEqual(200)
    expect(proxy.tunnels).toEqual([url.host])
  })

  it('reaches a loopback server directly, with no tunnel, though a proxy is set', async () => {
    const api = new RyzeSimulator()
    started.push(api)
    const url = new URL(`${await api.start()}/api/group/info/support`)
    const proxy = await startProxy('HTTP_PROXY')
    expect((await get(url)).status).toBeGreaterThanOrEqual(200)
    expect(proxy.tunnels).toEqual([])
  })

  it('reaches a plain-http server through a CONNECT tunnel too', async () => {
    const url = await startApi(false)
    const proxy = await startProxy('HTTP_PROXY')
    expect((await get(url)).status).toBeGreaterThanOrEqual(200)
    expect(proxy.tunnels).toEqual([url.host])
  })

  it('fails with kind proxy, sending nothing, when the proxy wants credentials (407)', async () => {
    await startProxy('HTTPS_PROXY', { credentials: { user: 'bot', password: 'pw' } })
    const error = await failure(get(new URL('https://ryze.test:8443/x')))
    expect(error).toMatchObject({ kind: 'proxy', requestSent: false })
    expect(error.message).toContain('the proxy in HTTPS_PROXY needs credentials (HTTP 407')
  })

  /** An https server for ryze.test that answers every path but /never, whose requests it leaves waiting. */
  async function startHttpsApi(): Promise<URL> {
    const api = createHttpsServer({ key: ca.key, cert: ca.cert }, (request, response) => {
      request.resume()
      if (request.url !== '/never') request.on('end', () => response.end('{}'))
    })
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
    started.push({
      stop: async () => {
        api.closeAllConnections()
        await new Promise((resolve) => api.close(resolve))
      }
    })
    return new URL(`https://ryze.test:${(api.address() as AddressInfo).port}`)
  }

  it('says at the deadline that the tunnel was open, when the server behind it never answers TLS', async () => {
    const held: Socket[] = []
    const silent = createServer((socket) => void held.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    started.push({
      stop: async () => {
        for (const socket of held) socket.destroy()
        await new Promise((resolve) => silent.close(resolve))
      }
    })
    const proxy = await startProxy('HTTPS_PROXY')
    const url = new URL(`https://ryze.test:${(silent.address() as AddressInfo).port}/x`)
    const error = await failure(get(url, { timeoutMs: 300 }))
    expect(proxy.tunnels).toEqual([url.host])
    expect(error).toMatchObject({ kind: 'timeout', requestSent: false })
    expect(error.message).toMatch(/, through the tunnel that the proxy in HTTPS_PROXY had opened\.$/)
  })

  it('says at the deadline that the tunnel was open, when RyzeAPI never answers on a reused tunnel', async () => {
    const api = await startHttpsApi()
    const proxy = await startProxy('HTTPS_PROXY')
    await get(new URL('/a', api))
    const error = await failure(get(new URL('/never', api), { timeoutMs: 300 }))
    expect(proxy.tunnels).toHaveLength(1)
    expect(error).toMatchObject({ kind: 'timeout', requestSent: true })
    expect(error.message).toMatch(/, through the tunnel that the proxy in HTTPS_PROXY had opened\.$/)
  })

  it('says at the deadline that the proxy had not opened a tunnel, when it closed the idle one and never answers again', async () => {
    const api = await startHttpsApi()
    const proxy = await startProxy('HTTPS_PROXY', { answerFirst: 1 })
    await get(new URL('/a', api))
    proxy.dropConnections()
    // Until the client has seen its connection close.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const error = await failure(get(new URL('/b', api), { timeoutMs: 300 }))
    expect(proxy.tunnels).toHaveLength(2)
    expect(error).toMatchObject({ kind: 'timeout', requestSent: false })
    expect(error.message).toMatch(/; the proxy in HTTPS_PROXY had not opened a tunnel\.$/)
  })

  describe('through a proxy that never answers CONNECT', () => {
    let proxy: ConnectProxy
    beforeEach(async () => {
      proxy = await startProxy('HTTPS_PROXY', { silent: true })
    })

    it('ends at the deadline, saying the proxy had not opened a tunnel, and closes the connection to it', async () => {
      const started = Date.now()
      const error = await failure(get(new URL('https://ryze.test:8443/x'), { timeoutMs: 300 }))
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
      expect(Date.now() - started).toBeLessThan(1000)
      expect(error).toMatchObject({ kind: 'timeout', requestSent: false })
      expect(error.message).toMatch(/; the proxy in HTTPS_PROXY had not opened a tunnel\.$/)
      expect(await within(1000, () => proxy.openConnections === 0)).toBe(true)
    })

    it('ends at once on cancellation, and closes the connection to it', async () => {
      const controller = new AbortController()
      const attempt = failure(
        get(new URL('https://ryze.test:8443/x'), { timeoutMs: 60_000, signal: controller.signal })
      )
      expect(await within(1000, () => proxy.tunnels.length > 0)).toBe(true)
      controller.abort(new Error('cancelled'))
      expect(await attempt).toMatchObject({ kind: 'cancelled', requestSent: false })
      expect(await within(1000, () => proxy.openConnections === 0)).toBe(true)
    })
  })
})
