import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  START_UP_ALLOWANCE_MS,
  type ActionRun,
  type RunOptions,
  runAction,
  visibleText,
  commandTexts,
  signalWhen
} from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, type SimulatorOptions } from '../simulator/ryze-simulator.js'
import { describeWithSignals } from '../helpers/platforms.js'

/**
 * Waits a scheduled run meets, against the bundled action: rate limits, bounded time and
 * cancellation (apart from reliability.e2e.test.ts, so that the two run side by side).
 */
describe('the bundled action waiting', () => {
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

  describe('rate limits', () => {
    it("waits for RyzeAPI's window to reset, then succeeds", async () => {
      await simulator.stop()
      await startSimulator({ rateLimit: { limit: 1, windowMs: 1000 } })
      // Spent as the first request arrives, however long the step takes to start on a busy machine.
      let spent = false
      simulator.onRequest = () => {
        if (!spent) simulator.useUpRateLimit()
        spent = true
      }
      const result = await run()
      expectNewLink(result)
      // The info call meets the 429 and waits; the pacer then holds the reset for the next window.
      expect(simulator.requestsTo('info').map((request) => request.status)).toEqual([429, 200])
      expect(simulator.requestsTo('resetLink').map((request) => request.status)).toEqual([200])
      expect(result.stdout).toMatch(/RyzeAPI rate limit: 0 of 1 requests left; waiting \d\.\d s for the next window\./)
      expect(warnings(result)).toEqual([
        expect.stringMatching(
          /^RyzeAPI answered HTTP 429: Rate limit exceeded\. Try again later\..* Waiting \d\.\d s for the rate-limit window to reset\.$/
        )
      ])
    })

    it.each([
      ['seconds', () => '2'],
      ['an HTTP date', () => new Date(Date.now() + 3000).toUTCString()]
    ])('honours Retry-After in %s over a later window reset', async (_form, retryAfter) => {
      // Injected as the info call arrives, so that the HTTP date is counted from the reset's 429.
      simulator.onRequest = (request) => {
        if (request.method !== 'GET') return
        simulator.injectFault({
          route: 'resetLink',
          status: 429,
          body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } },
          headers: { 'retry-after': retryAfter(), 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600) }
        })
      }
      const result = await run({ 'max-wait': '5' })
      expectNewLink(result)
      const [limited, retried] = simulator.requestsTo('resetLink')
      expect([limited!.status, retried!.status]).toEqual([429, 200])
      // At least the 2 s asked for (an HTTP date has whole seconds), never the window an hour away;
      // a plain backoff (at most 1 s here) fails the lower bound.
      const waitedMs = retried!.arrivedAt - limited!.arrivedAt
      expect(waitedMs).toBeGreaterThanOrEqual(1900)
      expect(waitedMs).toBeLessThan(3250 + 1000)
    })

    it('fails at once when the window resets later than max-wait, saying when', async () => {
      await simulator.stop()
      await startSimulator({ rateLimit: { limit: 1, windowMs: 60_000 } })
      simulator.useUpRateLimit()
      const result = await run({ 'max-wait': '5' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requests).toHaveLength(1)
      expect(errors(result)).toEqual([
        expect.stringMatching(
          /^RyzeAPI answered HTTP 429: Rate limit exceeded\. Try again later\. .*The window resets at \d{4}-\d\d-\d\dT[\d:.]+Z\. Not waiting for it: that is \d+(\.\d)? s away, longer than max-wait \(5 s\)\. Nothing was reset\.$/
        )
      ])
    })
  })

  describe('bounded time', () => {
    it('ends within (retries + 1) x timeout plus the backoff when the server never answers', async () => {
      simulator.injectFault({ route: 'resetLink', silent: true }, 2)
      const result = await run({ retries: '1', timeout: '0.5' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(2)
      // Each time-out may have hidden a reset: each is read back before the next attempt.
      expect(simulator.requestsTo('info')).toHaveLength(3)
      expect(errors(result)[0]).toMatch(
        /^Gave up after 2 attempts. .*timed out.* The link, read back once 2 x max-lag \(0 s\) had passed since the reset was sent, is unchanged, so the attempt did not take effect\.$/
      )
      // Two time-outs of 0.5 s, a backoff of at most 1 s, the read-backs and Node's start-up.
      expect(result.durationMs).toBeGreaterThanOrEqual(2 * 500)
      expect(result.durationMs).toBeLessThan(2 * 500 + 1000 + START_UP_ALLOWANCE_MS)
    })

    it('aborts a body trickled one byte at a time', async () => {
      simulator.injectFault({ route: 'resetLink', trickleMs: 100 }, 2)
      const result = await run({ retries: '1', timeout: '0.5' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(2)
      expect(errors(result)[0]).toContain('timed out')
    })
  })

  describeWithSignals('cancellation', () => {
    it.each(['SIGINT', 'SIGTERM'] as const)(
      '%s during a long rate-limit wait ends the step at once',
      async (signal) => {
        await simulator.stop()
        await startSimulator({ rateLimit: { limit: 1, windowMs: 60_000 } })
        simulator.useUpRateLimit()
        let signalledAt = 0
        const result = await run(
          {},
          {
            onStart: (child) => {
              child.stdout?.on('data', (chunk: Buffer) => {
                if (signalledAt === 0 && chunk.toString().includes('Waiting')) {
                  signalledAt = Date.now()
                  child.kill(signal)
                }
              })
            }
          }
        )
        expect(signalledAt).toBeGreaterThan(0)
        expect(result.exitCode).toBe(1)
        expect(errors(result)).toEqual(['Cancelled while waiting to try again. Nothing was reset.'])
        expect(simulator.requests).toHaveLength(1)
        expect(Date.now() - signalledAt).toBeLessThan(2000)
      }
    )

    it('SIGINT during a request aborts it', async () => {
      simulator.injectFault({ route: 'resetLink', silent: true })
      const result = await run(
        { timeout: '60' },
        signalWhen(() => simulator.requestsTo('resetLink').length > 0, 'SIGINT')
      )
      expect(result.exitCode).toBe(1)
      // The runner allows a few seconds after SIGINT: enough to read back that nothing changed.
      expect(errors(result)).toEqual([
        'Cancelled during the request to RyzeAPI. The link, read back once 2 x max-lag (0 s) had passed since the reset was sent, is unchanged, so the attempt did not take effect.'
      ])
      expect(simulator.requestsTo('info')).toHaveLength(2)
      expect(simulator.resets).toEqual([])
      // The request is aborted at once; the read-back is one quick call.
      expect(result.durationMs).toBeLessThan(START_UP_ALLOWANCE_MS + 1000)
    })
  })
})
