import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { planGroups } from '../../src/plan/plan.js'
import { type RotationHooks, type RotationSettings, rotateGroups } from '../../src/rotation/rotation.js'
import { RyzeClient } from '../../src/ryze/ryze-client.js'
import type { GroupLine, GroupRequest } from '../../src/inputs/settings.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { DEFAULT_TOKEN, RyzeSimulator, adminGroups, groupJids } from '../simulator/ryze-simulator.js'

const jidGroup = (jid: string): GroupRequest => ({ input: jid, identifier: { kind: 'jid', jid } })
const codeGroup = (code: string, input = code): GroupRequest => ({ input, identifier: { kind: 'code', code } })

/** A lag short enough for tests, long enough that a read within it is a different moment. */
const LAG_MS = 400

describe('rotateGroups against the simulator', () => {
  let simulator: RyzeSimulator
  let client: RyzeClient
  /** The simulator's and the rotation's time: lags, backoffs and late resets pass without waiting. */
  let clock: ManualClock
  const base: Omit<RotationSettings, 'groups'> = {
    dryRun: false,
    failFast: false,
    retries: 0,
    maxWaitMs: 0,
    maxLagMs: LAG_MS
  }

  const start = async (options: ConstructorParameters<typeof RyzeSimulator>[0] = {}): Promise<void> => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ groups: adminGroups(3), clock, ...options })
    client = new RyzeClient(
      {
        baseUrl: new URL(await simulator.start()),
        instance: 'support',
        token: DEFAULT_TOKEN,
        timeoutMs: 2000
      },
      undefined,
      clock
    )
  }
  beforeEach(() => start())
  afterEach(() => simulator.stop())

  /** The plan, then the rotation, as main.ts runs them. */
  const rotate = async (lines: GroupLine[], settings: Partial<RotationSettings> = {}, hooks: RotationHooks = {}) => {
    const options = { ...base, ...settings }
    const groups = await planGroups(lines, client, {
      policy: options,
      dryRun: options.dryRun,
      failFast: options.failFast,
      signal: hooks.signal
    })
    return rotateGroups({ ...options, groups }, client, hooks)
  }
  const code = (jid: string): string => simulator.groups.get(jid)!.inviteCode
  const link = (inviteCode: string): string => `https://chat.whatsapp.com/${inviteCode}`
  const resetsOf = (jid: string) => simulator.resets.filter((reset) => reset.jid === jid)

  it('learns each group (JID, link, name) before its reset, and resets by JID', async () => {
    const [first] = groupJids(1) as [string]
    const old = code(first)
    const [result] = await rotate([codeGroup(old)])
    expect(result).toEqual({
      group: old,
      groupJid: first,
      name: 'Group 1',
      inviteCode: code(first),
      inviteLink: link(code(first)),
      previousInviteLink: link(old),
      status: 'reset'
    })
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
    expect(JSON.parse(simulator.requests[1]!.body)).toEqual({ identifier: first })
    expect(simulator.resets).toEqual([{ jid: first, oldCode: old, newCode: code(first) }])
  })

  it('learns every group before it resets any', async () => {
    const jids = groupJids(3)
    await rotate(jids.map(jidGroup))
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'GET', 'POST', 'POST', 'POST'])
  })

  it('does not reset a group whose current link cannot be read first', async () => {
    const [first] = groupJids(1) as [string]
    const before = code(first)
    simulator.injectFault({ route: 'info', status: 200, body: { success: true, group: { jid: first } } })
    const [result] = await rotate([jidGroup(first)])
    expect(result).toMatchObject({
      status: 'failed',
      groupJid: first,
      error: 'RyzeAPI reported success but sent neither an invite link nor an invite code. Nothing was reset.'
    })
    expect(code(first)).toBe(before)
    expect(simulator.resets).toEqual([])
  })

  describe('one group, one revocation', () => {
    it('rotates a group named by its link, its code and its JID once, and says which lines named it', async () => {
      const [first, second] = groupJids(2) as [string, string]
      const old = code(first)
      const results = await rotate([
        jidGroup(first),
        codeGroup(old, link(old)),
        jidGroup(second),
        codeGroup(old),
        jidGroup(first)
      ])
      expect(resetsOf(first)).toHaveLength(1)
      expect(results).toHaveLength(2)
      expect(results[0]).toMatchObject({
        group: first,
        alsoNamedBy: [link(old), old, first],
        status: 'reset',
        inviteCode: code(first)
      })
      expect(results[1]).toMatchObject({ group: second, status: 'reset', inviteCode: code(second) })
    })

    it('refuses a line given by code when RyzeAPI answers about a group with another code, and resets nothing for it', async () => {
      const [first, other] = groupJids(2) as [string, string]
      const given = code(first)
      simulator.injectFault({
        route: 'info',
        status: 200,
        body: { success: true, group: { jid: other, name: 'Other', inviteLink: link(code(other)) } }
      })
      const [result] = await rotate([codeGroup(given)])
      expect(result).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('whose invite code is not the one given')
      })
      expect(simulator.resets).toEqual([])
    })

    it('never takes an answer about another group for this one', async () => {
      const [first, other] = groupJids(2) as [string, string]
      const about = { success: true, group: { jid: other, name: 'Other', inviteLink: link(code(other)) } }
      simulator.injectFault({ route: 'info', status: 200, body: about })
      const [refused] = await rotate([jidGroup(first)])
      expect(refused).toMatchObject({ status: 'failed', error: expect.stringContaining('Nothing was reset.') })
      expect(simulator.resets).toEqual([])
    })
  })

  describe('only provably live links', () => {
    const lostAfterEffect = { route: 'resetLink', afterEffect: true, status: 502, body: 'Bad Gateway' } as const

    it('reads again while reads lag, and publishes the new link, not the revoked one', async () => {
      await simulator.stop()
      await start({ readLagMs: 150 })
      const [first] = groupJids(1) as [string]
      const old = code(first)
      simulator.injectFault(lostAfterEffect)
      const [result] = await rotate([jidGroup(first)], { retries: 2 })
      expect(resetsOf(first)).toHaveLength(1)
      expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first) })
      expect(result).not.toMatchObject({ inviteCode: old })
    })

    it('publishes nothing when reads lag past max-lag: the outcome is unknown, not the old link', async () => {
      await simulator.stop()
      await start({ readLagMs: 5000 })
      const [first] = groupJids(1) as [string]
      simulator.injectFault(lostAfterEffect)
      const [result] = await rotate([jidGroup(first)], { retries: 0 })
      // The read showed the old code until max-lag passed: as far as the run can tell, nothing changed.
      expect(resetsOf(first)).toHaveLength(1)
      expect(result).toMatchObject({ status: 'failed' })
      expect(result).not.toHaveProperty('inviteLink')
      expect((result as { error: string }).error).not.toMatch(/nothing was reset/i)
    })

    it('finds a reset carried out late, within max-lag, instead of resetting again', async () => {
      const [first] = groupJids(1) as [string]
      simulator.injectFault({ route: 'resetLink', status: 502, body: 'Bad Gateway', carryOutAfterMs: 150 })
      const [result] = await rotate([jidGroup(first)], { retries: 2 })
      expect(resetsOf(first)).toHaveLength(1)
      expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first) })
    })

    it('after a late reset and retries refused with 429, publishes the link it finally reads, never "Nothing was reset"', async () => {
      const [first] = groupJids(1) as [string]
      const limited = {
        route: 'resetLink',
        status: 429,
        body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } },
        headers: { 'retry-after': '1' }
      } as const
      // Carried out after max-lag, while the retries wait out the 429s: only the last read can see it.
      simulator.injectFault({ route: 'resetLink', drop: true, carryOutAfterMs: LAG_MS + 200 })
      simulator.injectFault(limited, 2)
      const [result] = await rotate([jidGroup(first)], { retries: 2, maxWaitMs: 5000 })
      expect(resetsOf(first)).toHaveLength(1)
      expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first) })
    })

    it('confirms the answer by a read once the lag has passed, and publishes what is then live', async () => {
      const [first] = groupJids(1) as [string]
      // The first attempt is lost and reads back unchanged; it is carried out late, just after the retry's answer.
      simulator.injectFault({ route: 'resetLink', drop: true })
      let resets = 0
      simulator.onRequest = (request) => {
        if (request.method === 'POST' && ++resets === 2) simulator.later(100, () => simulator.resetNow(first))
      }
      const [result] = await rotate([jidGroup(first)], { retries: 1 })
      expect(resetsOf(first)).toHaveLength(2)
      expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first), resetRequests: 2 })
    })

    it('reports unknown, never the answer, when every confirming read fails', async () => {
      const [first] = groupJids(1) as [string]
      simulator.injectFault({ route: 'resetLink', drop: true })
      let resets = 0
      simulator.onRequest = (request) => {
        if (request.method === 'POST' && ++resets === 2) {
          simulator.injectFault({ route: 'info', status: 404, body: { success: false } }, 10)
        }
      }
      const [result] = await rotate([jidGroup(first)], { retries: 1 })
      expect(result).toMatchObject({
        status: 'unknown',
        error: expect.stringContaining("the group's live link is unknown")
      })
      expect(result).not.toHaveProperty('inviteLink')
    })

    it('does not call an answer that repeats the code from before a revocation', async () => {
      const [first] = groupJids(1) as [string]
      const old = code(first)
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: true, groupJid: first, inviteCode: old, inviteLink: link(old) }
      })
      const [result] = await rotate([jidGroup(first)], { retries: 2 })
      expect(simulator.resets).toEqual([])
      expect(result).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('the invite code from before it')
      })
      expect(result).not.toHaveProperty('inviteLink')
    })

    it('publishes the link read back after a lost answer, and notes each retry of the read-back', async () => {
      const [first] = groupJids(1) as [string]
      const notices: string[] = []
      simulator.injectFault({ ...lostAfterEffect, status: undefined, body: undefined, drop: true })
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault({ route: 'info', status: 503, body: { success: false } })
      }
      const [result] = await rotate(
        [jidGroup(first)],
        {},
        {
          onRetry: (notice) => notices.push(`${notice.what ?? 'reset'} ${notice.attempt}`)
        }
      )
      expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first) })
      expect(simulator.resets).toHaveLength(1)
      expect(notices).toEqual(['Reading the link back 1'])
    })

    it('never takes a reset answer about another group: the group is read back, and its link stands', async () => {
      const [first, other] = groupJids(2) as [string, string]
      const before = code(first)
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: true, groupJid: other, inviteCode: 'Abcdef123456' }
      })
      const [result] = await rotate([jidGroup(first)], { retries: 2 })
      expect(simulator.resets).toEqual([])
      expect(code(first)).toBe(before)
      expect(result).toMatchObject({ status: 'failed', error: expect.stringContaining(`another group (${other})`) })
      expect(result).not.toHaveProperty('inviteLink')
    })

    it('reads back once, bounded, when cancelled during the reset', async () => {
      const [first] = groupJids(1) as [string]
      const duringReset = new AbortController()
      simulator.injectFault({ route: 'resetLink', afterEffect: true, silent: true })
      simulator.onRequest = (request) => {
        if (request.method === 'POST') setTimeout(() => duringReset.abort(), 50)
      }
      const [cut] = await rotate([jidGroup(first)], {}, { signal: duringReset.signal })
      expect(cut).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first) })
    })

    it('reports unknown when cancelled during the read-back before any read could show the outcome', async () => {
      const [second] = groupJids(2).slice(1) as [string]
      const duringReadBack = new AbortController()
      simulator.injectFault({ route: 'resetLink', drop: true })
      simulator.onRequest = (request) => {
        if (request.method !== 'POST') return
        simulator.injectFault({ route: 'info', silent: true })
        setTimeout(() => duringReadBack.abort(), 100)
      }
      const [late] = await rotate([jidGroup(second)], {}, { signal: duringReadBack.signal })
      expect(late).toMatchObject({ status: 'unknown' })
      expect(late).not.toHaveProperty('inviteLink')
    })
  })

  it('reports each result as it comes, and stops after a cancellation', async () => {
    const controller = new AbortController()
    const seen: string[] = []
    simulator.injectFault({ silent: true, route: 'info' })
    setTimeout(() => controller.abort(), 100)
    const results = await rotate(
      groupJids(3).map(jidGroup),
      {},
      {
        signal: controller.signal,
        onResult: (result) => seen.push(result.status)
      }
    )
    expect(seen).toEqual(['failed', 'skipped', 'skipped'])
    expect(results[1]).toMatchObject({ error: 'Not attempted: the job was cancelled.' })
    expect(simulator.resets).toEqual([])
  })

  it('passes each retry to the hook with its group', async () => {
    const notices: string[] = []
    simulator.injectFault({ status: 503, body: { success: false, error: { message: 'busy' } }, route: 'resetLink' })
    const [first] = groupJids(1) as [string]
    const [result] = await rotate(
      [jidGroup(first)],
      { retries: 1 },
      {
        onRetry: (notice, group) => notices.push(`${group.input} ${notice.attempt}`)
      }
    )
    expect(result!.status).toBe('reset')
    expect(notices).toEqual([`${first} 1`])
  })
})
