import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { rm } from 'node:fs/promises'
import { type IncomingMessage, request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { type AddressInfo, type Socket, createServer as createNetServer } from 'node:net'
import { join } from 'node:path'
import { tunnelAgent } from '../../src/transport/proxy-tunnel.js'
import { selfSignedCa } from '../helpers/certificates.js'
import { ConnectProxy, type ConnectProxyOptions } from '../simulator/connect-proxy.js'
import { DEFAULT_INSTANCE, RyzeSimulator } from '../simulator/ryze-simulator.js'

/**
 * The CONNECT tunnel that Node 24.0-24.4 needs, run here in-process on the tests' Node; the bundled
 * action runs it on Node 24.4.0 in proxy.e2e.test.ts.
 */

let ca: Awaited<ReturnType<typeof selfSignedCa>>
beforeAll(async () => {
  ca = await selfSignedCa({ dns: 'ryze.test' })
})
afterAll(() => rm(join(ca.file, '..'), { recursive: true, force: true }))

const started: Array<{ stop: () => Promise<void> }> = []
afterEach(async () => {
  for (const server of started.splice(0)) await server.stop()
})

async function proxyTo(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const proxy = new ConnectProxy({ 'ryze.test': '127.0.0.1' }, options)
  await proxy.start()
  started.push(proxy)
  return proxy
}

async function simulator(tls: boolean): Promise<RyzeSimulator> {
  const server = new RyzeSimulator(tls ? { tls: { key: ca.key, cert: ca.cert } } : {})
  await server.start()
  started.push(server)
  return server
}

/** One GET through `agent`; the answer's status, or the error. */
function get(url: URL, agent: ReturnType<typeof tunnelAgent>): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    request(url, { agent, ca: ca.cert }, (response: IncomingMessage) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
      .on('error', reject)
      .end()
  })
}

