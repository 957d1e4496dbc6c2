import { afterEach, describe, expect, it } from '@jest/globals'
import type { InProcessRun } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { participantsOf, runOn, sentParticipants as sentTo } from '../helpers/people-runs.js'
import { DEFAULT_GROUP_JID, RyzeSimulator, type SimulatedGroup } from '../simulator/ryze-simulator.js'
import { pendingNow } from '../simulator/ryze-participants.js'
import { ADMIN, LEAKER, requestLid, requestPhone, supportGroup } from '../helpers/support-group.js'

/**
 * Issue #31, rule 1 for people: member lists and join-request listings that lag behind the writes by
 * up to max-lag (5 s, the default, here), as a replica that has not caught up answers them. What
 * the run reports of each person rests on a read that the time rule lets decide, and a listing of
 * join requests shows every request sent through the old link. In process, on a clock shared with
 * the simulator, judged by the simulator's own state.
 */
describe('people read through reads that lag behind the writes', () => {
  const LAG_MS = 5000
  let simulator: RyzeSimulator
  let clock: ManualClock
  const group = (): SimulatedGroup => simulator.groups.get(DEFAULT_GROUP_JID)!
  const sentParticipants = (): string[][] => sentTo(simulator)

  async function start(overrides: Partial<SimulatedGroup> = {}): Promise<void> {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, readLagMs: LAG_MS, groups: [supportGroup(overrides)] })
    await simulator.start()
  }
  afterEach(() => simulator.stop())

  const run = (inputs: Record<string, string>): Promise<InProcessRun> => runOn(simulator, clock, inputs)
  /** Someone asks to join through the leaked link as the reset goes out. */
  const requestAsTheResetGoesOut = (): void => {
    simulator.onRequest = (request) => {
      if (!request.url?.includes('/group/resetLink/')) return
      simulator.meanwhile(DEFAULT_GROUP_JID, (changed) =>
        changed.requests!.push({ jid: requestLid(1), phoneNumber: requestPhone(1) })
      )
    }
  }

  it('rejects a join request sent through the old link just before the reset, which a listing sent at once would not show', async () => {
    await start({ requests: [] })
    requestAsTheResetGoesOut()
    const result = await run({ 'reject-join-requests': 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(pendingNow(group())).toEqual([])
    expect(participantsOf(result)).toEqual([
      { participant: '•••• 1111@lid', action: 'reject', status: 'done', phoneNumber: '+55 •••• 0001' }
    ])
    expect(clock.sleeps).toEqual([LAG_MS])
    expect(result.stdout).not.toContain('No join request is pending.')
    expect(result.stdout).toContain(
      `${DEFAULT_GROUP_JID}: The join requests are listed 5 s (max-lag) after the reset, so that the listing shows every request sent through the old link.`
    )
  })

  it('says no join request is pending only after a listing sent max-lag after the reset shows none', async () => {
    await start({ requests: [] })
    const result = await run({ 'reject-join-requests': 'true' })
    expect(result.exitCode).toBeUndefined()
    const [reset] = simulator.requestsTo('resetLink')
    const [listing] = simulator.requestsTo('requests')
    expect(listing!.arrivedAt - reset!.arrivedAt).toBe(LAG_MS)
    expect(result.stdout).toContain(`${DEFAULT_GROUP_JID}: No join request is pending.`)
  })

  it('with confirm, lists the join requests right after the confirming read, which already shows them all', async () => {
    await start({ requests: [] })
    requestAsTheResetGoesOut()
    const result = await run({ 'reject-join-requests': 'true', confirm: 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(pendingNow(group())).toEqual([])
    // One wait in all: the confirming read's, 2 x max-lag after the reset; the reset took effect max-lag before it.
    expect(clock.sleeps).toEqual([2 * LAG_MS])
    expect(result.stdout).not.toContain('(max-lag) after the reset')
  })

  it('lists the join requests without that wait in a dry run, and after a reset that failed, as the old link still works', async () => {
    await start({ requests: [{ jid: requestLid(1), phoneNumber: null }] })
    const dryRun = await run({ 'reject-join-requests': 'true', 'dry-run': 'true' })
    expect(participantsOf(dryRun)).toEqual([{ participant: '•••• 1111@lid', action: 'reject', status: 'dry-run' }])
    // The dry run's one wait is for the current link (current-link.ts), max-lag after its first read.
    expect(clock.sleeps).toEqual([LAG_MS])
    simulator.injectFault({
      route: 'resetLink',
      status: 403,
      body: { success: false, error: { message: 'Forbidden' } }
    })
    const failed = await run({ 'reject-join-requests': 'true' })
    expect(failed.exitCode).toBe(1)
    expect(participantsOf(failed)).toEqual([{ participant: '•••• 1111@lid', action: 'reject', status: 'done' }])
    expect(clock.sleeps).toEqual([LAG_MS])
  })

  it('calls a removal whose answer was lost done, and sends it once, when member lists lag by max-lag', async () => {
    await start()
    simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
    const result = await run({ remove: LEAKER })
    expect(result.exitCode).toBeUndefined()
    // A read sent max-lag after the call would still list the leaker, and the removal would be sent again.
    expect(sentParticipants()).toEqual([[`${LEAKER}@s.whatsapp.net`]])
    expect(clock.sleeps).toEqual([2 * LAG_MS])
    expect(participantsOf(result)).toEqual([
      { participant: '+55 •••• 0001', action: 'remove', status: 'done', readBack: true }
    ])
  })

  it('calls a demotion whose answer was lost done only once a read 2 x max-lag later shows the admin demoted', async () => {
    await start()
    simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
    const result = await run({ demote: ADMIN })
    expect(result.exitCode).toBeUndefined()
    expect(sentParticipants()).toHaveLength(1)
    expect(group().members!.find((member) => member.jid === `${ADMIN}@s.whatsapp.net`)?.isAdmin).toBe(false)
    expect(clock.sleeps).toEqual([2 * LAG_MS])
    expect(participantsOf(result)).toEqual([
      { participant: '+55 •••• 0002', action: 'demote', status: 'done', readBack: true }
    ])
  })

  it('calls a rejection whose answer was lost done once a listing 2 x max-lag later no longer shows it', async () => {
    await start({ requests: [{ jid: requestLid(1), phoneNumber: null }] })
    simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
    const result = await run({ 'reject-join-requests': 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(sentParticipants()).toHaveLength(1)
    expect(pendingNow(group())).toEqual([])
    expect(clock.sleeps).toEqual([LAG_MS, 2 * LAG_MS])
    expect(participantsOf(result)).toEqual([
      { participant: '•••• 1111@lid', action: 'reject', status: 'done', readBack: true }
    ])
  })
})
