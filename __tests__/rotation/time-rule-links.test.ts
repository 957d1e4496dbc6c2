import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { visibleText } from '../helpers/run-action.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  type Fault,
  RyzeSimulator,
  type SimulatorOptions,
  adminGroups,
  groupJids
} from '../simulator/ryze-simulator.js'

interface Result {
  group: string
  inviteLink?: string
  previousInviteLink?: string
  status: string
  readBack?: boolean
  resetRequests?: number
  error?: string
}

/**
 * Issue #31, items 1 to 4: the cases where a run published a dead link, or trusted the plan's own
 * read as current, each against a simulator whose reads lag, run in process on a clock the
 * simulator shares. The simulator's own record (its live codes and the resets it carried out) is the
 * judge: every link published must be live when the run ends.
 */
describe('links proven under the time rule', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  const [G1, G2] = groupJids(2) as [string, string]

  async function start(options: SimulatorOptions = {}): Promise<void> {
    simulator = new RyzeSimulator({ clock, groups: adminGroups(2), ...options })
    await simulator.start()
  }
  beforeEach(() => {
    clock = new ManualClock()
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}, env: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess({ ...simulator.actionInputs(), 'max-lag': '0.3', ...overrides }, env, clock)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }
  const live = (jid = DEFAULT_GROUP_JID): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const resultsOf = (result: InProcessRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]
  const lostAfterEffect = (fault: Omit<Fault, 'route'> = { drop: true }): Fault => ({
    ...fault,
    route: 'resetLink',
    afterEffect: true
  })
  /** Every link the run published (outputs and results) is live now. */
  function expectOnlyLiveLinks(result: InProcessRun): void {
    for (const entry of resultsOf(result)) {
      if (entry.inviteLink !== undefined) expect(entry.inviteLink).toBe(live(entry.group))
    }
    if (result.outputs['invite-link'] !== undefined) expect(result.outputs['invite-link']).toBe(live())
  }

  describe('the dead link is never published', () => {
    it('a lost answer, with reads lagging more than max-lag but less than twice it: read back, one reset', async () => {
      await start({ readLagMs: 500 })
      simulator.injectFault(lostAfterEffect())
      const result = await run({ retries: '1' })
      expect(simulator.resets).toHaveLength(1)
      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['invite-link']).toBe(live())
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true })
      expectOnlyLiveLinks(result)
    })

    it('a lost answer with max-lag 0 and reads that lag all the same: the retry is confirmed, never the lost link', async () => {
      await start({ readLagMs: 500 })
      simulator.injectFault(lostAfterEffect())
      const result = await run({ retries: '1', 'max-lag': '0' })
      // max-lag 0 declares reads current: the first read, showing the old link, decides that nothing
      // happened, and the link is reset again. The link of the lost reset, read after the retry, is dead.
      expect(simulator.resets).toHaveLength(2)
      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['invite-link']).toBe(live())
      expect(result.outputs['invite-link']).not.toBe(`https://chat.whatsapp.com/${simulator.resets[0]!.newCode}`)
      expectOnlyLiveLinks(result)
    })

    it("a read inside the lag counts from when the reset left, after the pacer's wait, not before it", async () => {
      await start({ readLagMs: 300, rateLimit: { limit: 2, windowMs: 2000 } })
      simulator.startRateLimitWindow(2000)
      simulator.injectFault(lostAfterEffect())
      const result = await run({ group: `${G1}\n${G2}`, retries: '1', 'max-wait': '10' })
      // The plan's two reads spent the window; the first reset waited 2 s for the next one, and then
      // left: a read sent at once, showing the old link, proves nothing yet.
      const [firstRead, , reset] = simulator.requests
      expect(reset!.arrivedAt - firstRead!.arrivedAt).toBeGreaterThanOrEqual(2000)
      expect(simulator.resets.map((carried) => carried.jid)).toEqual([G1, G2])
      expect(result.exitCode).toBeUndefined()
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true, inviteLink: live(G1) })
      expectOnlyLiveLinks(result)
    })

    it('a reset carried out late and read with lag: two max-lags are waited, not one, and nothing is reset twice', async () => {
      await start({ readLagMs: 300 })
      simulator.injectFault({ route: 'resetLink', drop: true, carryOutAfterMs: 250 })
      const result = await run({ retries: '1' })
      expect(simulator.resets).toHaveLength(1)
      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['invite-link']).toBe(live())
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true })
      expect(resultsOf(result)[0]).not.toHaveProperty('resetRequests')
    })

    it("a reset answered with another planned group's code: that code is not this group's link", async () => {
      await start()
      const otherCode = simulator.groups.get(G2)!.inviteCode
      simulator.injectFault(
        lostAfterEffect({
          status: 200,
          body: {
            success: true,
            groupJid: G1,
            inviteCode: otherCode,
            inviteLink: `https://chat.whatsapp.com/${otherCode}`
          }
        })
      )
      const result = await run({ group: `${G1}\n${G2}`, retries: '1' })
      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets.map((reset) => reset.jid)).toEqual([G1, G2])
      expect(resultsOf(result).map((entry) => entry.inviteLink)).toEqual([live(G1), live(G2)])
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true })
    })

    it.each(['undefined', 'UNDEFINED', 'null', '[object Object]'])(
      'a reset answered with the stringified empty code "%s": read back, never published',
      async (empty) => {
        await start()
        simulator.injectFault(lostAfterEffect({ status: 200, body: { success: true, inviteCode: empty } }))
        const result = await run({ retries: '1' })
        expect(simulator.resets).toHaveLength(1)
        expect(result.exitCode).toBeUndefined()
        expect(result.outputs['invite-link']).toBe(live())
        expect(visibleText(result)).not.toContain(`https://chat.whatsapp.com/${empty}`)
        expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true })
      }
    )

    it('reads that go back in time (a fresh replica, then a stale one) never bring the old link back', async () => {
      await start({ readLagMs: 300 })
      simulator.injectFault(lostAfterEffect())
      // The first read-back sees a fresh replica; every later one a stale one, 300 ms behind.
      simulator.readLags.push(0, 0)
      const result = await run({ retries: '1' })
      expect(simulator.resets).toHaveLength(1)
      expect(result.outputs['invite-link']).toBe(live())
    })
  })

  describe('on cancellation, nothing waits the rule out', () => {
    it('a lost answer and a cancel: one read within the grace period, and what it cannot prove is unknown', async () => {
      await start({ readLagMs: 60_000 })
      simulator.injectFault(lostAfterEffect())
      const cancel = new AbortController()
      simulator.onRequest = (request) => {
        if (request.method === 'POST') cancel.abort()
      }
      const { rotateGroups } = await import('../../src/rotation/rotation.js')
      const { RyzeClient } = await import('../../src/ryze/ryze-client.js')
      const client = new RyzeClient(
        { baseUrl: new URL(simulator.url), instance: 'support', token: DEFAULT_TOKEN, timeoutMs: 5000 },
        undefined,
        clock
      )
      const info = await client.groupInfo({ kind: 'jid', jid: DEFAULT_GROUP_JID })
      const group = {
        input: DEFAULT_GROUP_JID,
        alsoNamedBy: [],
        identifier: { kind: 'jid' as const, jid: DEFAULT_GROUP_JID },
        groupJid: DEFAULT_GROUP_JID,
        inviteCode: info.inviteCode,
        inviteLink: info.inviteLink
      }
      const [result] = await rotateGroups(
        { dryRun: false, failFast: false, retries: 2, maxWaitMs: 0, maxLagMs: 30_000, groups: [group] },
        client,
        { signal: cancel.signal }
      )
      expect(result).toMatchObject({ status: 'unknown', previousInviteLink: info.inviteLink })
      expect(simulator.requestsTo('info')).toHaveLength(2)
      // No wait for the rule: the clock did not move.
      expect(clock.sleeps).toEqual([])
    })
  })

  describe('confirm', () => {
    it('publishes the code a read under the rule shows, not the answer of a server that assigned the link twice', async () => {
      await start()
      simulator.injectFault({ route: 'resetLink', reassignAfterMs: 200 })
      const result = await run({ confirm: 'true' })
      expect(simulator.resets).toHaveLength(2)
      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['invite-link']).toBe(live())
      expect(result.outputs['invite-link']).not.toBe(`https://chat.whatsapp.com/${simulator.resets[0]!.newCode}`)
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true })
    })

    it('reads each group back once, sent 2 x max-lag after its reset, and publishes an honest answer as it is', async () => {
      await start({ readLagMs: 300 })
      const result = await run({ confirm: 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['invite-link']).toBe(live())
      const [reset] = simulator.requestsTo('resetLink')
      const reads = simulator.requestsTo('info').slice(1)
      expect(reads.map((read) => read.arrivedAt - reset!.arrivedAt)).toEqual([600])
      expect(resultsOf(result)[0]).not.toHaveProperty('readBack')
    })

    it('several groups: every reset first, then one read each, with one wait of 2 x max-lag, told in that order', async () => {
      await start({ readLagMs: 300 })
      const result = await run({ confirm: 'true', group: `${G1}\n${G2}` })
      expect(result.exitCode).toBeUndefined()
      expectOnlyLiveLinks(result)
      expect(resultsOf(result).map((entry) => entry.status)).toEqual(['reset', 'reset'])
      const resets = simulator.requestsTo('resetLink')
      const reads = simulator.requestsTo('info').slice(2)
      // The plan's two reads, both resets, then the two reads that confirm them, each 2 x max-lag after its reset.
      expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'POST', 'POST', 'GET', 'GET'])
      expect(simulator.resets.map((reset) => reset.jid)).toEqual([G1, G2])
      expect(reads.map((read) => decodeURIComponent(read.rawPath).match(/\d+@g\.us/)?.[0])).toEqual([G1, G2])
      expect(reads.map((read, index) => read.arrivedAt - resets[index]!.arrivedAt)).toEqual([600, 600])
      expect(clock.sleeps).toEqual([600])
      // The log tells the answered resets, then each group's read and link, each in a section naming its group.
      const lines = result.stdout
        .split('\n')
        .filter((line) => /^(::(end)?group::|.*reset)/i.test(line) && !line.startsWith('::debug::'))
      expect(lines).toEqual([
        `::group::"Group 1" (${G1})`,
        `The reset of "Group 1" (${G1}) was answered; its new link is published once a read, sent 2 x max-lag (0.6 s) after the reset, shows it.`,
        '::endgroup::',
        `::group::"Group 2" (${G2})`,
        `The reset of "Group 2" (${G2}) was answered; its new link is published once a read, sent 2 x max-lag (0.6 s) after the reset, shows it.`,
        '::endgroup::',
        `::group::Confirming "Group 1" (${G1})`,
        `Reset the invite link of "Group 1" (${G1}). New link: ${live(G1)}`,
        '::endgroup::',
        `::group::Confirming "Group 2" (${G2})`,
        `Reset the invite link of "Group 2" (${G2}). New link: ${live(G2)}`,
        '::endgroup::'
      ])
    })

    it('without confirm, the same run sends no read after the reset', async () => {
      await start()
      const result = await run()
      expect(result.outputs['invite-link']).toBe(live())
      expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
    })

    it.each(['yes', 'ture', '1', 'on'])('refuses confirm: "%s", naming the input, and sends nothing', async (value) => {
      await start()
      const result = await run({ confirm: value })
      expect(result.exitCode).toBe(1)
      expect(result.stdout).toMatch(/confirm/)
      expect(result.stdout).toMatch(/true.*false|false.*true/)
      expect(simulator.requests).toEqual([])
    })
  })

  describe("the previous link is a current read, not the plan's (update-files and dry run)", () => {
    let workspace: string
    beforeEach(async () => {
      workspace = await mkdtemp(join(tmpdir(), 'time-rule-'))
    })
    afterEach(() => rm(workspace, { recursive: true, force: true }))

    /** Someone reset the link 100 ms before the run; reads lag 300 ms, so the plan's read shows the link before. */
    async function resetJustBefore(): Promise<string> {
      await start({ readLagMs: 300 })
      clock.advance(10_000)
      simulator.resetNow(DEFAULT_GROUP_JID)
      clock.advance(100)
      return live()
    }

    it('update-files replaces the link that was live before the reset, which the plan could not see yet', async () => {
      const before = await resetJustBefore()
      await writeFile(join(workspace, 'join.md'), `Join us: ${before}\n`)
      const result = await run({ 'update-files': 'join.md' }, { GITHUB_WORKSPACE: workspace })
      expect(result.exitCode).toBeUndefined()
      expect(await readFile(join(workspace, 'join.md'), 'utf8')).toBe(`Join us: ${live()}\n`)
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', previousInviteLink: before, inviteLink: live() })
      // The current read waits max-lag after the run's first read, and is one more request.
      const infos = simulator.requestsTo('info')
      expect(infos).toHaveLength(2)
      expect(infos[1]!.arrivedAt - infos[0]!.arrivedAt).toBe(300)
    })

    it('a dry run shows the live link, not the one the plan read', async () => {
      const before = await resetJustBefore()
      const result = await run({ 'dry-run': 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['invite-link']).toBe(before)
      expect(simulator.resets).toHaveLength(1)
    })

    it('a current read that fails: the group is not reset, and its error says why', async () => {
      await resetJustBefore()
      const down: Fault = { route: 'info', status: 404, body: { success: false, error: { message: 'Gone' } } }
      let reads = 0
      simulator.onRequest = (request) => {
        // The plan's read goes through; the current read meets a 404, which no retry can help.
        if (request.method === 'GET' && ++reads === 2) simulator.injectFault(down)
      }
      await writeFile(join(workspace, 'join.md'), `Join us: ${live()}\n`)
      const result = await run({ 'update-files': 'join.md' }, { GITHUB_WORKSPACE: workspace })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toEqual([])
      expect(resultsOf(result)[0]).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(
          /^The current link could not be read\. RyzeAPI answered HTTP 404: Gone\..* Nothing was reset\.$/
        )
      })
    })

    it('costs nothing without update-files or dry run: no wait, no request beyond the plan and the reset', async () => {
      await resetJustBefore()
      await run()
      expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
      expect(clock.sleeps).toEqual([])
    })
  })
})