describe('tunnelAgent', () => {
  it('reaches an https server through CONNECT, with the credentials from the proxy URL, speaking TLS end to end', async () => {
    const api = await simulator(true)
    const proxy = await proxyTo({ credentials: { user: 'bot', password: 'p@ss word' } })
    const target = new URL(`https://ryze.test:${api.port}/api/group/info/${DEFAULT_INSTANCE}`)
    const proxyUrl = new URL(proxy.url.replace('://', '://bot:p%40ss%20word@'))
    const sockets: Socket[] = []
    const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: proxyUrl }, (socket) => sockets.push(socket))

    const status = await get(target, agent)
    agent.destroy()
    expect(status).toBeGreaterThanOrEqual(200)
    expect(proxy.tunnels).toEqual([`ryze.test:${api.port}`])
    expect(api.requests).toHaveLength(1)
    expect(sockets).toHaveLength(1)
    expect(proxy.bytesSeen.includes('/api/group/info/')).toBe(false)
  })

  it('reaches a plain-http server through CONNECT without TLS', async () => {
    const api = await simulator(false)
    const proxy = await proxyTo()
    const target = new URL(`http://ryze.test:${api.port}/api/group/info/${DEFAULT_INSTANCE}`)
    const agent = tunnelAgent(target, { variable: 'HTTP_PROXY', url: new URL(proxy.url) }, () => undefined)
    await get(target, agent)
    agent.destroy()
    expect(proxy.tunnels).toEqual([`ryze.test:${api.port}`])
    expect(api.requests).toHaveLength(1)
  })

  it("fails as Node's own proxy support does when the proxy refuses CONNECT", async () => {
    const proxy = await proxyTo({ credentials: { user: 'bot', password: 'right' } })
    const target = new URL('https://ryze.test:8443/x')
    const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: new URL(proxy.url) }, () => undefined)
    await expect(get(target, agent)).rejects.toMatchObject({ code: 'ERR_PROXY_TUNNEL', statusCode: 407 })
    agent.destroy()
  })

  it('passes on an error reaching the proxy', async () => {
    const proxy = await proxyTo()
    const closed = new URL(proxy.url)
    await proxy.stop()
    const target = new URL('https://ryze.test:8443/x')
    const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: closed }, () => undefined)
    await expect(get(target, agent)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('aborts a CONNECT the proxy never answers when the agent is destroyed', async () => {
    const proxy = await proxyTo({ silent: true })
    const target = new URL('https://ryze.test:8443/x')
    const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: new URL(proxy.url) }, () => undefined)
    const attempt = get(target, agent).catch((error: unknown) => error)
    while (proxy.tunnels.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    agent.destroy()
    const until = Date.now() + 1000
    while (proxy.openConnections > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(proxy.openConnections).toBe(0)
    await attempt
  })

  it('sends the tunnel its authority as Host, and the credentials of a URL with a user name only', async () => {
    const proxy = await proxyTo({ credentials: { user: 'bot', password: '' } })
    const target = new URL('https://ryze.test:8443/x')
    const agent = tunnelAgent(
      target,
      { variable: 'HTTPS_PROXY', url: new URL(proxy.url.replace('://', '://bot@')) },
      () => undefined
    )
    // Past the proxy, nothing listens on 8443: refused there, not by the proxy.
    await expect(get(target, agent)).rejects.not.toMatchObject({ code: 'ERR_PROXY_TUNNEL' })
    agent.destroy()
    expect(proxy.connectHeaders[0]).toMatchObject({ host: 'ryze.test:8443', 'proxy-authorization': 'Basic Ym90Og==' })
  })

  it('sends no credentials when the proxy URL holds none', async () => {
    const proxy = await proxyTo({ refuseWith: 403 })
    const target = new URL('https://ryze.test:8443/x')
    const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: new URL(proxy.url) }, () => undefined)
    await expect(get(target, agent)).rejects.toMatchObject({ code: 'ERR_PROXY_TUNNEL', statusCode: 403 })
    agent.destroy()
    expect(proxy.connectHeaders[0]).not.toHaveProperty('proxy-authorization')
  })

  it.each([
    ['https://ryze.test/x', 'ryze.test:443'],
    ['http://ryze.test/x', 'ryze.test:80']
  ])('asks for %s at its default port', async (url, authority) => {
    const proxy = await proxyTo({ refuseWith: 403 })
    const target = new URL(url)
    const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: new URL(proxy.url) }, () => undefined)
    await expect(get(target, agent)).rejects.toMatchObject({ code: 'ERR_PROXY_TUNNEL' })
    agent.destroy()
    expect(proxy.tunnels).toEqual([authority])
  })

  it.each([
    ['http://127.0.0.1', '127.0.0.1', 80],
    ['https://127.0.0.1', '127.0.0.1', 443],
    ['http://[::1]:1', '::1', 1]
  ])('connects to the proxy %s at its default port, or the one given', async (proxyUrl, address, port) => {
    // Nothing listens there on a test machine: the refused connection names the address and port tried.
    const target = new URL('https://ryze.test:8443/x')
    const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: new URL(proxyUrl) }, () => undefined)
    await expect(get(target, agent)).rejects.toMatchObject({ code: 'ECONNREFUSED', address, port })
    agent.destroy()
  })

  it('closes the connection of a refused CONNECT, even when the proxy would keep it open', async () => {
    let closedByClient!: () => void
    const clientClosed = new Promise<void>((resolve) => (closedByClient = resolve))
    const keeping = createNetServer((socket) => {
      socket.once('data', () => socket.write('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n'))
      socket.on('close', () => closedByClient())
    })
    await new Promise<void>((resolve) => keeping.listen(0, '127.0.0.1', resolve))
    try {
      const target = new URL('https://ryze.test:8443/x')
      const proxyUrl = new URL(`http://127.0.0.1:${(keeping.address() as AddressInfo).port}`)
      const agent = tunnelAgent(target, { variable: 'HTTPS_PROXY', url: proxyUrl }, () => undefined)
      await expect(get(target, agent)).rejects.toMatchObject({ code: 'ERR_PROXY_TUNNEL', statusCode: 407 })
      let deadline: NodeJS.Timeout | undefined
      const closed = await Promise.race([
        clientClosed.then(() => true),
        new Promise<boolean>((resolve) => (deadline = setTimeout(() => resolve(false), 1000)))
      ])
      // Left running, the deadline would keep this file's jest worker alive for up to a second after it ends.
      clearTimeout(deadline)
      expect(closed).toBe(true)
      agent.destroy()
    } finally {
      await new Promise((resolve) => keeping.close(resolve))
    }
  })

  it('keeps what a proxy sent right after its 200, which is the start of the answer', async () => {
    // A proxy that sends the answer of the server behind it in the same write as its own 200.
    const eager = createNetServer((socket) =>
      socket.once('data', () =>
        socket.end(
          'HTTP/1.1 200 Connection Established\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok'
        )
      )
    )
    await new Promise<void>((resolve) => eager.listen(0, '127.0.0.1', resolve))
    try {
      const target = new URL('http://ryze.test:8080/x')
      const proxyUrl = new URL(`http://127.0.0.1:${(eager.address() as AddressInfo).port}`)
      const agent = tunnelAgent(target, { variable: 'HTTP_PROXY', url: proxyUrl }, () => undefined)
      expect(await get(target, agent)).toBe(200)
      agent.destroy()
    } finally {
      await new Promise((resolve) => eager.close(resolve))
    }
  })
})
