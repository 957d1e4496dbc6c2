import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { type Server, type Socket, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RequestError } from '../src/errors.js'
import { sendRequest } from '../src/http.js'
import {
  START_UP_ALLOWANCE_MS,
  type ActionRun,
  type RunOptions,
  PROJECT_ROOT,
  runAction,
  visibleText,
  workflowCommands
} from './helpers/run-action.js'
import { ConnectProxy, type ConnectProxyOptions } from './simulator/connect-proxy.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from './simulator/ryze-simulator.js'
import { selfSignedCa } from './helpers/certificates.js'
import { itWithSignals } from './helpers/platforms.js'

/**
 * The transport (src/http.ts) end to end: proxies, private CAs, IPv6 literals, TLS mistakes, and a
 * deadline and cancellation that hold even while a proxy has not answered CONNECT.
 */

const PROXY_USER = 'build-bot'
const PROXY_PASSWORD = 'pr0xy@secret'

const errors = (result: ActionRun): string[] =>
  workflowCommands(result.stdout)
    .filter(([command]) => command === 'error')
    .map(([, text]) => text)
const warnings = (result: ActionRun): string[] =>
  workflowCommands(result.stdout)
    .filter(([command]) => command === 'warning')
    .map(([, text]) => text)

describe('the bundled action through an https proxy', () => {
  let proxy: ConnectProxy
  let simulator: RyzeSimulator
  let ca: Awaited<ReturnType<typeof selfSignedCa>>
  let inputs: Record<string, string>

  beforeAll(async () => {
    ca = await selfSignedCa({ dns: 'ryze.test' })
  })
  afterAll(() => rm(join(ca.file, '..'), { recursive: true, force: true }))

  async function startProxy(options: ConnectProxyOptions = {}): Promise<string> {
    await proxy?.stop()
    proxy = new ConnectProxy({ 'ryze.test': '127.0.0.1' }, options)
    return proxy.start()
  }

  beforeEach(async () => {
    simulator = new RyzeSimulator({ tls: { key: ca.key, cert: ca.cert } })
    await simulator.start()
    await startProxy()
    inputs = { ...simulator.actionInputs(), 'base-url': `https://ryze.test:${simulator.port}` }
  })
  afterEach(async () => {
    await proxy.stop()
    await simulator.stop()
  })

  async function run(overrides: Record<string, string>, env: Record<string, string>, options: RunOptions = {}) {
    const result = await runAction({ ...inputs, ...overrides }, { ...options, env })
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    expect(visible).not.toContain(PROXY_PASSWORD)
    expect(visible).not.toContain(encodeURIComponent(PROXY_PASSWORD))
    return result
  }

  const proxyUrlWith = (password: string): string =>
    proxy.url.replace('://', `://${PROXY_USER}:${encodeURIComponent(password)}@`)

  it.each(['HTTPS_PROXY', 'https_proxy'])(
    'goes through the proxy named by %s, trusting a private CA from NODE_EXTRA_CA_CERTS',
    async (variable) => {
      const result = await run({}, { [variable]: proxy.url, NODE_EXTRA_CA_CERTS: ca.file })
      expect(result.exitCode).toBe(0)
      const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
      expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${code}`)
      // One tunnel for the run: the info call and the reset share it.
      expect(proxy.tunnels).toEqual([`ryze.test:${simulator.port}`])
      expect(simulator.connections).toBe(1)
      expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
      // The proxy relays TLS: it never sees the token.
      expect(proxy.bytesSeen.length).toBeGreaterThan(0)
      expect(proxy.bytesSeen.includes(DEFAULT_TOKEN)).toBe(false)
    }
  )

  it('sends the credentials in the proxy URL, without a deprecation warning', async () => {
    await startProxy({ credentials: { user: PROXY_USER, password: PROXY_PASSWORD } })
    const result = await run({}, { HTTPS_PROXY: proxyUrlWith(PROXY_PASSWORD), NODE_EXTRA_CA_CERTS: ca.file })
    expect(result.exitCode).toBe(0)
    expect(simulator.requests).toHaveLength(2)
    expect(result.stderr).not.toContain('DEP0005')
    expect(result.stderr).not.toMatch(/DeprecationWarning/)
  })

  it('fails at once when the proxy refuses its credentials (407), never retrying, printing none', async () => {
    await startProxy({ credentials: { user: PROXY_USER, password: 'the-right-one' } })
    const result = await run(
      { retries: '3' },
      { HTTPS_PROXY: proxyUrlWith(PROXY_PASSWORD), NODE_EXTRA_CA_CERTS: ca.file }
    )
    expect(result.exitCode).toBe(1)
    expect(proxy.tunnels).toHaveLength(1)
    expect(simulator.requests).toHaveLength(0)
    expect(warnings(result)).toEqual([])
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^Could not reach RyzeAPI at https:\/\/ryze\.test:\d+: the proxy refused the credentials in HTTPS_PROXY \(HTTP 407 Proxy Authentication Required\)\. /
      )
    ])
    expect(visibleText(result)).not.toContain(PROXY_USER)
    expect(result.stderr).not.toContain('DEP0005')
  })

  it('refuses a certificate the runner does not trust, at once and without retrying', async () => {
    const result = await run({ retries: '3' }, { HTTPS_PROXY: proxy.url })
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^Could not reach RyzeAPI at https:\/\/ryze\.test:\d+: its TLS certificate is not trusted \(.+\)\. Check base-url; for a private CA, set NODE_EXTRA_CA_CERTS\. Nothing was reset\.$/
      )
    ])
    expect(warnings(result)).toEqual([])
    expect(proxy.tunnels).toHaveLength(1)
    expect(simulator.requests).toHaveLength(0)
  })

  it('reaches a host in NO_PROXY directly: RyzeAPI sees both requests, the proxy no CONNECT', async () => {
    // ryze.test has no DNS entry: the preload gives it one, which only a direct connection uses.
    const result = await run(
      {},
      {
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: ca.file,
        NO_PROXY: 'example.org,ryze.test',
        TEST_HOSTS: 'ryze.test=127.0.0.1'
      },
      { nodeArgs: ['--import', join(PROJECT_ROOT, '__tests__', 'helpers', 'host-names.mjs')] }
    )
    expect(result.exitCode).toBe(0)
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
    expect(proxy.tunnels).toEqual([])
  })

  it('goes through the proxy for the same host when NO_PROXY does not list it', async () => {
    const result = await run(
      {},
      {
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: ca.file,
        NO_PROXY: 'example.org',
        TEST_HOSTS: 'ryze.test=127.0.0.1'
      },
      { nodeArgs: ['--import', join(PROJECT_ROOT, '__tests__', 'helpers', 'host-names.mjs')] }
    )
    expect(result.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual([`ryze.test:${simulator.port}`])
  })

  describe('a proxy that accepts the connection and never answers CONNECT', () => {
    beforeEach(() => startProxy({ silent: true }))

    it('ends at the time-out, saying the proxy had not opened a tunnel', async () => {
      const result = await run(
        { timeout: '0.5', retries: '0' },
        { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca.file }
      )
      expect(result.exitCode).toBe(1)
      expect(proxy.tunnels).toHaveLength(1)
      expect(errors(result)).toEqual([
        expect.stringMatching(
          /^RyzeAPI at https:\/\/ryze\.test:\d+ timed out: no complete answer within 0\.5 s; the proxy in HTTPS_PROXY had not opened a tunnel\. Nothing was reset\.$/
        )
      ])
      // 0.5 s, and Node's start-up on a busy machine.
      expect(result.durationMs).toBeGreaterThanOrEqual(500)
      expect(result.durationMs).toBeLessThan(500 + START_UP_ALLOWANCE_MS)
    })

    itWithSignals.each(['SIGTERM', 'SIGINT'] as const)(
      '%s while waiting for CONNECT ends the process at once',
      async (signal) => {
        let signalledAt = 0
        const result = await run(
          { timeout: '60', retries: '0' },
          { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca.file },
          {
            onStart: (child) => {
              const poll = setInterval(() => {
                if (proxy.tunnels.length > 0) {
                  clearInterval(poll)
                  signalledAt = Date.now()
                  child.kill(signal)
                }
              }, 20)
              child.on('close', () => clearInterval(poll))
            }
          }
        )
        expect(signalledAt).toBeGreaterThan(0)
        expect(Date.now() - signalledAt).toBeLessThan(2000)
        expect(result.exitCode).toBe(1)
        expect(errors(result)).toEqual(['Cancelled before the request reached RyzeAPI. Nothing was reset.'])
      }
    )
  })
})

describe('the bundled action on IPv6 loopback and TLS mistakes', () => {
  it('reaches base-url http://[::1]:port', async () => {
    const simulator = new RyzeSimulator({ host: '::1' })
    try {
      await simulator.start()
      expect(simulator.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
      const result = await runAction(simulator.actionInputs())
      expect(result.exitCode).toBe(0)
      expect(result.outputs['invite-link']).toMatch(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{22}$/)
      expect(simulator.requests).toHaveLength(2)
    } finally {
      await simulator.stop()
    }
  })

  it('reaches base-url https://[::1]:port with a certificate for ::1', async () => {
    const ca = await selfSignedCa({ ip: '::1' })
    const simulator = new RyzeSimulator({ host: '::1', tls: { key: ca.key, cert: ca.cert } })
    try {
      await simulator.start()
      const result = await runAction(simulator.actionInputs(), { env: { NODE_EXTRA_CA_CERTS: ca.file } })
      expect(result.exitCode).toBe(0)
      expect(simulator.requests).toHaveLength(2)
    } finally {
      await simulator.stop()
      await rm(join(ca.file, '..'), { recursive: true, force: true })
    }
  })

  it('fails at once on https to a plain-http port, saying that the address does not speak TLS', async () => {
    const simulator = new RyzeSimulator()
    try {
      await simulator.start()
      const result = await runAction({
        ...simulator.actionInputs(),
        'base-url': `https://127.0.0.1:${simulator.port}`,
        retries: '3'
      })
      expect(result.exitCode).toBe(1)
      expect(warnings(result)).toEqual([])
      expect(errors(result)).toEqual([
        `Could not reach RyzeAPI at https://127.0.0.1:${simulator.port}: that address does not speak TLS (is it a plain-http port?). Check base-url's scheme and port. Nothing was reset.`
      ])
      expect(visibleText(result)).not.toMatch(/EPROTO|openssl|wrong version number/i)
      expect(simulator.requests).toHaveLength(0)
    } finally {
      await simulator.stop()
    }
  })

  it('loads only dist/index.js, at most 64 KiB, and not undici for a plain reset', async () => {
    const simulator = new RyzeSimulator()
    const dir = await mkdtemp(join(tmpdir(), 'ryze-trace-'))
    const report = join(dir, 'report.json')
    try {
      await simulator.start()
      const result = await runAction(simulator.actionInputs(), {
        nodeArgs: ['--import', join(PROJECT_ROOT, 'bench', 'probe.mjs')],
        env: { BENCH_REPORT: report, BENCH_TRACE_MODULES: '1' }
      })
      expect(result.exitCode).toBe(0)
      const { loaded, undici } = JSON.parse(await readFile(report, 'utf8')) as { loaded: string[]; undici: boolean }
      const fromDist = loaded.filter((url) => url.includes('/dist/')).map((url) => url.replace(/^.*\/dist\//, ''))
      expect(fromDist).toEqual(['index.js'])
      expect((await stat(join(PROJECT_ROOT, 'dist', 'index.js'))).size).toBeLessThanOrEqual(64 * 1024)
      expect(undici).toBe(false)
    } finally {
      await simulator.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

/** sendRequest in this process, for what the log does not show: whether the request can have reached the server. */
describe('sendRequest: whether the request was sent', () => {
  const saved = { ...process.env }
  // ts-jest compiles a lazily imported module on its first use, which can outlast these deadlines.
  beforeAll(async () => {
    await Promise.all([import('../src/proxy.js'), import('../src/network-errors.js')])
  })
  afterEach(() => {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  })

  async function failure(promise: Promise<unknown>): Promise<RequestError> {
    try {
      await promise
    } catch (error) {
      if (error instanceof RequestError) return error
      throw error
    }
    throw new Error('expected a RequestError')
  }

  /** A TCP server that runs `onConnection` for each connection; its address as an http URL. */
  async function tcpServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; url: URL }> {
    const server = createServer(onConnection)
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
    expect(error).toMatchObject({ kind: 'cancelled', requestSent: false })
  })
})
