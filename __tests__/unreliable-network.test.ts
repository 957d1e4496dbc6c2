import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from './helpers/in-process.js'
import { ManualClock } from './helpers/manual-clock.js'
import { workflowCommands, visibleText } from './helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from './simulator/ryze-simulator.js'

/**
 * Faults a scheduled run meets at 3 a.m., each variant run in process with the real toolkit against
 * the simulator over real HTTP: an HTML error page, a silent server, WhatsApp's throttling, a redirect.
 * Backoffs and rate-limit windows pass on a clock the simulator shares, without waiting; a socket
 * time-out is a real timer, so the silent server gets a short `timeout`. The bundle runs one case of
 * each family in reliability.e2e.test.ts (a dropped connection, giving up after retries + 1
 * attempts, an answer over 1 MiB); HTTP 503 then success, and HTTP 404, are rows in answers.test.ts.
 * Every run keeps the token out of sight.
 */
describe('an unreliable network, run in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  let clock: ManualClock

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock })
    await simulator.start()
    // Reads here never lag: a read right after an attempt tells what it did.
    inputs = { ...simulator.actionInputs(), 'max-lag': '0' }
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess({ ...inputs, ...overrides }, {}, clock)
    const seen = visibleText(result)
    expect(seen).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const warnings = (result: InProcessRun): string[] =>
    workflowCommands(result.stdout)
      .filter(([command]) => command === 'warning')
      .map(([, text]) => text)

  function expectNewLink(result: InProcessRun): void {
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(result.exitCode).toBeUndefined()
    expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${code}`)
  }

  /** The run waited once, a first backoff: up to a second. */
  function expectOneBackoff(): void {
    expect(clock.sleeps).toEqual([expect.any(Number)])
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(0)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(1000)
  }

  describe('transient failures are retried with backoff', () => {
    it('an HTML error page from a gateway, then success', async () => {
      simulator.injectFault({ route: 'resetLink', status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' })
      expectNewLink(await run({ retries: '1' }))
      expectOneBackoff()
    })

    it('a silent server, then success', async () => {
      simulator.injectFault({ route: 'resetLink', silent: true })
      // The time-out is a real timer, not the clock: kept short.
      const result = await run({ retries: '1', timeout: '0.5' })
      expectNewLink(result)
      expect(warnings(result)[0]).toContain('timed out: no complete answer within 0.5 s')
      expectOneBackoff()
    })

    it("WhatsApp throttling (a 429 that is not RyzeAPI's limit) backs off instead of waiting for the window", async () => {
      simulator.useUpRateLimit('someone-else')
      simulator.injectFault({
        route: 'resetLink',
        status: 429,
        body: { success: false, error: { message: 'WhatsApp is rate limiting this number' } },
        headers: { 'x-ratelimit-reset': String(Math.ceil(clock.now() / 1000) + 3600) }
      })
      const result = await run({ retries: '1' })
      expectNewLink(result)
      expect(warnings(result)[0]).toMatch(
        /WhatsApp is throttling this instance; try again later\. Retrying in \d\.\d s\.$/
      )
      // A backoff of up to a second, not the hour to the window's end.
      expectOneBackoff()
    })
  })

  describe('permanent failures are not retried', () => {
    it('a redirect: exactly one reset request', async () => {
      simulator.injectFault({ route: 'resetLink', redirectTo: 'https://ryzeapi.example/api', status: 301 })
      const result = await run({ retries: '3' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(1)
      expect(simulator.requestsTo('info')).toHaveLength(1)
    })
  })
})
