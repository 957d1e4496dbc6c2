import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type RotationSettings, rotateGroups } from '../src/rotation.js'
import { RyzeClient } from '../src/ryze-client.js'
import type { GroupRequest } from '../src/settings.js'
import { DEFAULT_TOKEN, RyzeSimulator, adminGroups, groupJids } from './simulator/ryze-simulator.js'

const jidGroup = (jid: string): GroupRequest => ({ input: jid, identifier: { kind: 'jid', jid } })

describe('rotateGroups against the simulator', () => {
  let simulator: RyzeSimulator
  let client: RyzeClient
  const base: RotationSettings = {
    groups: [],
    dryRun: false,
    failFast: false,
    retries: 0,
    maxWaitMs: 0
  }

  beforeEach(async () => {
    simulator = new RyzeSimulator({ groups: adminGroups(3) })
    client = new RyzeClient({
      baseUrl: new URL(await simulator.start()),
      instance: 'support',
      token: DEFAULT_TOKEN,
      timeoutMs: 2000
    })
  })
  afterEach(() => simulator.stop())

  const code = (jid: string): string => simulator.groups.get(jid)!.inviteCode

  it('learns each group (JID, link, name) before its reset, and resets by JID', async () => {
    const [first] = groupJids(1) as [string]
    const old = code(first)
    const codeGroup: GroupRequest = { input: old, identifier: { kind: 'code', code: old } }
    const [result] = await rotateGroups({ ...base, groups: [codeGroup] }, client)
    expect(result).toEqual({
      group: old,
      groupJid: first,
      name: 'Group 1',
      inviteCode: code(first),
      inviteLink: `https://chat.whatsapp.com/${code(first)}`,
      previousInviteLink: `https://chat.whatsapp.com/${old}`,
      status: 'reset'
    })
    expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
    expect(JSON.parse(simulator.requests[1]!.body)).toEqual({ identifier: first })
    expect(simulator.resets).toEqual([{ jid: first, oldCode: old, newCode: code(first) }])
  })

  it('does not reset a group whose current link cannot be read first', async () => {
    const [first] = groupJids(1) as [string]
    const before = code(first)
    simulator.injectFault({ route: 'info', status: 200, body: { success: true, group: { jid: first } } })
    const [result] = await rotateGroups({ ...base, groups: [jidGroup(first)] }, client)
    expect(result).toMatchObject({ status: 'failed', groupJid: first })
    expect(result).toMatchObject({
      error: 'RyzeAPI reported success but sent neither an invite link nor an invite code. Nothing was reset.'
    })
    expect(code(first)).toBe(before)
    expect(simulator.resets).toEqual([])
  })

  describe('the definitive outcome, in process', () => {
    const lostAfterEffect = { route: 'resetLink', afterEffect: true, drop: true } as const
    const about = (jid: string) => ({
      success: true,
      group: { jid, name: 'Other', inviteLink: `https://chat.whatsapp.com/${code(jid)}` }
    })

    it('publishes the link read back after a lost answer, and notes each retry of the read-back', async () => {
      const [first] = groupJids(1) as [string]
      const notices: string[] = []
      simulator.injectFault(lostAfterEffect)
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault({ route: 'info', status: 503, body: { success: false } })
      }
      const [result] = await rotateGroups({ ...base, groups: [jidGroup(first)] }, client, {
        onRetry: (notice) => notices.push(`${notice.what ?? 'reset'} ${notice.attempt}`)
      })
      expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first) })
      expect(simulator.resets).toHaveLength(1)
      expect(notices).toEqual(['Reading the link back 1'])
    })

    it('confirms the link after a retry that followed an unchanged read-back', async () => {
      const [first] = groupJids(1) as [string]
      simulator.injectFault({ route: 'resetLink', drop: true })
      const [result] = await rotateGroups({ ...base, retries: 1, groups: [jidGroup(first)] }, client)
      expect(result).toMatchObject({ status: 'reset', inviteCode: code(first) })
      expect(result).not.toHaveProperty('readBack')
      expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET', 'POST', 'GET'])
    })

    it('never takes an answer about another group for this one', async () => {
      const [first, other] = groupJids(2) as [string, string]
      simulator.injectFault({ route: 'info', status: 200, body: about(other) })
      const [refused] = await rotateGroups({ ...base, groups: [jidGroup(first)] }, client)
      expect(refused).toMatchObject({ status: 'failed', error: expect.stringContaining('Nothing was reset.') })

      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: true, groupJid: other, inviteCode: 'Abcdef123456' }
      })
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault({ route: 'info', status: 200, body: about(other) })
      }
      const [unknown] = await rotateGroups({ ...base, groups: [jidGroup(first)] }, client)
      expect(unknown).toMatchObject({ status: 'unknown', groupJid: first })
      expect(simulator.resets).toEqual([])
    })

    it('reads back once, bounded, when cancelled during the reset or during the read-back', async () => {
      const [first, second] = groupJids(2) as [string, string]
      const duringReset = new AbortController()
      simulator.injectFault({ route: 'resetLink', afterEffect: true, silent: true })
      simulator.onRequest = (request) => {
        if (request.method === 'POST') setTimeout(() => duringReset.abort(), 50)
      }
      const [cut] = await rotateGroups({ ...base, groups: [jidGroup(first)] }, client, { signal: duringReset.signal })
      expect(cut).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(first) })

      const duringReadBack = new AbortController()
      simulator.injectFault(lostAfterEffect)
      simulator.onRequest = (request) => {
        if (request.method !== 'POST') return
        simulator.injectFault({ route: 'info', silent: true })
        setTimeout(() => duringReadBack.abort(), 100)
      }
      const [late] = await rotateGroups({ ...base, groups: [jidGroup(second)] }, client, {
        signal: duringReadBack.signal
      })
      expect(late).toMatchObject({ status: 'reset', readBack: true, inviteCode: code(second) })
    })

    it('reports the outcome as unknown when the read-back fails too', async () => {
      const [first] = groupJids(1) as [string]
      simulator.injectFault(lostAfterEffect)
      simulator.onRequest = (request) => {
        if (request.method === 'POST') simulator.injectFault({ route: 'info', status: 404, body: { success: false } })
      }
      const [result] = await rotateGroups({ ...base, groups: [jidGroup(first)] }, client)
      expect(result).toMatchObject({
        status: 'unknown',
        previousInviteLink: `https://chat.whatsapp.com/${simulator.resets[0]!.oldCode}`,
        error: expect.stringContaining("the group's live link is unknown")
      })
      expect(result).not.toHaveProperty('inviteLink')
    })
  })

  it('reports each result as it comes, and stops after a cancellation', async () => {
    const controller = new AbortController()
    const seen: string[] = []
    simulator.injectFault({ silent: true, route: 'info' })
    setTimeout(() => controller.abort(), 100)
    const results = await rotateGroups({ ...base, groups: groupJids(3).map(jidGroup) }, client, {
      signal: controller.signal,
      onResult: (result) => seen.push(result.status)
    })
    expect(seen).toEqual(['failed', 'skipped', 'skipped'])
    expect(results[1]).toMatchObject({ error: 'Not attempted: the job was cancelled.' })
  })

  it('passes each retry to the hook with its group', async () => {
    const notices: string[] = []
    simulator.injectFault({ status: 503, body: { success: false, error: { message: 'busy' } }, route: 'resetLink' })
    const [first] = groupJids(1) as [string]
    const [result] = await rotateGroups({ ...base, retries: 1, groups: [jidGroup(first)] }, client, {
      onRetry: (notice, group) => notices.push(`${group.input} ${notice.attempt}`)
    })
    expect(result!.status).toBe('reset')
    expect(notices).toEqual([`${first} 1`])
  })
})
