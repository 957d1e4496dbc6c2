import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { type Server, type Socket, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'
import { fileURLToPath } from 'node:url'
import { selfSignedCa } from '../helpers/certificates.js'
import { describeOnNode244, NODE_24_4, withNode244 } from '../helpers/node-24-4.js'
import { itWithSignals } from '../helpers/platforms.js'
import {
  type ActionRun,
  type RunOptions,
  PROJECT_ROOT,
  START_UP_ALLOWANCE_MS,
  runAction,
  visibleText,
  commandTexts,
  importing,
  signalWhen
} from '../helpers/run-action.js'
import { ConnectProxy, type ConnectProxyOptions } from '../simulator/connect-proxy.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'

/**
 * Proxies end to end, on the Node the tests run on (whose agents take `proxyEnv`) and on npm's
 * node@24.4.0, the Node of runner 2.327, whose agents ignore it: there the action's own CONNECT
 * tunnel must carry the request. Each error must name the hop that failed.
 */

const HOST_NAMES = join(PROJECT_ROOT, '__tests__', 'helpers', 'host-names.mjs')
const PROXY_USER = 'build-bot'
const PROXY_PASSWORD = 'pr0xy@secret'

const errors = (result: ActionRun): string[] => commandTexts(result.stdout, 'error')
const warnings = (result: ActionRun): string[] => commandTexts(result.stdout, 'warning')

describeOnNode244('Node 24.4.0, as npm ci or CI installs it', () => {
  it('is Node 24.4.0, whose agents ignore proxyEnv', () => {
    const probe =
      "const { Agent } = require('node:https');" +
      "const agent = new Agent({ proxyEnv: { HTTPS_PROXY: 'http://proxy.invalid:3128' } });" +
      'console.log(process.version, Object.getOwnPropertySymbols(agent).some((s) => s.description === "kProxyConfig"))'
    expect(execFileSync(NODE_24_4, ['-e', probe], { encoding: 'utf8' }).trim()).toBe('v24.4.0 false')
    expect(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim()).toMatch(/ true$/)
  })
})

describe.each([
  ['the Node running the tests, through its own proxy support', process.execPath],
  ...withNode244(["Node 24.4.0, through the action's own tunnel", NODE_24_4] as [string, string])
])('the bundled action on %s', (_name, node) => {
  let proxy: ConnectProxy
  let simulator: RyzeSimulator
  let ca: Awaited<ReturnType<typeof selfSignedCa>>
  let inputs: Record<string, string>

  beforeAll(async () => {
    ca = await selfSignedCa({ dns: 'ryze.test' })
  })
  afterAll(() => rm(join(ca.file, '..'), { recursive: true, force: true }))

  async function startProxy(options: ConnectProxyOptions = {}, hosts = { 'ryze.test': '127.0.0.1' }) {
    await proxy?.stop()
    proxy = new ConnectProxy(hosts, options)
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
    const result = await runAction(
      { ...inputs, ...overrides },
      { ...options, node, env: { NODE_EXTRA_CA_CERTS: ca.file, ...env } }
    )
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    expect(visible).not.toContain(PROXY_PASSWORD)
    expect(visible).not.toContain(encodeURIComponent(PROXY_PASSWORD))
    return result
  }

  const hostPort = (url: string): string => url.replace(/^http:\/\//, '')

  it('goes through a proxy given without a scheme, with credentials, in https_proxy', async () => {
    await startProxy({ credentials: { user: PROXY_USER, password: PROXY_PASSWORD } })
    const address = `${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@${hostPort(proxy.url)}`
    const result = await run({}, { https_proxy: address })
    expect(result.exitCode).toBe(0)
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${code}`)
    // Only the proxy knows ryze.test: both requests went through its one tunnel, as TLS it cannot read.
    expect(proxy.tunnels).toEqual([`ryze.test:${simulator.port}`])
    expect(simulator.connections).toBe(1)
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
    expect(proxy.bytesSeen.length).toBeGreaterThan(0)
    expect(proxy.bytesSeen.includes(DEFAULT_TOKEN)).toBe(false)
    expect(result.stderr).not.toMatch(/DeprecationWarning|DEP0005/)
  })

  it('loads its own tunnel only on a Node whose agents ignore proxyEnv', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ryze-trace-'))
    const report = join(dir, 'report.json')
    try {
      const result = await run(
        {},
        { HTTPS_PROXY: proxy.url, BENCH_REPORT: report, BENCH_TRACE_MODULES: '1' },
        { nodeArgs: importing(join(PROJECT_ROOT, 'bench', 'probe.mjs')) }
      )
      expect(result.exitCode).toBe(0)
      const { loaded } = JSON.parse(await readFile(report, 'utf8')) as { loaded: string[] }
      const chunks = loaded.filter((url) => url.includes('/dist/')).map((url) => fileURLToPath(url))
      const sources = await Promise.all(chunks.map((file) => readFile(file, 'utf8')))
      expect(sources.some((source) => source.includes('Failed to establish a tunnel to'))).toBe(node === NODE_24_4)
      expect(proxy.tunnels).toHaveLength(1)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('says that the proxy needs credentials when it answers 407 to a URL without any, naming https_proxy', async () => {
    await startProxy({ credentials: { user: PROXY_USER, password: PROXY_PASSWORD } })
    const result = await run({ retries: '3' }, { https_proxy: proxy.url })
    expect(result.exitCode).toBe(1)
    expect(warnings(result)).toEqual([])
    expect(proxy.tunnels).toHaveLength(1)
    expect(errors(result)).toEqual([
      `Could not reach RyzeAPI at https://ryze.test:${simulator.port}: the proxy in https_proxy needs credentials ` +
        '(HTTP 407 Proxy Authentication Required). Put the user name and password in https_proxy, written as ' +
        'http://user:password@proxy:port. Nothing was reset.'
    ])
  })

  it('fails at once, without retrying, when the proxy forbids the tunnel (403)', async () => {
    await startProxy({ refuseWith: 403 })
    const result = await run({ retries: '3' }, { HTTPS_PROXY: proxy.url })
    expect(result.exitCode).toBe(1)
    expect(warnings(result)).toEqual([])
    expect(proxy.tunnels).toHaveLength(1)
    expect(simulator.requests).toHaveLength(0)
    expect(errors(result)).toEqual([
      `Could not reach RyzeAPI at https://ryze.test:${simulator.port}: the proxy in HTTPS_PROXY refused to open a ` +
        `tunnel to ryze.test:${simulator.port} (HTTP 403 Forbidden). Ask the proxy's administrators to allow ` +
        'ryze.test, or list it in NO_PROXY if the runner may reach it directly. Nothing was reset.'
    ])
  })

  it('says that the proxy could not be reached, not RyzeAPI, when its port is closed', async () => {
    const closed = proxy.url
    await proxy.stop()
    const result = await run({ retries: '1' }, { HTTPS_PROXY: closed })
    expect(result.exitCode).toBe(1)
    const refused =
      `Could not reach the proxy in HTTPS_PROXY at ${closed}: connect ECONNREFUSED ${hostPort(closed)}. ` +
      'Nothing reached RyzeAPI; check that the proxy is running and that HTTPS_PROXY names its host and port.'
    expect(warnings(result)).toEqual([expect.stringMatching(/^.+ Retrying in \d+\.\d s\.$/)])
    expect(warnings(result)[0]).toContain(refused)
    expect(errors(result)).toEqual([`Gave up after 2 attempts. ${refused} Nothing was reset.`])
  })

  describe('behind a tunnel to a server that never answers', () => {
    let silent: Server
    let port: number
    const accepted = new Set<Socket>()
    beforeEach(async () => {
      silent = createServer((socket) => accepted.add(socket))
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
      port = (silent.address() as { port: number }).port
    })
    afterEach(async () => {
      for (const socket of accepted) socket.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    })

    // 1 s rather than 0.5: the proxy runs in the test's process, and on a loaded machine its answer
    // to CONNECT can take longer than half a second to reach the action.
    it('ends at the time-out, saying that the tunnel was open', async () => {
      const result = await run(
        { 'base-url': `https://ryze.test:${port}`, timeout: '1', retries: '0' },
        { HTTPS_PROXY: proxy.url }
      )
      expect(result.exitCode).toBe(1)
      expect(proxy.tunnels).toEqual([`ryze.test:${port}`])
      expect(errors(result)).toEqual([
        `RyzeAPI at https://ryze.test:${port} timed out: no complete answer within 1 s, through the tunnel that ` +
          'the proxy in HTTPS_PROXY had opened. Nothing was reset.'
      ])
      expect(result.durationMs).toBeGreaterThanOrEqual(1000)
      expect(result.durationMs).toBeLessThan(1000 + START_UP_ALLOWANCE_MS)
    })
  })

  it('names RyzeAPI behind the open tunnel when it drops the connection', async () => {
    const dropping = createTlsServer({ key: ca.key, cert: ca.cert }, (socket) => {
      socket.once('data', () => socket.destroy())
    })
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve))
    const port = (dropping.address() as { port: number }).port
    try {
      const result = await run({ 'base-url': `https://ryze.test:${port}`, retries: '0' }, { HTTPS_PROXY: proxy.url })
      expect(result.exitCode).toBe(1)
      expect(proxy.tunnels).toEqual([`ryze.test:${port}`])
      expect(errors(result)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Could not reach RyzeAPI at https://ryze\\.test:${port} through the tunnel that the proxy in HTTPS_PROXY had opened: .*(socket hang up|ECONNRESET).*\\. `
          )
        )
      ])
    } finally {
      await new Promise<void>((resolve) => dropping.close(() => resolve()))
    }
  })

  it('gives a name mismatch its own hint, not the private-CA one', async () => {
    const other = await selfSignedCa({ dns: 'other.test' })
    const mismatched = new RyzeSimulator({ tls: { key: other.key, cert: other.cert } })
    try {
      await mismatched.start()
      const result = await run(
        { 'base-url': `https://ryze.test:${mismatched.port}`, retries: '3' },
        { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: other.file }
      )
      expect(result.exitCode).toBe(1)
      expect(warnings(result)).toEqual([])
      expect(errors(result)).toEqual([
        expect.stringMatching(
          /^Could not reach RyzeAPI at https:\/\/ryze\.test:\d+: its TLS certificate is for another host name \(ERR_TLS_CERT_ALTNAME_INVALID .+\)\. Check the host name in base-url; a proxy that inspects TLS must present a certificate for it\. Nothing was reset\.$/
        )
      ])
      expect(visibleText(result)).not.toContain('NODE_EXTRA_CA_CERTS')
      expect(mismatched.requests).toHaveLength(0)
    } finally {
      await mismatched.stop()
      await rm(join(other.file, '..'), { recursive: true, force: true })
    }
  })

  it('reaches a host in NO_PROXY directly: the API sees the requests, the proxy no CONNECT', async () => {
    const result = await run(
      {},
      { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.org, .ryze.test', TEST_HOSTS: 'ryze.test=127.0.0.1' },
      { nodeArgs: importing(HOST_NAMES) }
    )
    expect(result.exitCode).toBe(0)
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
    expect(proxy.tunnels).toEqual([])
  })

  it('ends at the time-out while the proxy has not answered CONNECT, saying so', async () => {
    await startProxy({ silent: true })
    const result = await run({ timeout: '0.5', retries: '0' }, { HTTPS_PROXY: proxy.url })
    expect(result.exitCode).toBe(1)
    expect(proxy.tunnels).toHaveLength(1)
    expect(errors(result)).toEqual([
      `RyzeAPI at https://ryze.test:${simulator.port} timed out: no complete answer within 0.5 s; the proxy in ` +
        'HTTPS_PROXY had not opened a tunnel. Nothing was reset.'
    ])
    expect(result.durationMs).toBeGreaterThanOrEqual(500)
    expect(result.durationMs).toBeLessThan(500 + START_UP_ALLOWANCE_MS)
  })

  itWithSignals('closes its connection to a proxy that never answers CONNECT when the job is cancelled', async () => {
    await startProxy({ silent: true })
    const cancellation = signalWhen(() => proxy.tunnels.length > 0, 'SIGTERM')
    const result = await run({ timeout: '60', retries: '0' }, { HTTPS_PROXY: proxy.url }, cancellation)
    expect(cancellation.signalledAt()).toBeGreaterThan(0)
    expect(Date.now() - cancellation.signalledAt()).toBeLessThan(2000)
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual(['Cancelled before the request reached RyzeAPI. Nothing was reset.'])
    const until = Date.now() + 1000
    while (proxy.openConnections > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(proxy.openConnections).toBe(0)
  })
})
