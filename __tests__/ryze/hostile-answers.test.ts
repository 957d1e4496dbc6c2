import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { linkOutputs, visibleText, commandTexts } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, newInviteCode } from '../simulator/ryze-simulator.js'

/**
 * Hostile inputs, absurd rate-limit headers, gateways' answers and RyzeAPI's own errors, each case run
 * in process with the real toolkit against the simulator over real HTTP: nothing injected into the log
 * or the summary, nothing believed that a sane server could not have said, and a failure that names
 * the status, the API message and a hint. Backoffs, Retry-After and rate-limit windows pass on a clock
 * the simulator shares, without waiting; `clock.sleeps` tells what the run waited. The bundle runs one
 * case of each family: hostile.e2e.test.ts (a 120,000-character group, a 600,000-character invite
 * code, a gateway's Retry-After on an HTML 429) and action.e2e.test.ts (HTTP 401, server text that
 * would be a workflow command). Every run keeps the token out of sight, and shows no NaN.
 */
describe('hostile inputs and answers, run in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  let clock: ManualClock

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock })
    await simulator.start()
    inputs = simulator.actionInputs()
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess({ ...inputs, ...overrides }, {}, clock)
    const seen = visibleText(result)
    expect(seen).not.toContain(DEFAULT_TOKEN)
    expect(seen).not.toMatch(/\bNaN\b|Infinity|Invalid time value/)
    return result
  }

  const commandsOf = (result: InProcessRun, name: string): string[] => commandTexts(result.stdout, name)
  const codeOf = (jid = DEFAULT_GROUP_JID): string => simulator.groups.get(jid)!.inviteCode
  /** The info calls so far: the faults below meet the info call that learns the group. */
  const infoCalls = (): number => simulator.requests.filter((request) => request.method === 'GET').length

  describe('inputs', () => {
    it("refuses the review's carriage return in a group line before any request", async () => {
      const line = `https://chat.whatsapp.com/${codeOf()}?\r::set-output name=invite-link::https://evil.example`
      const result = await run({ group: line })

      expect(result.exitCode).toBe(1)
      expect(commandsOf(result, 'error')).toEqual([
        expect.stringMatching(
          /^Input "group" line 1 holds a line break or another control character \(U\+000D, a carriage return\)/
        )
      ])
      expect(simulator.requests).toHaveLength(0)
      expect(linkOutputs(result.outputs)).toEqual({})
      // The runner splits the log on CR as well as LF: no line may start a command from the input.
      expect(result.stdout).not.toContain('\r')
      expect(result.stdout.split(/\r\n|\r|\n/).filter((text) => text.includes('set-output'))).toEqual([])
    })

    it('shows no live Markdown or HTML from an input in the summary', async () => {
      const hostile = `https://chat.whatsapp.com/Unknown1234?x=[click](https://evil.example)<img src=x>*_|\`y\``
      const result = await run({ group: `${DEFAULT_GROUP_JID}\n${hostile}` })

      expect(result.exitCode).toBe(1)
      const row = result.summary.split('<tr>').find((text) => text.includes('Unknown1234'))!
      expect(row).toBeDefined()
      expect(row).not.toMatch(/[[\]()*_|`]|<img/)
      expect(row).toContain('&#91;click&#93;&#40;https')
      // The log is one line per message: the input is quoted whole, on the line that names it.
      expect(result.stdout).not.toContain('\r')
    })
  })

  describe('answers', () => {
    it('keeps the job summary when X-RateLimit-Reset is absurd, showing the last sane bucket', async () => {
      const code = newInviteCode()
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: true, groupJid: DEFAULT_GROUP_JID, inviteCode: code },
        headers: { 'x-ratelimit-reset': '99999999999999999' }
      })
      const result = await run()

      expect(result.exitCode).toBeUndefined()
      expect(result.summary).toContain(`https://chat.whatsapp.com/${code}`)
      // The bucket shown is the info call's, the last answer with sane headers.
      expect(result.summary).toMatch(/RyzeAPI rate limit left: 99 of 100 requests, until 20\d\d-/)
      expect(commandsOf(result, 'warning')).toEqual([])
    })

    it('reports a 429 with an absurd X-RateLimit-Reset as a rate limit, not a crash', async () => {
      simulator.injectFault({
        route: 'info',
        status: 429,
        body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } },
        headers: { 'x-ratelimit-reset': '99999999999999999', 'x-ratelimit-remaining': '0' }
      })
      const result = await run({ retries: '0' })
      expect(commandsOf(result, 'error')).toEqual([
        expect.stringContaining("RyzeAPI answered HTTP 429: Rate limit exceeded. Try again later. RyzeAPI's rate limit")
      ])
    })

    it('ignores an absurd Retry-After: no NaN, and max-wait still holds', async () => {
      simulator.injectFault({
        route: 'info',
        status: 429,
        body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } },
        headers: {
          'retry-after': '99999999999999999999',
          'x-ratelimit-reset': String(Math.ceil(clock.now() / 1000) + 3600)
        }
      })
      const result = await run({ 'max-wait': '5' })

      expect(result.exitCode).toBe(1)
      expect(simulator.requests).toHaveLength(1)
      expect(commandsOf(result, 'warning')).toEqual([])
      expect(commandsOf(result, 'error')).toEqual([
        expect.stringMatching(
          /Not waiting for it: that is 3\d{3}(\.\d)? s away, longer than max-wait \(5 s\)\. Nothing was reset\.$/
        )
      ])
      expect(clock.sleeps).toEqual([])
    })

    it('backs off when an absurd Retry-After comes with no window at all', async () => {
      simulator.injectFault({
        route: 'info',
        status: 429,
        body: '<html>Too Many Requests</html>',
        headers: { 'retry-after': '99999999999999999999', 'x-ratelimit-reset': '' }
      })
      const result = await run({ 'max-wait': '5', retries: '1' })
      expect(result.exitCode).toBeUndefined()
      expect(infoCalls()).toBe(2)
      expect(commandsOf(result, 'warning')).toEqual([expect.stringMatching(/rate limited.* Retrying in \d\.\d s\.$/)])
      // One backoff of its own choosing, up to a second: neither the absurd wait nor max-wait.
      expect(clock.sleeps).toEqual([expect.any(Number)])
      expect(clock.sleeps[0]).toBeGreaterThanOrEqual(0)
      expect(clock.sleeps[0]).toBeLessThanOrEqual(1000)
    })

    it('honours Retry-After on a 503, whatever the body', async () => {
      simulator.injectFault({
        route: 'info',
        status: 503,
        body: '<html>Service Unavailable</html>',
        headers: { 'retry-after': '1' }
      })
      simulator.injectFault({
        route: 'info',
        status: 503,
        body: { success: false, error: { message: 'Temporarily unavailable' } },
        headers: { 'retry-after': '1' }
      })
      const result = await run({ 'max-wait': '10' })

      expect(result.exitCode).toBeUndefined()
      expect(infoCalls()).toBe(3)
      // Each wait before the next info call: Retry-After and a small margin, on the clock.
      expect(clock.sleeps).toHaveLength(2)
      for (const gap of clock.sleeps) {
        expect(gap).toBeGreaterThanOrEqual(1000)
        expect(gap).toBeLessThan(2000)
      }
    })

    it('fails at once when Retry-After is beyond max-wait', async () => {
      simulator.injectFault({
        route: 'info',
        status: 429,
        body: '<html>slow down</html>',
        headers: { 'retry-after': '30' }
      })
      const result = await run({ 'max-wait': '1' })

      expect(result.exitCode).toBe(1)
      expect(simulator.requests).toHaveLength(1)
      expect(commandsOf(result, 'error')).toEqual([
        expect.stringMatching(
          /HTTP 429 \(rate limited\).*Not waiting for it: that is 30 s away, longer than max-wait \(1 s\)\. Nothing was reset\.$/
        )
      ])
      expect(clock.sleeps).toEqual([])
    })

    it("does not blame the instance for a gateway's JSON 503", async () => {
      simulator.injectFault({ route: 'info', status: 503, body: { message: 'upstream overloaded' } })
      const result = await run({ retries: '0' })

      expect(result.exitCode).toBe(1)
      const [error] = commandsOf(result, 'error')
      expect(error).toMatch(/^RyzeAPI answered HTTP 503\. /)
      expect(error).not.toContain('not connected')
    })
  })

  // HTTP 401 and server text that would be a workflow command: action.e2e.test.ts. The other
  // statuses: answers.test.ts.
  describe('on RyzeAPI errors it fails with the status, the API message and a hint', () => {
    beforeEach(() => {
      inputs = { ...inputs, 'max-lag': '0' }
    })

    function expectFailure(result: InProcessRun, message: string): void {
      expect(result.exitCode).toBe(1)
      const errors = commandsOf(result, 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toEqual(expect.stringContaining(message))
      expect(linkOutputs(result.outputs)).toEqual({})
    }

    it('from the simulator itself: a token for another instance', async () => {
      simulator.instances.set('sales', { name: 'sales', connected: true })
      expectFailure(await run({ instance: 'sales' }), 'RyzeAPI answered HTTP 403: Invalid instance token.')
    })

    it('an HTML page from a proxy, without repeating it', async () => {
      simulator.injectFault({ route: 'resetLink', status: 502, body: '<html>\n::warning::Bad Gateway\n</html>' })
      const result = await run({ retries: '0' })
      expectFailure(result, 'RyzeAPI answered HTTP 502 with a body that is not JSON (text/html)')
      expect(result.stdout).not.toContain('Bad Gateway')
    })

    it('200 with success: false, and 200 without a link or code', async () => {
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: false, error: { message: 'Instance busy' } }
      })
      expectFailure(await run(), 'RyzeAPI answered HTTP 200 but reported a failure: Instance busy.')
      simulator.injectFault({ route: 'resetLink', status: 200, body: { success: true, groupJid: DEFAULT_GROUP_JID } })
      expectFailure(await run(), 'RyzeAPI reported success but sent neither an invite link nor an invite code.')
    })
  })
})
