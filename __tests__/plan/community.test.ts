import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { linkOutputs, visibleText, commandTexts } from '../helpers/run-action.js'
import { DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'
import {
  COMMUNITY,
  OTHER_COMMUNITY,
  ANNOUNCEMENTS,
  HELP,
  EVENTS,
  JOBS,
  SOLO,
  adminGroup
} from '../helpers/makers-community.js'

interface Result {
  group: string
  alsoNamedBy?: string[]
  groupJid: string
  name?: string
  community?: string
  status: string
  inviteLink?: string
  error?: string
}

/**
 * `community:<JID>` lines, each variant run in process with the real toolkit against the simulator:
 * the community itself, listings that fail or are retried, fail-fast, repeats and refused lines.
 * Backoffs pass on a clock the simulator shares, without waiting. community.e2e.test.ts runs one
 * case of each (a rotation, a dry run, an announcement) through the bundle.
 */
describe('community lines, run in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  let clock: ManualClock

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({
      clock,
      groups: [
        adminGroup(COMMUNITY, 'Makers'),
        adminGroup(ANNOUNCEMENTS, 'Makers'),
        adminGroup(HELP, 'Makers: Help'),
        adminGroup(EVENTS, 'Makers: Events'),
        adminGroup(JOBS, 'Makers: Jobs'),
        adminGroup(SOLO, 'Solo')
      ],
      communities: [
        { jid: COMMUNITY, subgroups: [ANNOUNCEMENTS, HELP, EVENTS, JOBS], announcements: ANNOUNCEMENTS },
        { jid: OTHER_COMMUNITY, subgroups: [EVENTS, SOLO], announcements: SOLO }
      ]
    })
    await simulator.start()
    inputs = simulator.actionInputs()
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string>): Promise<InProcessRun> {
    const result = await runInProcess({ ...inputs, ...overrides }, {}, clock)
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const resultsOf = (result: Pick<InProcessRun, 'outputs'>): Result[] =>
    JSON.parse(result.outputs.results ?? '[]') as Result[]
  const errorsOf = (result: InProcessRun): string[] => commandTexts(result.stdout, 'error')
  const resetJids = (): string[] => simulator.resets.map((reset) => reset.jid)

  it('rotates the community itself only when its JID is a line of its own', async () => {
    const result = await run({ group: `${COMMUNITY}\ncommunity:${COMMUNITY}` })
    expect(result.exitCode).toBeUndefined()
    expect(resetJids()).toEqual([COMMUNITY, HELP, EVENTS, JOBS])
  })

  it("fails a line that cannot be listed with RyzeAPI's message, and the other lines still go", async () => {
    simulator.injectFault({
      route: 'listSubGroups',
      status: 500,
      body: { success: false, error: { message: 'failed to get groups: bridge timeout' } }
    })
    const result = await run({ group: `community:${COMMUNITY}\n${SOLO}`, retries: '0' })
    expect(result.exitCode).toBe(1)
    expect(resetJids()).toEqual([SOLO])
    expect(resultsOf(result)).toEqual([
      {
        group: `community:${COMMUNITY}`,
        community: COMMUNITY,
        status: 'failed',
        error: expect.stringMatching(
          /^RyzeAPI answered HTTP 500: failed to get groups: bridge timeout\..* Nothing was reset\.$/
        )
      },
      expect.objectContaining({ group: SOLO, status: 'reset' })
    ])
    expect(errorsOf(result)).toEqual([
      expect.stringMatching(/^RyzeAPI answered HTTP 500: failed to get groups/),
      expect.stringMatching(/^1 of 2 groups failed\. Each failure has an error annotation of its own/)
    ])
  })

  it('retries a listing that may pass: it is idempotent', async () => {
    simulator.injectFault({ route: 'listSubGroups', drop: true })
    const result = await run({ group: `community:${COMMUNITY}` })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('listSubGroups').map((request) => request.status)).toEqual([0, 200])
    // One backoff, of up to a second, on the clock the client was given.
    expect(clock.sleeps).toEqual([expect.any(Number)])
    expect(clock.sleeps[0]).toBeLessThanOrEqual(1000)
    expect(resetJids()).toEqual([HELP, EVENTS, JOBS])
  })

  it('with fail-fast, resets nothing once a community cannot be listed', async () => {
    simulator.injectFault({
      route: 'listSubGroups',
      status: 400,
      body: { success: false, error: { message: 'invalid community JID: x' } }
    })
    const result = await run({
      group: `${SOLO}\ncommunity:${COMMUNITY}\ncommunity:${OTHER_COMMUNITY}`,
      'fail-fast': 'true'
    })
    expect(result.exitCode).toBe(1)
    expect(simulator.resets).toEqual([])
    expect(simulator.requestsTo('listSubGroups')).toHaveLength(1)
    // No link changed, so no output is set; the error and the log say what became of each line.
    expect(linkOutputs(result.outputs)).toEqual({})
    expect(errorsOf(result)).toEqual([
      expect.stringMatching(/^RyzeAPI answered HTTP 400/),
      expect.stringMatching(/^1 of 3 groups failed, 2 were skipped\. Each failure has an error annotation of its own/)
    ])
    expect(result.stdout).toContain(
      `"Solo" (${SOLO}) was skipped. Not attempted: a group could not be learned and fail-fast is set.`
    )
  })

  it('fails a community with no subgroup to rotate, saying why the list may be short', async () => {
    simulator.groups.get(HELP)!.member = false
    simulator.groups.get(EVENTS)!.member = false
    simulator.groups.get(JOBS)!.member = false
    const result = await run({ group: `community:${COMMUNITY}` })
    expect(result.exitCode).toBe(1)
    expect(simulator.resets).toEqual([])
    expect(errorsOf(result)[0]).toContain('a newly linked group can take a few seconds to appear. Nothing was reset.')
  })

  it('rotates a group once when it is met again, on a line of its own or in another community', async () => {
    const result = await run({ group: `community:${COMMUNITY}\n${EVENTS}\ncommunity:${OTHER_COMMUNITY}` })
    expect(result.exitCode).toBeUndefined()
    // EVENTS is rotated once, as the first line that named it; SOLO is the other community's announcements group.
    expect(resetJids()).toEqual([HELP, EVENTS, JOBS])
    expect(resultsOf(result).map(({ group, alsoNamedBy }) => [group, alsoNamedBy])).toEqual([
      [HELP, undefined],
      [EVENTS, [EVENTS, `community:${OTHER_COMMUNITY}`]],
      [JOBS, undefined]
    ])
    expect(result.stdout).toContain(
      `community:${OTHER_COMMUNITY} rotates 1 subgroup: "Makers: Events" (${EVENTS}); the announcements group "Solo" (${SOLO}) is left out.`
    )
  })

  it('refuses a community line that names no JID, before any request', async () => {
    const result = await run({ group: `${SOLO}\ncommunity:makers` })
    expect(result.exitCode).toBe(1)
    expect(simulator.requests).toEqual([])
    expect(errorsOf(result)).toEqual([expect.stringContaining('Input "group" line 2 holds "community:makers"')])
  })

  it('expands, drops repeats, fails an unlisted line, and stops with fail-fast', async () => {
    simulator.injectFault({
      route: 'listSubGroups',
      status: 400,
      body: { success: false, error: { message: 'invalid community JID: x' } }
    })
    const lines = `community:${OTHER_COMMUNITY}\ncommunity:${COMMUNITY}\n${HELP}`
    const result = await run({ group: lines, retries: '0' })
    expect(result.exitCode).toBe(1)
    expect(resetJids()).toEqual([HELP, EVENTS, JOBS])
    expect(resultsOf(result).map(({ group, status }) => [group, status])).toEqual([
      [`community:${OTHER_COMMUNITY}`, 'failed'],
      [HELP, 'reset'],
      [EVENTS, 'reset'],
      [JOBS, 'reset']
    ])

    simulator.injectFault({
      route: 'listSubGroups',
      status: 400,
      body: { success: false, error: { message: 'invalid community JID: x' } }
    })
    const stopped = await run({ group: lines, 'fail-fast': 'true' })
    expect(stopped.exitCode).toBe(1)
    expect(simulator.resets).toHaveLength(3)
    expect(stopped.stdout).toContain(
      `${HELP} was skipped. Not attempted: a group could not be learned and fail-fast is set.`
    )
  })

  it('a dry run after a dropped listing, a nameless subgroup, and an empty community', async () => {
    simulator.groups.get(JOBS)!.subject = ''
    simulator.injectFault({ route: 'listSubGroups', drop: true })
    const result = await run({
      group: `community:${COMMUNITY}\ncommunity:120363406289000300`,
      'dry-run': 'true'
    })
    expect(result.exitCode).toBe(1)
    expect(simulator.resets).toEqual([])
    expect(result.stdout).toContain(
      `::warning title=Attempt 1 of 4 failed (community%3A${COMMUNITY})::Could not reach RyzeAPI`
    )
    expect(result.stdout).toContain(`community:${COMMUNITY} would rotate 3 subgroups:`)
    expect(result.stdout).toContain(`, ${JOBS}; the announcements group`)
    expect(resultsOf(result).map(({ group, status }) => [group, status])).toEqual([
      [HELP, 'dry-run'],
      [EVENTS, 'dry-run'],
      [JOBS, 'dry-run'],
      ['community:120363406289000300', 'failed']
    ])
  })
})
