import { afterEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { visibleText } from '../helpers/run-action.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { maskPhoneNumbers } from '../../src/safety/personal-data.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, type SimulatedGroup } from '../simulator/ryze-simulator.js'
import {
  ADMIN,
  BYSTANDER,
  INSTANCE,
  LEAKER,
  LEAKER_LID,
  supportGroup,
  supportMembers
} from '../helpers/support-group.js'

/** A number as the outputs show it: masked, as the log shows it (a later step's env: prints outputs). */
const shown = (number: string): string => maskPhoneNumbers(number)

interface Participant {
  participant: string
  action: string
  status: string
  readBack?: boolean
  error?: string
}

/**
 * Issue #31, items 6 to 8: nobody is reported removed, demoted or rejected on a read that does not
 * show it, the instance's own number is never removed or demoted, and a paginated listing is read to
 * its end. Each case runs in process against the simulator, on a clock it shares, and is judged by
 * the simulator's own state. The instance's own number is among the members, as WhatsApp lists it.
 */
describe('people proven, not believed', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  const group = (): SimulatedGroup => simulator.groups.get(DEFAULT_GROUP_JID)!
  const jids = (): string[] => group().members!.map((member) => member.jid)
  const participantsOf = (result: InProcessRun): Participant[] =>
    (JSON.parse(result.outputs.results!) as Array<{ participants: Participant[] }>)[0]!.participants
  const sentParticipants = (): string[][] =>
    simulator
      .requestsTo('participants')
      .map((request) => (JSON.parse(request.body) as { participants: string[] }).participants)

  async function start(overrides: Partial<SimulatedGroup> = {}): Promise<void> {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups: [supportGroup(overrides)] })
    await simulator.start()
  }
  afterEach(() => simulator.stop())

  async function run(inputs: Record<string, string>): Promise<InProcessRun> {
    const result = await runInProcess({ ...simulator.actionInputs(), retries: '1', ...inputs }, {}, clock)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    // No phone number is printed whole: not in the log or the summary (the results name them as written).
    for (const phone of [LEAKER, ADMIN, INSTANCE]) expect(`${result.stdout}\n${result.summary}`).not.toContain(phone)
    return result
  }

  describe('a member reported removed (or demoted) while still in the group', () => {
    it('does not take a member list by LID without phone numbers as proof that a number is gone', async () => {
      await start({
        listsMembersBy: 'lid',
        members: supportMembers().map((member) => ({ ...member, hidesPhoneNumber: true }))
      })
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      const result = await run({ remove: `${BYSTANDER}\n${LEAKER}` })
      // The plan cannot find a number in a list of LIDs: it says so and sends nothing, and the link is reset.
      expect(result.exitCode).toBe(1)
      expect(jids()).toContain(`${LEAKER}@s.whatsapp.net`)
      expect(participantsOf(result).map((entry) => entry.status)).toEqual(['failed', 'failed'])
      expect(participantsOf(result)[1]!.error).toContain('Input "remove" line 2 names someone not found')
      expect(participantsOf(result)[1]!.error).toContain('Write their LID (…@lid) instead')
      expect(sentParticipants()).toEqual([])
      expect(simulator.resets).toHaveLength(1)
    })

    it('finds a member listed by LID through their phone number, and reads them back by LID', async () => {
      await start({ listsMembersBy: 'lid' })
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      const result = await run({ remove: LEAKER })
      expect(result.exitCode).toBeUndefined()
      expect(jids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      // Sent as the list names them; the lost answer read back (still there), then sent again.
      expect(sentParticipants()).toEqual([[LEAKER_LID], [LEAKER_LID]])
      expect(participantsOf(result)).toEqual([{ participant: shown(LEAKER), action: 'remove', status: 'done' }])
    })

    it('knows a Brazilian number written without its 9th digit as the member it is', async () => {
      await start()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      const result = await run({ remove: '+55 11 9999-0001' })
      expect(result.exitCode).toBeUndefined()
      expect(jids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(sentParticipants()).toEqual([[`${LEAKER}@s.whatsapp.net`], [`${LEAKER}@s.whatsapp.net`]])
      expect(participantsOf(result)).toEqual([{ participant: shown('551199990001'), action: 'remove', status: 'done' }])
    })

    it('never matches answers by position: the super-admin is refused, and an answer that names nobody is read back', async () => {
      await start({ reversesResults: true, unnamedResults: true })
      const result = await run({ remove: `${INSTANCE}\n${LEAKER}` })
      expect(result.exitCode).toBe(1)
      expect(jids()).toContain(`${INSTANCE}@s.whatsapp.net`)
      expect(jids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(sentParticipants()).toEqual([[`${LEAKER}@s.whatsapp.net`]])
      expect(participantsOf(result)).toEqual([
        expect.objectContaining({ participant: shown(INSTANCE), status: 'failed' }),
        { participant: shown(LEAKER), action: 'remove', status: 'done', readBack: true }
      ])
    })

    it('does not take an empty member list, answered after a call, as proof', async () => {
      await start({ emptyMemberListsAfterCall: 5 })
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      const result = await run({ remove: LEAKER })
      expect(jids()).toContain(`${LEAKER}@s.whatsapp.net`)
      expect(result.exitCode).toBe(1)
      expect(participantsOf(result)).toEqual([
        expect.objectContaining({ participant: shown(LEAKER), status: 'unknown' })
      ])
      expect(participantsOf(result)[0]!.error).toContain('empty or shallow')
      expect(result.stdout).toContain('Whether +55 •••• 0001 was removed is unknown')
    })

    it('reads again after an empty member list, and acts on what the next one shows', async () => {
      await start({ emptyMemberListsAfterCall: 1 })
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      const result = await run({ remove: LEAKER })
      expect(result.exitCode).toBeUndefined()
      expect(jids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(participantsOf(result)).toEqual([{ participant: shown(LEAKER), action: 'remove', status: 'done' }])
    })

    it('waits 2 x max-lag before the read that decides a lost removal carried out late, and sends it once', async () => {
      await start()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway', carryOutAfterMs: 4000 })
      const result = await run({ remove: LEAKER, 'max-lag': '5' })
      expect(result.exitCode).toBeUndefined()
      expect(sentParticipants()).toHaveLength(1)
      expect(jids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(clock.sleeps[0]).toBe(10_000)
      expect(participantsOf(result)).toEqual([
        { participant: shown(LEAKER), action: 'remove', status: 'done', readBack: true }
      ])
    })

    it('does not call an admin demoted when a lost demotion is read back in a list that cannot tell', async () => {
      // The admin is found by number; after the lost answer the list names members only by LID.
      await start()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      simulator.onRequest = (request) => {
        if (request.url?.includes('/group/participants/')) group().listsMembersBy = 'lid'
      }
      for (const member of group().members!) member.hidesPhoneNumber = true
      const result = await run({ demote: ADMIN })
      expect(group().members!.find((member) => member.jid === `${ADMIN}@s.whatsapp.net`)!.isAdmin).toBe(true)
      expect(participantsOf(result)).toEqual([
        expect.objectContaining({ participant: shown(ADMIN), status: 'unknown' })
      ])
      expect(participantsOf(result)[0]!.error).toContain('proves nothing')
      expect(result.exitCode).toBe(1)
    })

    it('ends a cancelled run at once, calling what no read decided unknown', async () => {
      await start()
      const controller = new AbortController()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      simulator.onRequest = (request) => {
        if (request.url?.includes('/group/participants/')) controller.abort()
      }
      const result = await runInProcess(
        { ...simulator.actionInputs(), remove: LEAKER, 'max-lag': '60' },
        {},
        clock,
        controller.signal
      )
      expect(result.exitCode).toBe(1)
      // Nothing waited the 2-minute rule out.
      expect(clock.sleeps.every((ms) => ms < 10_000)).toBe(true)
      expect(participantsOf(result)).toEqual([
        expect.objectContaining({ participant: shown(LEAKER), status: 'unknown' })
      ])
    })
  })

  describe("removing or demoting the instance's own number", () => {
    it.each(['remove', 'demote'])(
      'refuses to %s the super-admin, names the line, sends nothing for it, and resets',
      async (input) => {
        await start()
        const result = await run({ [input]: `${ADMIN}\n+55 11 99999-0009` })
        expect(result.exitCode).toBe(1)
        expect(simulator.resets).toHaveLength(1)
        expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${group().inviteCode}`)
        expect(sentParticipants()).toEqual([[`${ADMIN}@s.whatsapp.net`]])
        expect(group().admin && group().superAdmin).toBe(true)
        const refused = participantsOf(result)[1]!
        expect(refused).toMatchObject({ participant: shown(INSTANCE), action: input, status: 'failed' })
        expect(refused.error).toContain(`Input "${input}" line 2 names the group's super-admin`)
        expect(result.stdout).toContain('+55 •••• 0009 was not')
      }
    )
  })

  describe('a paginated join-request listing', () => {
    const requests = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ jid: `30000000000000${index}@lid`, phoneNumber: null }))

    it('reads every page until meta.total, and rejects every request', async () => {
      await start({ requests: requests(5), requestsPerPage: 2 })
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(group().requests).toEqual([])
      expect(participantsOf(result)).toHaveLength(5)
      expect(
        simulator.requestsTo('requests').map((request) => new URL(request.rawPath, 'http://x').searchParams.get('page'))
      ).toEqual([null, '2', '3'])
    })

    it('fails, naming how many it could not see, when the pages stop short; rejects what it saw', async () => {
      await start({ requests: requests(5), requestsPerPage: 2, ignoresPage: true })
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBe(1)
      expect(group().requests).toHaveLength(3)
      expect(simulator.resets).toHaveLength(1)
      expect(participantsOf(result).map((entry) => entry.status)).toEqual(['done', 'done', 'failed'])
      expect(participantsOf(result)[2]!.error).toBe(
        'RyzeAPI said 5 join requests are pending but listed only 2. The other 3 could not be seen, so they were not rejected.'
      )
    })

    it('counts a request missing from a complete listing, read under the time rule, as rejected', async () => {
      await start({ requests: requests(3), requestsPerPage: 2 })
      simulator.injectFault({ route: 'participants', afterEffect: true, status: 504, body: 'Gateway Timeout' })
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(simulator.requestsTo('participants')).toHaveLength(1)
      expect(participantsOf(result).every((entry) => entry.status === 'done' && entry.readBack)).toBe(true)
      expect(clock.sleeps).toContain(10_000)
    })
  })
})
