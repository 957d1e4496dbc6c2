import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { getEventListeners } from 'node:events'
import { rm } from 'node:fs/promises'
import {
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
  createServer as createHttpServer
} from 'node:http'
import { type Server as HttpsServer, createServer as createHttpsServer } from 'node:https'
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net'
import { join } from 'node:path'
import { getCACertificates, setDefaultCACertificates } from 'node:tls'
import { MAX_BODY_BYTES, closeConnections, sendRequest } from '../../src/transport/http.js'
import { selfSignedCa } from '../helpers/certificates.js'
import { failure } from '../helpers/request-failure.js'
import { ConnectProxy, type ConnectProxyOptions } from '../simulator/connect-proxy.js'

/**
 * sendRequest (src/transport/http.ts) in this process, against real servers on 127.0.0.1: what the log of the
 * bundled action does not show (whether a request can have reached the server, which connection it
 * used), and what Stryker's mutants of src/transport/http.ts must be seen by. The bundled action's transport
 * is tested end to end in transport.e2e.test.ts and keep-alive.e2e.test.ts.
 */

/** sendRequest in this process, against an http server that counts its connections and answers as told. */
describe('sendRequest on a reused connection', () => {
  let server: HttpServer
  let connections: Socket[]
  afterEach(async () => {
    closeConnections()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  /** Starts a server whose nth request (from 1) is handled by `handlers[n - 1]`, or answered 200 when there is none. */
  /** A server whose n-th request goes to the n-th handler; an absent or undefined one answers `{"success":true}`. */
  async function start(
    ...handlers: Array<((request: IncomingMessage, response: ServerResponse) => void) | undefined>
  ): Promise<URL> {
    let seen = 0
    connections = []
    server = createHttpServer((request, response) => {
      const handler = handlers[seen++]
      if (handler) return handler(request, response)
      request.resume()
      request.on('end', () => response.end('{"success":true}'))
    })
    server.on('connection', (socket) => connections.push(socket))
    // Only the client closes an idle connection here (Node's server would after 5 s).
    server.keepAliveTimeout = 60_000
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/group/resetLink/support`)
  }

  const post = (url: URL, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    sendRequest({ method: 'POST', url, headers: { token: 't' }, body: '{"identifier":"x"}', timeoutMs: 2000, ...extra })

  const closed = (socket: Socket): Promise<void> =>
    socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()))

  it('sends every request on one connection, which closeConnections closes', async () => {
    const url = await start()
    for (let i = 0; i < 3; i++) expect((await post(url)).body).toBe('{"success":true}')
    expect(connections).toHaveLength(1)
    expect(connections[0]!.destroyed).toBe(false)
    closeConnections()
    await closed(connections[0]!)
    expect((await post(url)).status).toBe(200)
    expect(connections).toHaveLength(2)
  })

  it('counts a request as sent when the server closed its reused connection before any answer', async () => {
    // The server goes away as the second request arrives, without reading it: only the client's side is known.
    const url = await start(undefined, (request) => request.socket.destroy())
    await post(url)
    // A body larger than the socket's buffers, so that the failure comes before the request is all written.
    const body = JSON.stringify({ identifier: 'x'.repeat(4 * 1024 * 1024) })
    const error = await failure(sendRequest({ method: 'POST', url, headers: {}, body, timeoutMs: 2000 }))
    expect(error).toMatchObject({ kind: 'network', requestSent: true })
    expect(connections).toHaveLength(1)
    // The next request opens a fresh connection.
    expect((await post(url)).status).toBe(200)
    expect(connections).toHaveLength(2)
  })

  it('times out on a reused connection that never answers, and closes it', async () => {
    const url = await start(undefined, () => undefined)
    await post(url)
    const started = Date.now()
    const error = await failure(post(url, { timeoutMs: 300 }))
    expect(error).toMatchObject({ kind: 'timeout', requestSent: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    await closed(connections[0]!)
    expect(connections).toHaveLength(1)
  })

  it('ends at once on cancellation on a reused connection, and closes it', async () => {
    let answerWaiting!: () => void
    const waiting = new Promise<void>((resolve) => (answerWaiting = resolve))
    const url = await start(undefined, () => answerWaiting())
    await post(url)
    const controller = new AbortController()
    const attempt = failure(post(url, { timeoutMs: 60_000, signal: controller.signal }))
    await waiting
    controller.abort(new Error('cancelled'))
    const error = await attempt
    expect(error).toMatchObject({
      kind: 'cancelled',
      requestSent: true,
      message: 'Cancelled during the request to RyzeAPI.'
    })
    await closed(connections[0]!)
    expect(connections).toHaveLength(1)
  })

  it('refuses an answer that declares a Content-Length over the limit, without waiting for its body', async () => {
    const url = await start((request, response) => {
      request.resume()
      response.writeHead(200, { 'content-length': String(MAX_BODY_BYTES + 1), 'content-type': 'application/json' })
      // A few bytes, then nothing: only the declared length can say that the answer is too large.
      response.write('{"success":')
    })
    const error = await failure(post(url, { timeoutMs: 5000 }))
    expect(error).toMatchObject({ kind: 'too-large', message: 'The answer is larger than 1024 KiB; refused.' })
    await closed(connections[0]!)
  })

  it('refuses, at once, an answer that grows past the limit without declaring its length, and closes its connection', async () => {
    const url = await start((request, response) => {
      request.resume()
      // Chunked, and never ended: only the bytes read can say that the answer is too large.
      response.write('x'.repeat(MAX_BODY_BYTES + 1))
    })
    const started = Date.now()
    const error = await failure(post(url, { timeoutMs: 5000 }))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(error).toMatchObject({ kind: 'too-large', message: 'The answer is larger than 1024 KiB; refused.' })
    await closed(connections[0]!)
  })

  it('keeps its connection past the deadline of a request that was answered', async () => {
    const url = await start()
    await post(url, { timeoutMs: 100 })
    // Past that deadline, which must not close the connection that the next request reuses.
    await new Promise((resolve) => setTimeout(resolve, 200))
    await post(url)
    expect(connections).toHaveLength(1)
  })

  it('leaves no timer behind once answered, which would hold the process until the deadline', async () => {
    const url = await start()
    const timers = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length
    // The server's and the kept connection's own timers are there after a first request.
    await post(url)
    const before = timers()
    await post(url, { timeoutMs: 60_000 })
    expect(timers()).toBe(before)
  })

  it('keeps a later connection past the deadline of a request that failed', async () => {
    const url = await start((request) => request.socket.destroy())
    expect(await failure(post(url, { timeoutMs: 100 }))).toMatchObject({ kind: 'network' })
    await post(url)
    await new Promise((resolve) => setTimeout(resolve, 200))
    await post(url)
    expect(connections).toHaveLength(2)
  })

  // A reset, and a FIN, which cuts the answer short without any error on the connection itself.
  it.each([
    ['closes', (socket: Socket) => socket.destroy()],
    ['cleanly ends', (socket: Socket) => socket.end()]
  ])(
    'fails at once, not at the deadline, when the server %s the connection in the middle of its answer',
    async (_how, cut) => {
      const url = await start((request, response) => {
        request.resume()
        response.writeHead(200, { 'content-length': '100' })
        response.write('{"success":', () => cut(response.socket!))
      })
      const started = Date.now()
      const error = await failure(post(url, { timeoutMs: 5000 }))
      expect(Date.now() - started).toBeLessThan(1000)
      // Node tells of an answer cut short as an error ('aborted'), before the connection's close.
      expect(error).toMatchObject({ kind: 'network', requestSent: true, message: expect.stringContaining('aborted') })
    }
  )

  it('leaves no listener on the signal once settled: answered, failed, timed out or cancelled', async () => {
    const url = await start(
      undefined,
      (request) => request.socket.destroy(),
      () => undefined,
      () => undefined
    )
    const listeners = (signal: AbortSignal): number => getEventListeners(signal, 'abort').length
    const answered = new AbortController()
    await post(url, { signal: answered.signal })
    const failed = new AbortController()
    await failure(post(url, { signal: failed.signal }))
    const timedOut = new AbortController()
    await failure(post(url, { signal: timedOut.signal, timeoutMs: 100 }))
    const cancelled = new AbortController()
    const attempt = failure(post(url, { signal: cancelled.signal }))
    while (connections.length < 3) await new Promise((resolve) => setTimeout(resolve, 10))
    cancelled.abort(new Error('cancelled'))
    await attempt
    expect([answered, failed, timedOut, cancelled].map(({ signal }) => listeners(signal))).toEqual([0, 0, 0, 0])
  })

  it('keeps the connection of a request sent at once after a cancelled one, whose late errors change nothing', async () => {
    let answerWaiting!: () => void
    const waiting = new Promise<void>((resolve) => (answerWaiting = resolve))
    const url = await start(undefined, () => answerWaiting())
    await post(url)
    const controller = new AbortController()
    const attempt = failure(post(url, { timeoutMs: 60_000, signal: controller.signal }))
    await waiting
    controller.abort(new Error('cancelled'))
    await attempt
    // The cancelled request's connection closes after this: its error must not retire the new agent.
    await post(url)
    await post(url)
    expect(connections).toHaveLength(2)
    closeConnections()
    await closed(connections[1]!)
  })

  it('counts a request as sent once the server began its answer, even before it read the whole request', async () => {
    // The server answers at once and stalls, never reading the body, which is larger than the socket's buffers.
    const url = await start((_request, response) => {
      response.writeHead(200, { 'content-length': '100' })
      response.write('{"success":')
    })
    const body = JSON.stringify({ identifier: 'x'.repeat(4 * 1024 * 1024) })
    const error = await failure(sendRequest({ method: 'POST', url, headers: {}, body, timeoutMs: 300 }))
    expect(error).toMatchObject({ kind: 'timeout', requestSent: true })
  })
})

/** sendRequest in this process, for what the log does not show: whether the request can have reached the server. */
describe('sendRequest: whether the request was sent', () => {
  const saved = { ...process.env }
  // Jest transforms a lazily imported module on its first use, which can outlast these deadlines.
  beforeAll(async () => {
    await Promise.all([import('../../src/transport/proxy.js'), import('../../src/transport/network-errors.js')])
  })
  // A connection the test server accepted and never reads stays open after the client left (it never
  // sees the end): left behind, it keeps the jest worker alive after the last test.
  const accepted = new Set<Socket>()
  afterEach(() => {
    for (const socket of accepted) socket.destroy()
    accepted.clear()
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  })

  /** A TCP server that runs `onConnection` for each connection; its address as an http URL. */
  async function tcpServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; url: URL }> {
    const server = createServer((socket) => {
      accepted.add(socket)
      onConnection(socket)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    return { server, url: new URL(`http://127.0.0.1:${port}/api/group/resetLink/support`) }
  }

  const post = (url: URL, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    sendRequest({ method: 'POST', url, headers: { token: 't' }, body: '{"identifier":"x"}', timeoutMs: 1000, ...extra })

  it('is false for a refused connection', async () => {
    const { server, url } = await tcpServer(() => undefined)
    await new Promise((resolve) => server.close(resolve))
    const error = await failure(post(url))
    expect(error).toMatchObject({
      kind: 'network',
      requestSent: false,
      message: expect.stringContaining('ECONNREFUSED')
    })
  })

  it('is true when the server read the whole request and dropped the connection', async () => {
    const { server, url } = await tcpServer((socket) => {
      let seen = ''
      socket.on('data', (chunk: Buffer) => {
        seen += chunk.toString()
        if (seen.includes('{"identifier":"x"}')) socket.destroy()
      })
    })
    try {
      const error = await failure(post(url))
      expect(error).toMatchObject({ kind: 'network', requestSent: true })
    } finally {
      server.close()
    }
  })

  it('is true when a silent server times out after the request was written', async () => {
    const { server, url } = await tcpServer(() => undefined)
    try {
      const error = await failure(post(url, { timeoutMs: 300 }))
      expect(error).toMatchObject({ kind: 'timeout', requestSent: true })
    } finally {
      server.close()
    }
  })

  describe('through a proxy that never answers CONNECT', () => {
    let proxy: ConnectProxy
    const url = new URL('https://ryze.test:8443/api/group/resetLink/support')
    beforeEach(async () => {
      proxy = new ConnectProxy({ 'ryze.test': '127.0.0.1' }, { silent: true })
      process.env.HTTPS_PROXY = await proxy.start()
    })
    afterEach(() => proxy.stop())

    it('settles at the deadline with requestSent false', async () => {
      const started = Date.now()
      const error = await failure(post(url, { timeoutMs: 300 }))
      expect(error).toMatchObject({ kind: 'timeout', requestSent: false })
      expect(Date.now() - started).toBeLessThan(1500)
      expect(proxy.tunnels).toEqual(['ryze.test:8443'])
    })

    it('settles at once on cancellation with requestSent false, and closes the connection to the proxy', async () => {
      const controller = new AbortController()
      const attempt = post(url, { timeoutMs: 60_000, signal: controller.signal })
      while (proxy.tunnels.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
      controller.abort(new Error('cancelled'))
      const error = await failure(attempt)
      expect(error).toMatchObject({ kind: 'cancelled', requestSent: false })
      // The proxy sees its client go: nothing is left open to keep the process alive.
      const until = Date.now() + 1000
      while (proxy.openConnections > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(proxy.openConnections).toBe(0)
    })
  })

  it('is false, with kind proxy, when the proxy answers 407', async () => {
    const proxy = new ConnectProxy({ 'ryze.test': '127.0.0.1' }, { credentials: { user: 'u', password: 'p' } })
    process.env.HTTPS_PROXY = await proxy.start()
    try {
      const error = await failure(post(new URL('https://ryze.test:8443/x')))
      expect(error).toMatchObject({ kind: 'proxy', requestSent: false })
    } finally {
      await proxy.stop()
    }
  })

  it('is false, with kind proxy, for a proxy URL that is not a URL, which it does not repeat', async () => {
    process.env.HTTPS_PROXY = 'http://user:s3cret@[bad'
    const error = await failure(post(new URL('https://ryze.test:8443/x')))
    expect(error).toMatchObject({ kind: 'proxy', requestSent: false })
    expect(error.message).not.toContain('s3cret')
  })

  it('refuses a proxy that is not http or https (socks5), which Node would silently bypass', async () => {
    process.env.HTTPS_PROXY = 'socks5://user:s3cret@127.0.0.1:1080'
    const error = await failure(post(new URL('https://ryze.test:8443/x')))
    expect(error).toMatchObject({ kind: 'proxy', requestSent: false })
    expect(error.message).toContain('HTTPS_PROXY does not hold an http:// or https:// proxy URL')
    expect(error.message).not.toContain('s3cret')
  })

  it('is false when cancelled before it starts', async () => {
    const error = await failure(post(new URL('http://127.0.0.1:9/x'), { signal: AbortSignal.abort() }))
    expect(error).toMatchObject({
      kind: 'cancelled',
      requestSent: false,
      message: 'Cancelled before the request reached RyzeAPI.'
    })
  })
})

/** What one exchange sends, and which answers it takes, against an http server that records each request. */
describe('sendRequest: what it sends and what it accepts', () => {
  let server: HttpServer
  let received: Array<{ method?: string; headers: IncomingMessage['headers']; body: string }>
  afterEach(async () => {
    closeConnections()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  /** Starts a server that records each request, then answers it with `answer`, or 200 and `{"success":true}`. */
  async function start(answer?: (response: ServerResponse) => void): Promise<URL> {
    received = []
    server = createHttpServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString() })
        if (answer) answer(response)
        else response.end('{"success":true}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/group/resetLink/support`)
  }

  it("sends the method, the caller's headers, its own user-agent, and the body with its length in UTF-8 bytes", async () => {
    const url = await start()
    const body = '{"identifier":"Família ✓"}'
    const response = await sendRequest({ method: 'POST', url, headers: { token: 't0k' }, body, timeoutMs: 2000 })
    expect(response).toMatchObject({ status: 200, body: '{"success":true}' })
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({
      method: 'POST',
      body,
      headers: {
        token: 't0k',
        'user-agent': 'ryze-reset-invite-link-action',
        'content-length': String(Buffer.byteLength(body))
      }
    })
    expect(received[0]!.headers).not.toHaveProperty('transfer-encoding')
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length)
  })

  it('sends a GET without a body', async () => {
    const url = await start()
    await sendRequest({ method: 'GET', url, headers: {}, timeoutMs: 2000 })
    expect(received[0]).toMatchObject({ method: 'GET', body: '' })
    expect(received[0]!.headers).not.toHaveProperty('content-length')
    expect(received[0]!.headers).not.toHaveProperty('transfer-encoding')
  })

  it('takes an answer of exactly 1 MiB, whether it declares its length or not', async () => {
    const answer = 'x'.repeat(MAX_BODY_BYTES)
    const declared = await start((response) => response.end(answer))
    expect((await sendRequest({ method: 'GET', url: declared, headers: {}, timeoutMs: 2000 })).body).toBe(answer)
    closeConnections()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    const chunked = await start((response) => {
      response.write(answer.slice(0, 1000))
      response.end(answer.slice(1000))
    })
    const response = await sendRequest({ method: 'GET', url: chunked, headers: {}, timeoutMs: 2000 })
    expect(response.headers['transfer-encoding']).toBe('chunked')
    expect(response.body).toBe(answer)
  })

  it('sends nothing when cancelled while its connection is being chosen', async () => {
    const url = await start()
    const controller = new AbortController()
    const attempt = failure(
      sendRequest({ method: 'POST', url, headers: {}, body: '{}', timeoutMs: 2000, signal: controller.signal })
    )
    controller.abort(new Error('cancelled'))
    expect(await attempt).toMatchObject({ kind: 'cancelled', requestSent: false })
    // A request sent afterwards is the only one the server sees.
    await sendRequest({ method: 'GET', url, headers: {}, timeoutMs: 2000 })
    expect(received.map((request) => request.method)).toEqual(['GET'])
  })
})

/** Through a CONNECT proxy on 127.0.0.1 to an https server for ryze.test, whose CA this process trusts for the block. */
describe('sendRequest through a proxy', () => {
  const saved = { ...process.env }
  const defaultCas = getCACertificates('default')
  let ca: Awaited<ReturnType<typeof selfSignedCa>>
  let api: HttpsServer
  let apiConnections: number
  const proxies: ConnectProxy[] = []

  beforeAll(async () => {
    // Loaded before the first deadline, as in the block above.
    await Promise.all([import('../../src/transport/proxy.js'), import('../../src/transport/network-errors.js')])
    ca = await selfSignedCa({ dns: 'ryze.test' })
    setDefaultCACertificates([...defaultCas, ca.cert])
  })
  afterAll(async () => {
    setDefaultCACertificates(defaultCas)
    await rm(join(ca.file, '..'), { recursive: true, force: true })
  })

  beforeEach(async () => {
    apiConnections = 0
    api = createHttpsServer({ key: ca.key, cert: ca.cert }, (request, response) => {
      request.resume()
      if (request.url === '/never') return
      request.on('end', () => response.end(`{"path":"${request.url}"}`))
    })
    api.on('secureConnection', () => apiConnections++)
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  })
  afterEach(async () => {
    closeConnections()
    for (const proxy of proxies.splice(0)) await proxy.stop()
    api.closeAllConnections()
    await new Promise((resolve) => api.close(resolve))
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  })

  /** A proxy that resolves ryze.test to 127.0.0.1; its URL. */
  async function startProxy(options: ConnectProxyOptions = {}): Promise<{ proxy: ConnectProxy; url: string }> {
    const proxy = new ConnectProxy({ 'ryze.test': '127.0.0.1' }, options)
    proxies.push(proxy)
    return { proxy, url: await proxy.start() }
  }

  const apiUrl = (path: string): URL => new URL(`https://ryze.test:${(api.address() as AddressInfo).port}${path}`)
  const get = (url: URL, timeoutMs = 2000) => sendRequest({ method: 'GET', url, headers: {}, timeoutMs })

  it('reaches an https server through https_proxy, opening one tunnel for every request to it', async () => {
    const { proxy, url } = await startProxy()
    process.env.https_proxy = url
    expect((await get(apiUrl('/a'))).body).toBe('{"path":"/a"}')
    expect((await get(apiUrl('/b'))).body).toBe('{"path":"/b"}')
    expect(proxy.tunnels).toEqual([`ryze.test:${(api.address() as AddressInfo).port}`])
    expect(apiConnections).toBe(1)
  })

  it('goes through the proxy the variable names now, not the one an earlier request went through', async () => {
    const first = await startProxy()
    const second = await startProxy()
    process.env.HTTPS_PROXY = first.url
    await get(apiUrl('/a'))
    process.env.HTTPS_PROXY = second.url
    await get(apiUrl('/b'))
    expect([first.proxy.tunnels.length, second.proxy.tunnels.length]).toEqual([1, 1])
  })

  it.each(['http_proxy', 'HTTP_PROXY'])('sends a request for an http URL to the proxy in %s', async (variable) => {
    // This proxy answers anything but CONNECT with 405: the answer shows that the request went to it.
    const { url } = await startProxy()
    process.env[variable] = url
    const response = await get(new URL('http://ryze.test:8080/x'))
    expect(response).toMatchObject({ status: 405, body: 'CONNECT only' })
  })

  it('says at the deadline that the proxy had not opened a tunnel, when it never answers CONNECT', async () => {
    const { url } = await startProxy({ silent: true })
    process.env.HTTPS_PROXY = url
    const started = Date.now()
    const error = await failure(get(apiUrl('/x'), 300))
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(error).toMatchObject({ kind: 'timeout', requestSent: false })
    expect(error.message).toMatch(/within 0\.3 s; the proxy in HTTPS_PROXY had not opened a tunnel\.$/)
  })

  it('says at the deadline that the tunnel was open, when the server behind it never answers TLS', async () => {
    const held: Socket[] = []
    const silent = createServer((socket) => void held.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const { proxy, url } = await startProxy()
      process.env.HTTPS_PROXY = url
      const port = (silent.address() as AddressInfo).port
      const started = Date.now()
      const error = await failure(get(new URL(`https://ryze.test:${port}/x`), 300))
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
      expect(Date.now() - started).toBeLessThan(1000)
      expect(proxy.tunnels).toEqual([`ryze.test:${port}`])
      expect(error).toMatchObject({ kind: 'timeout', requestSent: false })
      expect(error.message).toMatch(/within 0\.3 s, through the tunnel that the proxy in HTTPS_PROXY had opened\.$/)
    } finally {
      for (const socket of held) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('says at the deadline that the tunnel was open, when RyzeAPI never answers on a reused tunnel', async () => {
    const { proxy, url } = await startProxy()
    process.env.HTTPS_PROXY = url
    await get(apiUrl('/a'))
    const error = await failure(get(apiUrl('/never'), 300))
    expect(proxy.tunnels).toHaveLength(1)
    expect(error).toMatchObject({ kind: 'timeout', requestSent: true })
    expect(error.message).toMatch(/within 0\.3 s, through the tunnel that the proxy in HTTPS_PROXY had opened\.$/)
  })

  it('says at the deadline that the proxy had not opened a tunnel, when it closed the idle one and never answers again', async () => {
    const { proxy, url } = await startProxy({ answerFirst: 1 })
    process.env.HTTPS_PROXY = url
    await get(apiUrl('/a'))
    proxy.dropConnections()
    // Until the client has seen its connection close.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const error = await failure(get(apiUrl('/b'), 300))
    expect(proxy.tunnels).toHaveLength(2)
    expect(error).toMatchObject({ kind: 'timeout', requestSent: false })
    expect(error.message).toMatch(/within 0\.3 s; the proxy in HTTPS_PROXY had not opened a tunnel\.$/)
  })

  it('closes, when the run ends, the connections of two requests that went at once', async () => {
    const { proxy, url } = await startProxy()
    process.env.HTTPS_PROXY = url
    await Promise.all([get(apiUrl('/a')), get(apiUrl('/b'))])
    expect(proxy.openConnections).toBeGreaterThan(0)
    closeConnections()
    const until = Date.now() + 1000
    while (proxy.openConnections > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(proxy.openConnections).toBe(0)
  })
})
