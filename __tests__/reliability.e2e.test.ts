import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionRun,
  type RunOptions,
  runAction,
  visibleText,
  workflowCommands,
  linkOutputs
} from './helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, type SimulatorOptions } from './simulator/ryze-simulator.js'

/** Faults a scheduled run meets at 3 a.m., against the bundled action. Every run keeps the token out of sight. */
describe('the bundled action on an unreliable network', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>

  async function startSimulator(options: SimulatorOptions = {}): Promise<void> {
    simulator = new RyzeSimulator(options)
    await simulator.start()
    // Reads here never lag: a read right after an attempt tells what it did.
    inputs = { ...simulator.actionInputs(), 'max-lag': '0' }
  }

  beforeEach(() => startSimulator())
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}, options?: RunOptions): Promise<ActionRun> {
    const result = await runAction({ ...inputs, ...overrides }, options)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const warnings = (result: ActionRun): string[] =>
    workflowCommands(result.stdout)
      .filter(([command]) => command === 'warning')
      .map(([, text]) => text)
  const errors = (result: ActionRun): string[] =>
    workflowCommands(result.stdout)
      .filter(([command]) => command === 'error')
      .map(([, text]) => text)

  function expectNewLink(result: ActionRun): void {
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(result.exitCode).toBe(0)
    expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${code}`)
  }

  describe('transient failures are retried with backoff', () => {
    // HTTP 500, 502 and 504: answers.test.ts.
    it('HTTP 503, then success', async () => {
      const status = 503
      simulator.injectFault({
        route: 'resetLink',
        status,
        body: { success: false, error: { message: 'Temporarily unavailable' } }
      })
      const result = await run({ retries: '1' })
      expectNewLink(result)
      expect(simulator.requestsTo('resetLink')).toHaveLength(2)
      expect(warnings(result)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Attempt 1 of 2 failed: RyzeAPI answered HTTP ${status}: Temporarily unavailable\\..* Retrying in \\d\\.\\d s\\.$`
          )
        )
      ])
    })

    it('an HTML error page from a gateway, then success', async () => {
      simulator.injectFault({ route: 'resetLink', status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' })
      expectNewLink(await run({ retries: '1' }))
    })

    it('a dropped connection, then success', async () => {
      simulator.injectFault({ route: 'resetLink', drop: true })
      const result = await run({ retries: '1' })
      expectNewLink(result)
      expect(warnings(result)[0]).toMatch(/^Attempt 1 of 2 failed: Could not reach RyzeAPI at .*socket hang up/)
    })

    it('a silent server, then success', async () => {
      simulator.injectFault({ route: 'resetLink', silent: true })
      const result = await run({ retries: '1', timeout: '0.5' })
      expectNewLink(result)
      expect(warnings(result)[0]).toContain('timed out: no complete answer within 0.5 s')
    })

    it("WhatsApp throttling (a 429 that is not RyzeAPI's limit) backs off instead of waiting for the window", async () => {
      simulator.useUpRateLimit('someone-else')
      simulator.injectFault({
        route: 'resetLink',
        status: 429,
        body: { success: false, error: { message: 'WhatsApp is rate limiting this number' } },
        headers: { 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600) }
      })
      const result = await run({ retries: '1' })
      expectNewLink(result)
      expect(warnings(result)[0]).toMatch(
        /WhatsApp is throttling this instance; try again later\. Retrying in \d\.\d s\.$/
      )
    })

    it('gives up after retries + 1 attempts and says what the last one got', async () => {
      simulator.injectFault(
        { route: 'resetLink', status: 503, body: { success: false, error: { message: 'Instance not connected' } } },
        3
      )
      const result = await run({ retries: '2' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(3)
      expect(warnings(result)).toHaveLength(2)
      expect(errors(result)).toEqual([
        expect.stringMatching(
          /^Gave up after 3 attempts; the last one got: RyzeAPI answered HTTP 503: Instance not connected\./
        )
      ])
      expect(linkOutputs(result.outputs)).toEqual({})
    })
  })

  describe('permanent failures are not retried', () => {
    // HTTP 400, 401, 403, 409 and 501: answers.test.ts.
    it('HTTP 404: exactly one reset request', async () => {
      const status = 404
      simulator.injectFault({ route: 'resetLink', status, body: { success: false, error: { message: 'No' } } })
      const result = await run({ retries: '3' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(1)
      expect(simulator.requestsTo('info')).toHaveLength(1)
      expect(warnings(result)).toEqual([])
      expect(errors(result)).toEqual([
        expect.stringMatching(new RegExp(`^RyzeAPI answered HTTP ${status}: No\\. .*Nothing was reset\\.$`))
      ])
    })

    it('a redirect: exactly one reset request', async () => {
      simulator.injectFault({ route: 'resetLink', redirectTo: 'https://ryzeapi.example/api', status: 301 })
      const result = await run({ retries: '3' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(1)
      expect(simulator.requestsTo('info')).toHaveLength(1)
    })

    it('an answer over 1 MiB is refused, and not retried', async () => {
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: true, padding: 'x'.repeat(2 * 1024 * 1024) }
      })
      const result = await run({ retries: '3' })
      expect(errors(result)).toEqual([
        'The answer is larger than 1024 KiB; refused. The link, read back once max-lag (0 s) had passed, is unchanged, so the attempt did not take effect.'
      ])
      expect(simulator.requestsTo('resetLink')).toHaveLength(1)
    })
  })
})
