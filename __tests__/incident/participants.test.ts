import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { annotationsOf, visibleText } from '../helpers/run-action.js'
import { ManualClock } from '../helpers/manual-clock.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  RyzeSimulator,
  type Endpoint,
  type Fault,
  type SimulatedGroup,
  newInviteCode
} from '../simulator/ryze-simulator.js'

const LEAKER = '5511999990001'
const ADMIN = '5511999990002'
const BYSTANDER = '5511999990003'
const REQUEST_LID = '200000000000001@lid'
const REQUEST_PHONE = '5511999990004'

interface Participant {
  participant: string
  action: string
  status: string
  readBack?: boolean
  error?: string
}

/**
 * The incident steps (remove, demote, reject-join-requests) run in this process with the real
 * toolkit against the simulator over real HTTP, for coverage of the sources; judged by the
 * simulator's state. Backoffs and read-back lags pass on a clock the simulator shares, without
 * waiting. incident.e2e.test.ts runs two cases through the bundle: every step in order, and a lost
 * answer to a removal. Every run keeps the token out of sight.
 */
describe('remove, demote and reject-join-requests, in process', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  const group = () => simulator.groups.get(DEFAULT_GROUP_JID)!

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({
      clock,
      groups: [
        {
          jid: DEFAULT_GROUP_JID,
          subject: 'Support',
          inviteCode: newInviteCode(),
          admin: true,
          member: true,
          superAdmin: true,
          members: [
            { jid: `${LEAKER}@s.whatsapp.net`, isAdmin: false },
            { jid: `${ADMIN}@s.whatsapp.net`, isAdmin: true }
          ],
          requests: [{ jid: REQUEST_LID, phoneNumber: null }]
        }
      ]
    })
    await simulator.start()
  })
  afterEach(() => simulator.stop())

  async function run(inputs: Record<string, string>): Promise<InProcessRun> {
    const result = await runInProcess({ ...simulator.actionInputs(), retries: '1', ...inputs }, {}, clock)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }
  const badGateway = (route: Endpoint): Fault => ({
    route,
    status: 502,
    body: { success: false, error: { message: 'bad gateway' } }
  })
  const participantsOf = (outputs: Record<string, string>): Participant[] =>
    (JSON.parse(outputs.results!) as Array<{ participants: Participant[] }>)[0]!.participants

  it('does every step, and reports each participant', async () => {
    const result = await run({ remove: LEAKER, demote: ADMIN, 'reject-join-requests': 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(group().members).toEqual([{ jid: `${ADMIN}@s.whatsapp.net`, isAdmin: false }])
    expect(group().requests).toEqual([])
    expect(participantsOf(result.outputs).map((entry) => entry.status)).toEqual(['done', 'done', 'done'])
    expect(result.summary).toContain('the join request of •••• 0001@lid rejected')
    // The log tells events in the order they happened: remove, reset, then the join requests rejected after it.
    const lines = result.stdout.split('\n')
    const at = (text: string): number => lines.findIndex((line) => line.includes(text))
    expect(at('Reset the invite link of')).toBeGreaterThan(at('Removed +55 •••• 0001'))
    expect(at('Removed +55 •••• 0001')).toBeGreaterThan(-1)
    expect(at('Rejected the join request of •••• 0001@lid')).toBeGreaterThan(at('Reset the invite link of'))
  })

  it('after a lost answer and a failed read-back, says the outcome is unknown and sends nothing twice', async () => {
    // The group and its members are read first; then the removal's answer is lost, and every read-back fails.
    let removalSent = false
    simulator.onRequest = (request) => {
      removalSent ||= request.url?.includes('/group/participants/') ?? false
      if (removalSent && request.url?.includes('participants=true')) {
        simulator.injectFault({ route: 'info', status: 500, body: { success: false, error: { message: 'down' } } })
      }
    }
    simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
    const result = await run({ remove: LEAKER })
    expect(simulator.requestsTo('participants')).toHaveLength(1)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('Whether +55 •••• 0001 was removed is unknown')
  })

  it('says why no read-back could decide in a sentence of its own, when the read is refused at once', async () => {
    let removalSent = false
    simulator.onRequest = (request) => {
      removalSent ||= request.url?.includes('/group/participants/') ?? false
      if (removalSent && request.url?.includes('participants=true'))
        simulator.injectFault({ route: 'info', status: 403, body: { success: false, error: { message: 'Forbidden' } } })
    }
    simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
    // runInProcess checks the messages: "took effect: RyzeAPI answered HTTP 403: …" would chain two colons.
    const result = await run({ remove: LEAKER })
    expect(result.exitCode).toBe(1)
    expect(participantsOf(result.outputs)).toEqual([expect.objectContaining({ status: 'unknown' })])
    expect(result.stdout).toContain('no read could tell whether it took effect. RyzeAPI answered HTTP 403')
    expect(simulator.requestsTo('participants')).toHaveLength(1)
  })

  it('retries only what a read-back shows was not done', async () => {
    // The answer is lost before anything is done: the member is still there, so it is sent again.
    simulator.injectFault(badGateway('participants'))
    const result = await run({ remove: LEAKER })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('participants')).toHaveLength(2)
    // The read-back waits 2 x max-lag (5 s by default) after the lost answer (time-rule.ts), then one
    // backoff of up to a second, all on the clock the client was given.
    expect(clock.sleeps).toEqual([10_000, expect.any(Number)])
    expect(clock.sleeps[1]).toBeLessThanOrEqual(1000)
    expect(group().members!.map((member) => member.jid)).toEqual([`${ADMIN}@s.whatsapp.net`])
  })

  it("waits before reading the members back again, on the run's clock", async () => {
    // The removal is carried out and its answer lost; the first read-back then meets a 502.
    let readBackFault = false
    simulator.onRequest = (request) => {
      if (!readBackFault && request.url?.includes('/group/participants/')) {
        readBackFault = true
        simulator.injectFault(badGateway('info'))
      }
    }
    simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
    const result = await run({ remove: LEAKER })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('participants')).toHaveLength(1)
    expect(participantsOf(result.outputs)).toEqual([
      { participant: '+55 •••• 0001', action: 'remove', status: 'done', readBack: true }
    ])
    // 2 x max-lag before the read-back (time-rule.ts), then one backoff of up to a second.
    expect(clock.sleeps).toEqual([10_000, expect.any(Number)])
    expect(clock.sleeps[1]).toBeLessThanOrEqual(1000)
    // A read that decides gets two retries, even when the retries input allows one.
    expect(annotationsOf(result.stdout)).toEqual([
      expect.objectContaining({ title: `Reading the members, attempt 1 of 3 failed (${DEFAULT_GROUP_JID})` })
    ])
  })

  it("waits before listing the join requests again, on the run's clock", async () => {
    simulator.injectFault(badGateway('requests'))
    const result = await run({ 'reject-join-requests': 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('requests')).toHaveLength(2)
    expect(group().requests).toEqual([])
    // max-lag (5 s by default) after the reset, for a listing that shows every request; then one backoff.
    expect(clock.sleeps).toEqual([5000, expect.any(Number)])
    expect(annotationsOf(result.stdout)).toEqual([
      expect.objectContaining({ title: `Listing the join requests, attempt 1 of 3 failed (${DEFAULT_GROUP_JID})` })
    ])
    expect(clock.sleeps[1]).toBeLessThanOrEqual(1000)
  })

  it('fails every participant of a refused call, with the permission it needs', async () => {
    group().superAdmin = false
    const result = await run({ demote: ADMIN })
    expect(result.exitCode).toBe(1)
    expect(participantsOf(result.outputs)[0]).toMatchObject({ status: 'failed' })
    expect(participantsOf(result.outputs)[0]!.error).toContain('super-admin')
    expect(simulator.resets).toHaveLength(1)
  })

  it('fails when the join requests cannot be listed, and rejects none', async () => {
    simulator.injectFault({
      route: 'requests',
      status: 403,
      body: { success: false, error: { message: 'Not authorized' } }
    })
    const result = await run({ 'reject-join-requests': 'true' })
    expect(result.exitCode).toBe(1)
    const why =
      'Could not list the pending join requests, so none was rejected. RyzeAPI answered HTTP 403: Not authorized.'
    expect(participantsOf(result.outputs)).toEqual([
      { participant: '*', action: 'reject', status: 'failed', error: expect.stringMatching(`^${why}`) }
    ])
    expect(result.stdout).toContain(`${DEFAULT_GROUP_JID}: ${why}`)
    expect(group().requests).toHaveLength(1)
  })

  it('fails everyone named when the members cannot be read, sends nothing for them, and resets the link', async () => {
    // The plan's read of the group goes through; the member list's read is refused.
    simulator.onRequest = (request) => {
      if (request.url?.includes('participants=true'))
        simulator.injectFault({ route: 'info', status: 403, body: { success: false, error: { message: 'Forbidden' } } })
    }
    // runInProcess checks the messages too: the reason follows in a sentence of its own, not after a second colon.
    const result = await run({ remove: LEAKER, demote: ADMIN })
    expect(result.exitCode).toBe(1)
    expect(participantsOf(result.outputs).map((entry) => [entry.action, entry.status])).toEqual([
      ['demote', 'failed'],
      ['remove', 'failed']
    ])
    expect(result.stdout).toContain(
      "Could not read the group's members, so nothing was sent for them. RyzeAPI answered HTTP 403"
    )
    expect(simulator.requestsTo('participants')).toHaveLength(0)
    expect(simulator.resets).toHaveLength(1)
  })

  it('lists who would be changed in a dry run, and changes nobody', async () => {
    const result = await run({ remove: LEAKER, 'reject-join-requests': 'true', 'dry-run': 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('participants')).toHaveLength(0)
    expect(result.summary).toContain('would be removed')
  })

  it('says so when no join request is pending', async () => {
    group().requests = []
    const result = await run({ 'reject-join-requests': 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(result.stdout).toContain('No join request is pending.')
    expect(participantsOf(result.outputs)).toEqual([])
  })

  it('reads the pending requests back after a lost answer to a rejection', async () => {
    simulator.injectFault({ route: 'participants', afterEffect: true, status: 504, body: { success: false } })
    const result = await run({ 'reject-join-requests': 'true' })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('participants')).toHaveLength(1)
    expect(participantsOf(result.outputs)).toEqual([
      { participant: '•••• 0001@lid', action: 'reject', status: 'done', readBack: true }
    ])
  })

  it('says that the link was not reset either when the instance is no admin', async () => {
    group().admin = false
    const result = await run({ remove: LEAKER })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('was not removed')
    expect(result.stdout).toContain('The link was not reset.')
    expect(group().members).toHaveLength(2)
  })
})

function groupWith(overrides: Partial<SimulatedGroup> = {}): SimulatedGroup {
  return {
    jid: DEFAULT_GROUP_JID,
    subject: 'Support',
    inviteCode: newInviteCode(),
    admin: true,
    member: true,
    superAdmin: true,
    members: [
      { jid: `${LEAKER}@s.whatsapp.net`, isAdmin: false },
      { jid: `${ADMIN}@s.whatsapp.net`, isAdmin: true },
      { jid: `${BYSTANDER}@s.whatsapp.net`, isAdmin: false }
    ],
    requests: [{ jid: REQUEST_LID, phoneNumber: REQUEST_PHONE }],
    ...overrides
  }
}

/**
 * Cleaning up after a leak with the action's default inputs, in a group with a bystander and a join
 * request that carries a phone number: the variants of incident.e2e.test.ts, run in process. No
 * phone number is printed whole.
 */
describe('cleaning up after a leak, in process', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  const group = (): SimulatedGroup => simulator.groups.get(DEFAULT_GROUP_JID)!
  const memberJids = (): string[] => group().members!.map((member) => member.jid)
  const participantsOf = (result: InProcessRun): Participant[] =>
    (JSON.parse(result.outputs.results!) as Array<{ participants: Participant[] }>)[0]!.participants

  async function start(overrides: Partial<SimulatedGroup> = {}): Promise<void> {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups: [groupWith(overrides)] })
    await simulator.start()
  }
  afterEach(() => simulator.stop())

  async function run(inputs: Record<string, string>): Promise<InProcessRun> {
    const result = await runInProcess({ ...simulator.actionInputs(), ...inputs }, {}, clock)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    // No phone number is printed whole: not in the log, the summary, an annotation or an output.
    const printed = `${result.stdout}\n${result.summary}\n${JSON.stringify(result.outputs)}`
    for (const phone of [LEAKER, ADMIN, REQUEST_PHONE, '200000000000001']) expect(printed).not.toContain(phone)
    return result
  }

  describe('with every permission', () => {
    beforeEach(() => start())

    it('resets the link even when a removal fails, then fails saying who and why', async () => {
      const result = await run({ remove: `${LEAKER}\n5511999990009` })
      expect(result.exitCode).toBe(1)
      // The number the member list does not show is refused before any call: only the leaker is sent.
      expect(
        simulator
          .requestsTo('participants')
          .map((request) => (JSON.parse(request.body) as { participants: string[] }).participants)
      ).toEqual([[`${LEAKER}@s.whatsapp.net`]])
      expect(simulator.resets).toHaveLength(1)
      expect(memberJids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(result.stdout).toContain(
        '+55 •••• 0009 was not removed. Input "remove" line 2 names someone who is not a member of the group, by its member list. Nothing was sent for them. The link was reset all the same: the new link is live.'
      )
      expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${group().inviteCode}`)
    })

    it('changes nobody in a dry run, and lists who would be changed', async () => {
      const result = await run({ remove: LEAKER, demote: ADMIN, 'reject-join-requests': 'true', 'dry-run': 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(simulator.requestsTo('participants')).toHaveLength(0)
      expect(simulator.resets).toHaveLength(0)
      expect(memberJids()).toHaveLength(3)
      expect(participantsOf(result).map((entry) => [entry.action, entry.status])).toEqual([
        ['demote', 'dry-run'],
        ['remove', 'dry-run'],
        ['reject', 'dry-run']
      ])
    })

    it('refuses a malformed participant before any request, naming the input and the line', async () => {
      const result = await run({ remove: `${LEAKER}\nMaria` })
      expect(result.exitCode).toBe(1)
      expect(simulator.requests).toHaveLength(0)
      expect(result.stdout).toContain('Input "remove" line 2 is not a phone number')
      expect(visibleText(result)).not.toContain('Maria')
    })
  })

  it('says that demoting needs a super-admin, and still resets the link', async () => {
    await start({ superAdmin: false })
    const result = await run({ demote: ADMIN })
    expect(result.exitCode).toBe(1)
    expect(group().members!.find((member) => member.jid === `${ADMIN}@s.whatsapp.net`)!.isAdmin).toBe(true)
    expect(simulator.resets).toHaveLength(1)
    expect(result.stdout).toContain('+55 •••• 0002 was not demoted. RyzeAPI answered HTTP 403')
    expect(result.stdout).toContain('super-admin')
  })
})
