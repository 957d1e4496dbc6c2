import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { linkOutputs, visibleText, commandTexts } from '../helpers/run-action.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'

/**
 * What each kind of RyzeAPI answer leads to, each case run in process with the real toolkit against
 * the simulator: which statuses are retried, what the error says, which answer shapes are read, and
 * the faults of an unreliable network (a gateway's page, a silent server, WhatsApp's throttling, a
 * redirect). The end-to-end files (action, reliability) run one case of each kind through the bundle;
 * the others are here, where a case costs no Node start-up, and backoffs pass on a clock the
 * simulator shares, without waiting.
 */
describe('RyzeAPI answers, run in process', () => {
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

  const commandsOf = (result: InProcessRun, name: string): string[] => commandTexts(result.stdout, name)

  it.each([
    [403, 'Not authorized to reset group invite link (must be admin)', 'must be an admin of the group'],
    [404, 'Group not found or you are not a member of this group', 'is a member of the group'],
    [429, 'Rate limit exceeded. Try again later.', "RyzeAPI's rate limit for this token is used up"],
    [500, 'Internal server error', 'try again later']
  ])('HTTP %i: the status, the API message and a hint', async (status, message, hint) => {
    simulator.injectFault({ route: 'resetLink', status, body: { success: false, error: { message } } })
    const result = await run({ retries: '0' })
    expect(result.exitCode).toBe(1)
    expect(commandsOf(result, 'error')).toEqual([
      expect.stringContaining(`RyzeAPI answered HTTP ${status}: ${message.replace(/\.?$/, '.')} `)
    ])
    expect(commandsOf(result, 'error')[0]).toContain(hint)
    expect(result.summary).toContain(`<td>Failed: RyzeAPI answered HTTP ${status}: `)
    expect(linkOutputs(result.outputs)).toEqual({})
  })

  it.each([500, 502, 503, 504])('HTTP %i, then success: retried once, after a backoff', async (status) => {
    simulator.injectFault({
      route: 'resetLink',
      status,
      body: { success: false, error: { message: 'Temporarily unavailable' } }
    })
    const result = await run({ retries: '1' })
    expect(result.exitCode).toBeUndefined()
    expect(result.outputs['invite-link']).toBe(
      `https://chat.whatsapp.com/${simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode}`
    )
    expect(simulator.requestsTo('resetLink')).toHaveLength(2)
    // The first backoff is up to a second, and the warning says how long it is.
    expect(clock.sleeps).toEqual([expect.any(Number)])
    const [backoff] = clock.sleeps as [number]
    expect(backoff).toBeGreaterThanOrEqual(0)
    expect(backoff).toBeLessThanOrEqual(1000)
    expect(commandsOf(result, 'warning')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^RyzeAPI answered HTTP ${status}: Temporarily unavailable\\..* Retrying in ${(backoff / 1000).toFixed(1)} s\\.$`
        )
      )
    ])
  })

  it.each([400, 401, 403, 404, 409, 501])('HTTP %i: exactly one reset request, never retried', async (status) => {
    simulator.injectFault({ route: 'resetLink', status, body: { success: false, error: { message: 'No' } } })
    const result = await run({ retries: '3' })
    expect(result.exitCode).toBe(1)
    expect(simulator.requestsTo('resetLink')).toHaveLength(1)
    expect(simulator.requestsTo('info')).toHaveLength(1)
    expect(commandsOf(result, 'warning')).toEqual([])
    expect(commandsOf(result, 'error')).toEqual([
      expect.stringMatching(new RegExp(`^RyzeAPI answered HTTP ${status}: No\\. .*Nothing was reset\\.$`))
    ])
  })

  it.each([
    ['too short', 'ABC'],
    ['not letters and digits', 'Abc123_Def456']
  ])('a reset answer whose invite code is %s is a bad answer, and nothing is published', async (_case, inviteCode) => {
    simulator.injectFault({
      route: 'resetLink',
      status: 200,
      body: { success: true, groupJid: DEFAULT_GROUP_JID, inviteCode }
    })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(commandsOf(result, 'error')).toEqual([
      expect.stringContaining('RyzeAPI sent an invite code that is not 6 to 64 letters and digits')
    ])
    expect(linkOutputs(result.outputs)).toEqual({})
  })

  it.each([
    ['data.inviteLink', (link: string) => ({ success: true, data: { inviteLink: link } })],
    ['a top-level inviteLink', (link: string) => ({ success: true, inviteLink: link })]
  ])('a dry run reads %s in the info answer', async (_shape, answer) => {
    simulator.injectFault({ route: 'info', status: 200, body: answer('https://chat.whatsapp.com/Current123') })
    const result = await run({ 'dry-run': 'true' })
    expect(result.outputs['invite-code']).toBe('Current123')
    expect(result.outputs['group-jid']).toBe(DEFAULT_GROUP_JID)
    expect(simulator.requestsTo('resetLink')).toHaveLength(0)
  })

  // Faults a scheduled run meets at 3 a.m. The socket's time-out is a real timer, kept short.
  const warnings = (result: InProcessRun): string[] => commandTexts(result.stdout, 'warning')

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
