import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { annotationsOf, visibleText, commandTexts } from '../helpers/run-action.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  type Fault,
  RyzeSimulator,
  adminGroups,
  groupJids
} from '../simulator/ryze-simulator.js'

interface Result {
  group: string
  groupJid: string
  inviteLink?: string
  previousInviteLink?: string
  status: string
  readBack?: boolean
  error?: string
}

/**
 * An answer lost after RyzeAPI acted, run in process with the real toolkit against the simulator:
 * every run must end with the live link known and published, or fail saying that the link may have
 * changed and could not be read back. The simulator's own record of the resets it carried out is the
 * judge, not the log. The variants of each kind of loss are here, where a case costs no Node start-up,
 * and backoffs, Retry-After, max-lag's read-back waits and late resets pass on a clock the simulator
 * shares, without waiting. lost-answer.e2e.test.ts runs one case of each family through the bundle,
 * and the cancellations (a signal to the process, a grace period) only there.
 */
describe('an answer is lost, run in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  let clock: ManualClock

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups: adminGroups(2) })
    await simulator.start()
    // The same max-lag as the end-to-end tests, whose messages name it; here it passes on the clock.
    inputs = { ...simulator.actionInputs(), 'max-lag': '0.3' }
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess({ ...inputs, ...overrides }, {}, clock)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const liveLink = (jid = DEFAULT_GROUP_JID): string =>
    `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const resultsOf = (result: InProcessRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]
  const commands = (result: InProcessRun, name: string): string[] => commandTexts(result.stdout, name)
  const lostAfterEffect = (fault: Omit<Fault, 'route'>): Fault => ({ ...fault, route: 'resetLink', afterEffect: true })

  function expectPublishedAfterReadBack(result: InProcessRun, oldLink: string): void {
    expect(simulator.resets).toHaveLength(1)
    expect(result.exitCode).toBeUndefined()
    expect(result.outputs['invite-link']).toBe(liveLink())
    expect(resultsOf(result)).toEqual([
      expect.objectContaining({ status: 'reset', readBack: true, previousInviteLink: oldLink, inviteLink: liveLink() })
    ])
    expect(commands(result, 'warning')).toContainEqual(
      expect.stringContaining(
        "The reset's answer alone did not settle the outcome (it was lost, or a read showed another new code), so the link was read back from the group. The reset took effect."
      )
    )
  }

  describe('the reset took effect: the live link is read back and published, with one revocation', () => {
    it('a group given by JID, a gateway 502 page after the reset, retries: 0', async () => {
      const oldLink = liveLink()
      simulator.injectFault(lostAfterEffect({ status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' }))
      expectPublishedAfterReadBack(await run({ retries: '0' }), oldLink)
    })

    it('a success answer without a usable link', async () => {
      const oldLink = liveLink()
      simulator.injectFault(lostAfterEffect({ status: 200, body: { success: true, inviteCode: 'not-a-code!' } }))
      expectPublishedAfterReadBack(await run(), oldLink)
    })
  })

  describe('answers about another group are never taken for this one', () => {
    const [first, other] = groupJids(2) as [string, string]
    const about = (jid: string) => ({
      success: true,
      group: { jid, name: 'Other', inviteLink: liveLink(jid) }
    })

    it('an info answer naming another group: nothing is reset', async () => {
      simulator.injectFault({ route: 'info', status: 200, body: about(other) })
      const result = await run({ group: first })
      expect(result.exitCode).toBe(1)
      expect(simulator.resets).toEqual([])
      expect(commands(result, 'error')).toEqual([
        `RyzeAPI answered about another group (${other}) than the one asked for (${first}). Nothing was reset.`
      ])
    })
  })

  describe('the read-back holds when the network misbehaves again', () => {
    it('a 429 on the read-back is waited out, even with retries: 0', async () => {
      const oldLink = liveLink()
      simulator.injectFault(lostAfterEffect({ drop: true }))
      simulator.onRequest = (request) => {
        if (request.method !== 'POST') return
        simulator.injectFault({
          route: 'info',
          status: 429,
          body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } },
          headers: { 'retry-after': '1' }
        })
      }
      expectPublishedAfterReadBack(await run({ retries: '0' }), oldLink)
      // The read-back met the 429, then read again once its wait was over.
      expect(simulator.requestsTo('info').map((request) => request.status)).toEqual([200, 429, 200])
      // One wait, the read-back's: at least the Retry-After asked for.
      expect(clock.sleeps).toEqual([expect.any(Number)])
      expect(clock.sleeps[0]).toBeGreaterThanOrEqual(1000)
    })

    it('an attempt read back unchanged but carried out late: the link confirmed after the retry is published', async () => {
      simulator.injectFault({ route: 'resetLink', silent: true })
      let posts = 0
      simulator.onRequest = (request) => {
        // The first attempt lands just after the retry's answer, before max-lag has passed.
        if (request.method === 'POST' && ++posts === 2) simulator.later(50, () => simulator.resetNow(DEFAULT_GROUP_JID))
      }
      const result = await run({ timeout: '0.5', retries: '1' })
      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets).toHaveLength(2)
      expect(result.outputs['invite-link']).toBe(liveLink())
      expect(resultsOf(result)).toEqual([expect.objectContaining({ status: 'reset', readBack: true })])
    })
  })

  describe('the reset did not take effect: the link is read back unchanged', () => {
    it('a connection dropped before the reset: read back, then reset once', async () => {
      const oldLink = liveLink()
      simulator.injectFault({ route: 'resetLink', drop: true })
      const result = await run({ retries: '1' })
      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets).toHaveLength(1)
      // Reads may be repeated while max-lag runs; the retry's answer is then confirmed by one more read.
      expect(simulator.requests.map((request) => `${request.method} ${request.status}`).join(', ')).toMatch(
        /^GET 200, POST 0, (GET 200, )+POST 200, GET 200$/
      )
      expect(result.outputs['invite-link']).toBe(liveLink())
      expect(resultsOf(result)).toEqual([expect.not.objectContaining({ readBack: expect.anything() as unknown })])
      expect(resultsOf(result)[0]!.previousInviteLink).toBe(oldLink)
      expect(commands(result, 'warning')).toEqual([
        expect.stringMatching(
          /socket hang up.* The link, read back once 2 x max-lag \(0\.6 s\) had passed since the reset was sent, is unchanged, so the attempt did not take effect\. Retrying/
        )
      ])
    })
  })

  describe('the link cannot be read back: the step fails and says the outcome is unknown', () => {
    const infoDown: Fault = { route: 'info', status: 503, body: { success: false, error: { message: 'Bridge down' } } }

    it('several groups: results mark it unknown, without a link, and the others are published', async () => {
      const [first, second] = groupJids(2) as [string, string]
      const oldLink = liveLink(first)
      simulator.onRequest = (request) => {
        // A read-back gets 2 retries of its own even with retries: 0: all 3 attempts fail.
        if (request.method === 'POST' && simulator.resets.length === 0) simulator.injectFault(infoDown, 3)
      }
      simulator.injectFault(lostAfterEffect({ drop: true }))
      const result = await run({ group: `${first}\n${second}`, retries: '0' })
      expect(result.exitCode).toBe(1)
      expect(resultsOf(result)).toEqual([
        {
          group: first,
          groupJid: first,
          name: 'Group 1',
          previousInviteLink: oldLink,
          status: 'unknown',
          error: expect.stringContaining("the group's live link is unknown") as unknown
        },
        expect.objectContaining({ status: 'reset', inviteLink: liveLink(second) })
      ])
      expect(result.outputs['invite-link']).toBeUndefined()
      expect(visibleText(result)).not.toContain(liveLink(first))
      expect(result.summary).toContain('Unknown, may have been reset')
      expect(annotationsOf(result.stdout).filter((annotation) => annotation.level === 'error')).toEqual([
        {
          level: 'error',
          title: `"Group 1" (${first}) may have been reset`,
          message: expect.stringMatching(/^The reset may have taken effect/) as unknown
        },
        expect.objectContaining({ message: expect.stringMatching(/^1 of 2 groups failed\./) as unknown })
      ])
    })
  })
})
