import { afterEach, describe, expect, it } from '@jest/globals'
import { type ActionRun, runAction, visibleText } from '../helpers/run-action.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  RyzeSimulator,
  type SimulatorOptions,
  adminGroups
} from '../simulator/ryze-simulator.js'

interface Result {
  status: string
  inviteLink?: string
  readBack?: boolean
}

/**
 * Issue #31 through the bundle, as the runner runs it, in real time: the time rule and confirm, whose
 * code loads on demand (a chunk of dist/), decide what is published. The in-process variants, on a
 * clock the simulator shares, are in time-rule-links.test.ts.
 */
describe('the bundled action under the time rule', () => {
  let simulator: RyzeSimulator
  afterEach(() => simulator.stop())

  async function run(inputs: Record<string, string> = {}): Promise<ActionRun> {
    const result = await runAction({ ...simulator.actionInputs(), 'max-lag': '0.3', ...inputs })
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }
  async function start(options: SimulatorOptions = {}): Promise<void> {
    simulator = new RyzeSimulator(options)
    await simulator.start()
  }
  const live = (): string => `https://chat.whatsapp.com/${simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode}`
  const resultsOf = (result: ActionRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]

  it('a lost answer read with a lag beyond max-lag (but under twice it): read back once the rule allows, one reset', async () => {
    await start({ readLagMs: 500 })
    simulator.injectFault({ route: 'resetLink', afterEffect: true, drop: true })
    const result = await run({ retries: '1' })
    expect(simulator.resets).toHaveLength(1)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['invite-link']).toBe(live())
    expect(resultsOf(result)).toEqual([expect.objectContaining({ status: 'reset', readBack: true })])
  })

  it('confirm: a server that assigned the link twice has its live link published, never its answer', async () => {
    await start()
    simulator.injectFault({ route: 'resetLink', reassignAfterMs: 200 })
    const result = await run({ confirm: 'true' })
    expect(simulator.resets).toHaveLength(2)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['invite-link']).toBe(live())
    expect(visibleText(result)).not.toContain(simulator.resets[0]!.newCode)
  })

  it('confirm on three groups waits 2 x max-lag once: each read 2 x max-lag after its reset, all within twice that', async () => {
    const groups = adminGroups(3)
    await start({ groups })
    const result = await run({ confirm: 'true', 'max-lag': '0.5', group: groups.map((group) => group.jid).join('\n') })
    expect(result.exitCode).toBe(0)
    const results = resultsOf(result)
    expect(results.map((entry) => entry.inviteLink)).toEqual(
      groups.map((group) => `https://chat.whatsapp.com/${simulator.groups.get(group.jid)!.inviteCode}`)
    )
    const resets = simulator.requestsTo('resetLink')
    const reads = simulator.requestsTo('info').slice(groups.length)
    expect(reads).toHaveLength(3)
    // Bounded below: no read before 2 x max-lag (1 s) has passed since its own reset left the action; the
    // simulator sees the reset arrive a little after it left (its transit, allowed 20 ms here).
    reads.forEach((read, index) => expect(read.arrivedAt - resets[index]!.arrivedAt).toBeGreaterThanOrEqual(980))
    // Bounded above: the waits overlap; one after the other they would take 3 s.
    expect(reads.at(-1)!.arrivedAt - resets[0]!.arrivedAt).toBeLessThan(2000)
  })

  it('a reset answered "inviteCode": "undefined" is read back, and the live link published', async () => {
    await start()
    simulator.injectFault({
      route: 'resetLink',
      afterEffect: true,
      status: 200,
      body: { success: true, inviteCode: 'undefined' }
    })
    const result = await run()
    expect(simulator.resets).toHaveLength(1)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['invite-link']).toBe(live())
    expect(visibleText(result)).not.toContain('chat.whatsapp.com/undefined')
  })
})
