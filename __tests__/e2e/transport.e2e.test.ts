import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ActionRun,
  type RunOptions,
  PROJECT_ROOT,
  runAction,
  visibleText,
  commandTexts,
  importing,
  signalWhen
} from '../helpers/run-action.js'
import { ConnectProxy, type ConnectProxyOptions } from '../simulator/connect-proxy.js'
import { DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'
import { selfSignedCa } from '../helpers/certificates.js'
import { itWithSignals } from '../helpers/platforms.js'

/**
 * The transport (src/transport/http.ts) end to end: what proxy.e2e.test.ts does not cover (wrong proxy
 * credentials, an untrusted certificate, NO_PROXY naming the host exactly or not at all, SIGINT while
 * a proxy is silent), IPv6 literals and TLS mistakes. A proxy's success path, its time-outs and
 * SIGTERM run in proxy.e2e.test.ts, on both proxy paths. What the log does not show is tested on
 * sendRequest in this process, in http.test.ts.
 */

const PROXY_USER = 'build-bot'
const PROXY_PASSWORD = 'pr0xy@secret'

const errors = (result: ActionRun): string[] => commandTexts(result.stdout, 'error')
const warnings = (result: ActionRun): string[] => commandTexts(result.stdout, 'warning')

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
      { nodeArgs: importing(join(PROJECT_ROOT, '__tests__', 'helpers', 'host-names.mjs')) }
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
      { nodeArgs: importing(join(PROJECT_ROOT, '__tests__', 'helpers', 'host-names.mjs')) }
    )
    expect(result.exitCode).toBe(0)
    expect(proxy.tunnels).toEqual([`ryze.test:${simulator.port}`])
  })

  // SIGTERM, the time-out and the closed connection to such a proxy, on both proxy paths, are in
  // proxy.e2e.test.ts.
  itWithSignals('SIGINT while a proxy has not answered CONNECT ends the process at once', async () => {
    await startProxy({ silent: true })
    const cancellation = signalWhen(() => proxy.tunnels.length > 0, 'SIGINT')
    const result = await run(
      { timeout: '60', retries: '0' },
      { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca.file },
      cancellation
    )
    expect(cancellation.signalledAt()).toBeGreaterThan(0)
    expect(Date.now() - cancellation.signalledAt()).toBeLessThan(2000)
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual(['Cancelled before the request reached RyzeAPI. Nothing was reset.'])
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
        nodeArgs: importing(join(PROJECT_ROOT, 'bench', 'probe.mjs')),
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
