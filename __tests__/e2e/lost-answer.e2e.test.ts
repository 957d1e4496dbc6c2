import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ActionRun,
  type RunOptions,
  runAction,
  visibleText,
  linkOutputs,
  PROJECT_ROOT,
  commandTexts,
  importing,
  signalWhen
} from '../helpers/run-action.js'
import { READ_BACK_AFTER_CANCEL_MS } from '../../src/ryze/time-rule.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  type Fault,
  RyzeSimulator,
  adminGroups,
  groupJids
} from '../simulator/ryze-simulator.js'
import { describeWithSignals, itWithSignals } from '../helpers/platforms.js'

const CTRL_BREAK = join(PROJECT_ROOT, '__tests__', 'helpers', 'ctrl-break.mjs')

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
 * An answer lost after RyzeAPI acted: every run must end with the live link known and published, or
 * fail saying that the link may have changed and could not be read back. The simulator's own record
 * of the resets it carried out is the judge, not the log. Here the bundle runs one case of each kind of
 * loss, and the cancellations (a signal to the process, a grace period); the other variants run in
 * process on a clock the simulator shares, in lost-answer.test.ts.
 */
describe('the bundled action when an answer is lost', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>

  beforeEach(async () => {
    simulator = new RyzeSimulator({ groups: adminGroups(2) })
    await simulator.start()
    // The simulator's reads lag by at most what the tests give it; 0.3 s keeps the tests quick.
    inputs = { ...simulator.actionInputs(), 'max-lag': '0.3' }
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}, options?: RunOptions): Promise<ActionRun> {
    const result = await runAction({ ...inputs, ...overrides }, options)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const liveLink = (jid = DEFAULT_GROUP_JID): string =>
    `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const resultsOf = (result: ActionRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]
  const commands = (result: ActionRun, name: string): string[] => commandTexts(result.stdout, name)
  const lostAfterEffect = (fault: Omit<Fault, 'route'>): Fault => ({ ...fault, route: 'resetLink', afterEffect: true })

  function expectPublishedAfterReadBack(result: ActionRun, oldLink: string): void {
    expect(simulator.resets).toHaveLength(1)
    expect(result.exitCode).toBe(0)
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
    it('a group given by its link, the connection dropped after the reset, retries: 3', async () => {
      const oldLink = liveLink()
      simulator.injectFault(lostAfterEffect({ drop: true }))
      const result = await run({ group: oldLink, retries: '3' })
      expectPublishedAfterReadBack(result, oldLink)
      // The read-back names the group by the JID learned first, never by the revoked code.
      expect(simulator.requestsTo('info').map((request) => request.rawPath)).toEqual([
        expect.stringContaining(`identifier=${simulator.resets[0]!.oldCode}&`),
        expect.stringContaining(`identifier=${encodeURIComponent(DEFAULT_GROUP_JID)}&`)
      ])
    })

    it('a time-out after the reset took effect: no second revocation', async () => {
      const oldLink = liveLink()
      simulator.injectFault(lostAfterEffect({ silent: true }))
      const result = await run({ timeout: '0.5', retries: '3' })
      expectPublishedAfterReadBack(result, oldLink)
      expect(simulator.requestsTo('resetLink')).toHaveLength(1)
    })

    it('update-files, the QR code and the summary receive the live link', async () => {
      const workspace = await mkdtemp(join(tmpdir(), 'ryze-lost-'))
      try {
        const oldLink = liveLink()
        await writeFile(join(workspace, 'README.md'), `Join us: ${oldLink}\n`)
        simulator.injectFault(lostAfterEffect({ drop: true }))
        const result = await run({ 'update-files': '*.md', 'qr-code': 'join.svg' }, { workspace })
        expectPublishedAfterReadBack(result, oldLink)
        expect(await readFile(join(workspace, 'README.md'), 'utf8')).toBe(`Join us: ${liveLink()}\n`)
        expect(result.outputs['updated-files']).toBe('README.md')
        expect(result.outputs['qr-code-files']).toBe('join.svg')
        expect(result.summary).toContain(
          `Reset &#40;answer lost; link read back&#41;</td><td><a href="${liveLink()}">${liveLink()}</a></td>`
        )
      } finally {
        await rm(workspace, { recursive: true, force: true })
      }
    })
  })

  describe('answers about another group are never taken for this one', () => {
    const [first, other] = groupJids(2) as [string, string]
    const about = (jid: string) => ({
      success: true,
      group: { jid, name: 'Other', inviteLink: liveLink(jid) }
    })

    it("a read-back naming another group: the outcome is unknown, and no output holds that group's link", async () => {
      simulator.injectFault(lostAfterEffect({ drop: true }))
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault({ route: 'info', status: 200, body: about(other) })
      }
      const result = await run({ group: first, retries: '0' })
      expect(result.exitCode).toBe(1)
      expect(simulator.resets).toHaveLength(1)
      expect(resultsOf(result)).toEqual([expect.objectContaining({ groupJid: first, status: 'unknown' })])
      expect(result.outputs['invite-link']).toBeUndefined()
      expect(visibleText(result)).not.toContain(liveLink(other))
    })
  })

  describe('the read-back holds when the network misbehaves again', () => {
    itWithSignals('a cancellation while the read-back hangs still gets one bounded read', async () => {
      const oldLink = liveLink()
      simulator.injectFault(lostAfterEffect({ drop: true }))
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault({ route: 'info', silent: true })
      }
      const result = await run(
        { timeout: '60' },
        signalWhen(() => simulator.requestsTo('info').length === 2, 'SIGINT')
      )
      expectPublishedAfterReadBack(result, oldLink)
      expect(simulator.requestsTo('info')).toHaveLength(3)
    })
  })

  describe('the reset did not take effect: the link is read back unchanged', () => {
    it('with retries: 0 the step fails, saying that nothing was reset', async () => {
      const oldLink = liveLink()
      simulator.injectFault({ route: 'resetLink', status: 503, body: { success: false, error: { message: 'busy' } } })
      const result = await run({ retries: '0' })
      expect(result.exitCode).toBe(1)
      expect(simulator.resets).toEqual([])
      expect(liveLink()).toBe(oldLink)
      expect(commands(result, 'error')).toEqual([
        expect.stringMatching(
          /^RyzeAPI answered HTTP 503: busy\. .*The link, read back once 2 x max-lag \(0\.6 s\) had passed since the reset was sent, is unchanged, so the attempt did not take effect\.$/
        )
      ])
      expect(linkOutputs(result.outputs)).toEqual({})
    })
  })

  describe('the link cannot be read back: the step fails and says the outcome is unknown', () => {
    const infoDown: Fault = { route: 'info', status: 503, body: { success: false, error: { message: 'Bridge down' } } }

    it('one group: no output holds an unconfirmed link', async () => {
      simulator.injectFault(lostAfterEffect({ drop: true }))
      // The group is learned normally; every info call after the reset fails.
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault(infoDown, 3)
      }
      const result = await run({ retries: '2' })
      expect(result.exitCode).toBe(1)
      expect(simulator.resets).toHaveLength(1)
      expect(linkOutputs(result.outputs)).toEqual({})
      expect(commands(result, 'error')).toEqual([
        expect.stringMatching(
          /^The reset may have taken effect, and the group's live link is unknown: the answer was lost \(.*socket hang up.*\), and reading the link back failed \(Gave up after 3 attempts\. .*HTTP 503: Bridge down\..*\)\. Check the group's invite link in WhatsApp \(or with a dry run\), or run again/
        )
      ])
      expect(visibleText(result)).not.toContain(liveLink())
    })
  })

  describeWithSignals('cancellation during the reset', () => {
    const interruptDuringReset = (signal: NodeJS.Signals) =>
      signalWhen(() => simulator.requestsTo('resetLink').length > 0, signal)

    it('reads the live link back once, within the grace period, and publishes it', async () => {
      const oldLink = liveLink()
      simulator.injectFault(lostAfterEffect({ silent: true }))
      const interruption = interruptDuringReset('SIGINT')
      const result = await run({ timeout: '60' }, interruption)
      const afterSignalMs = Date.now() - interruption.signalledAt()
      expect(simulator.resets).toHaveLength(1)
      expect(result.outputs['invite-link']).toBe(liveLink())
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true, previousInviteLink: oldLink })
      // The live link is read back at once, well within the 3 s grace.
      expect(afterSignalMs).toBeLessThan(READ_BACK_AFTER_CANCEL_MS)
    })

    it("takes Windows' Ctrl+Break (SIGBREAK) as a cancellation too, and publishes the link read back", async () => {
      simulator.injectFault(lostAfterEffect({ silent: true }))
      const ctrlBreak = interruptDuringReset('SIGUSR2')
      const result = await run({ timeout: '60' }, { ...ctrlBreak, nodeArgs: importing(CTRL_BREAK) })
      const afterSignalMs = Date.now() - ctrlBreak.signalledAt()
      expect(result.outputs['invite-link']).toBe(liveLink())
      expect(resultsOf(result)[0]).toMatchObject({ status: 'reset', readBack: true })
      expect(afterSignalMs).toBeLessThan(READ_BACK_AFTER_CANCEL_MS)
    })

    it('reports the outcome as unknown when the read-back does not come in time', async () => {
      simulator.injectFault(lostAfterEffect({ silent: true }))
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault({ route: 'info', silent: true })
      }
      const interruption = interruptDuringReset('SIGTERM')
      const result = await run({ timeout: '60' }, interruption)
      const afterSignalMs = Date.now() - interruption.signalledAt()
      expect(result.exitCode).toBe(1)
      expect(linkOutputs(result.outputs)).toEqual({})
      expect(commands(result, 'error')).toEqual([
        expect.stringMatching(
          /^The reset may have taken effect, and the group's live link is unknown: .*Cancelled during the request/
        )
      ])
      // The read-back is bounded at 3 s; then the step ends at once.
      expect(afterSignalMs).toBeGreaterThanOrEqual(READ_BACK_AFTER_CANCEL_MS)
      expect(afterSignalMs).toBeLessThan(READ_BACK_AFTER_CANCEL_MS + 1500)
    })
  })
})
