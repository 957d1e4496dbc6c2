import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionRun,
  type RunOptions,
  runAction,
  visibleText,
  linkOutputs,
  commandTexts
} from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, type SimulatorOptions } from '../simulator/ryze-simulator.js'

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

  const warnings = (result: ActionRun): string[] => commandTexts(result.stdout, 'warning')
  const errors = (result: ActionRun): string[] => commandTexts(result.stdout, 'error')

  function expectNewLink(result: ActionRun): void {
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(result.exitCode).toBe(0)
    expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${code}`)
  }

  describe('transient failures are retried with backoff', () => {
    // HTTP 500, 502, 503 and 504, an HTML error page, a silent server and WhatsApp's throttling run in
    // process in answers.test.ts.
    it('a dropped connection, then success', async () => {
      simulator.injectFault({ route: 'resetLink', drop: true })
      const result = await run({ retries: '1' })
      expectNewLink(result)
      expect(warnings(result)[0]).toMatch(/^Could not reach RyzeAPI at .*socket hang up/)
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
        expect.stringMatching(/^Gave up after 3 attempts. RyzeAPI answered HTTP 503: Instance not connected\./)
      ])
      expect(linkOutputs(result.outputs)).toEqual({})
    })
  })

  describe('permanent failures are not retried', () => {
    // HTTP 400, 401, 403, 404, 409 and 501, and a redirect: answers.test.ts.
    it('an answer over 1 MiB is refused, and not retried', async () => {
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: true, padding: 'x'.repeat(2 * 1024 * 1024) }
      })
      const result = await run({ retries: '3' })
      expect(errors(result)).toEqual([
        'The answer is larger than 1024 KiB; refused. The link, read back once 2 x max-lag (0 s) had passed since the reset was sent, is unchanged, so the attempt did not take effect.'
      ])
      expect(simulator.requestsTo('resetLink')).toHaveLength(1)
    })
  })
})
