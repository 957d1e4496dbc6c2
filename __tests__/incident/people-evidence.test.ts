import { afterEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { annotationsOf } from '../helpers/run-action.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { participantsOf, runOn, sentParticipants as sentTo } from '../helpers/people-runs.js'
import { maskPhoneNumbers } from '../../src/safety/personal-data.js'
import { DEFAULT_GROUP_JID, RyzeSimulator, type SimulatedGroup } from '../simulator/ryze-simulator.js'
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
  const sentParticipants = (): string[][] => sentTo(simulator)

  async function start(overrides: Partial<SimulatedGroup> = {}): Promise<void> {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups: [supportGroup(overrides)] })
    await simulator.start()
  }
  afterEach(() => simulator.stop())

  async function run(inputs: Record<string, string>): Promise<InProcessRun> {
    const result = await runOn(simulator, clock, inputs)
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
      expect(annotationsOf(result.stdout)).toEqual([
        {
          level: 'warning',
          title: `Attempt 1 of 2 failed (${DEFAULT_GROUP_JID})`,
          message: expect.stringMatching(
            /^RyzeAPI answered HTTP 502.* The group was read back: it did not take effect for 1 participant\. Retrying in \d\.\d s\.$/
          )
        }
      ])
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
      expect(participantsOf(result)[0]!.error).toMatch(
        /The member list read back 3 times was empty or shallow \(0 members and 0 admins, where 3 were expected\), so it proves nothing\.$/
      )
      expect(result.stdout).toContain('Whether +55 •••• 0001 was removed is unknown')
    })

    it('reads again, a second apart, after empty member lists, and acts on what the third one shows', async () => {
      await start({ emptyMemberListsAfterCall: 2 })
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      const result = await run({ remove: LEAKER })
      expect(result.exitCode).toBeUndefined()
      expect(jids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(participantsOf(result)).toEqual([{ participant: shown(LEAKER), action: 'remove', status: 'done' }])
      // 2 x max-lag before the read-back, a second before each read again, then the backoff before the repeat.
      expect(clock.sleeps.slice(0, 3)).toEqual([10_000, 1000, 1000])
      expect(clock.sleeps).toHaveLength(4)
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
      expect(participantsOf(result)[0]!.error).toMatch(
        /, and no read could tell whether it took effect. The job was cancelled before a read could decide\.$/
      )
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
        expect(result.stdout).toContain(
          `${DEFAULT_GROUP_JID}: Did not ${input} +55 •••• 0009. Input "${input}" line 2 names the group's super-admin`
        )
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
      // Rejecting needs no member list: none is read.
      expect(simulator.requests.filter((request) => request.rawPath.includes('participants=true'))).toEqual([])
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
      expect(participantsOf(result)[2]).toMatchObject({
        participant: '*',
        error:
          'RyzeAPI said 5 join requests are pending but listed only 2. The other 3 could not be seen, so they were not rejected.'
      })
      expect(result.stdout).toContain(`${DEFAULT_GROUP_JID}: ${participantsOf(result)[2]!.error}`)
      expect(result.stdout).not.toContain('No join request is pending.')
      // The second page brought nothing new: the listing stopped there.
      expect(simulator.requestsTo('requests')).toHaveLength(2)
    })

    it('says so, and fails, when RyzeAPI counts pending requests it does not list', async () => {
      await start({ requests: requests(3) })
      simulator.injectFault({
        route: 'requests',
        status: 200,
        body: { success: true, requests: [], meta: { total: 3 } }
      })
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBe(1)
      expect(sentParticipants()).toEqual([])
      expect(result.stdout).not.toContain('No join request is pending.')
      expect(participantsOf(result)).toEqual([
        {
          participant: '*',
          action: 'reject',
          status: 'failed',
          error:
            'RyzeAPI said 3 join requests are pending but listed only 0. The other 3 could not be seen, so they were not rejected.'
        }
      ])
    })

    it('reads no more than 50 pages of a listing that never ends', async () => {
      await start({ requests: requests(60), requestsPerPage: 1 })
      const result = await run({ 'reject-join-requests': 'true' })
      expect(simulator.requestsTo('requests')).toHaveLength(50)
      expect(group().requests).toHaveLength(10)
      expect(participantsOf(result).at(-1)!.error).toBe(
        'RyzeAPI said 60 join requests are pending but listed only 50. The other 10 could not be seen, so they were not rejected.'
      )
    })

    it('counts a request withdrawn before its rejection as done, once a listing under the time rule no longer shows it', async () => {
      await start({ requests: [{ jid: '300000000000000@lid', phoneNumber: null, withdrawnAfterListings: 1 }] })
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(participantsOf(result)).toEqual([
        { participant: '•••• 0000@lid', action: 'reject', status: 'done', readBack: true }
      ])
      // The first listing is sent max-lag after the reset; the one that decides, 2 x max-lag after
      // the call that RyzeAPI refused.
      expect(simulator.requestsTo('requests')).toHaveLength(2)
      expect(clock.sleeps).toEqual([5000, 10_000])
      // The read proves the request is gone, not that this run rejected it: the log and summary say so.
      expect(result.stdout).toContain(
        `${DEFAULT_GROUP_JID}: The join request of •••• 0000@lid is no longer pending, as a listing read back shows.`
      )
      expect(result.summary).toContain('the join request of •••• 0000@lid no longer pending &#40;read back&#41;')
      expect(`${result.stdout}\n${result.summary}`).not.toMatch(/Rejected the join request|answer lost/)
    })

    it('calls a refused rejection unknown, saying RyzeAPI did not reject it, when no listing can be read back', async () => {
      await start({ requests: [{ jid: '300000000000000@lid', phoneNumber: null, withdrawnAfterListings: 1 }] })
      simulator.onRequest = (request) => {
        if (request.url?.includes('/group/participants/'))
          simulator.injectFault({ route: 'requests', status: 502, body: 'Bad Gateway' }, 3)
      }
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBe(1)
      expect(participantsOf(result)).toEqual([
        expect.objectContaining({ participant: '•••• 0000@lid', action: 'reject', status: 'unknown' })
      ])
      expect(participantsOf(result)[0]!.error).toMatch(
        /^RyzeAPI did not reject it, and no read could tell whether it took effect\. /
      )
    })

    it('sends a rejection again when the listing read back after its lost answer still shows the request', async () => {
      await start({ requests: requests(1) })
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(sentParticipants()).toHaveLength(2)
      expect(group().requests).toEqual([])
      expect(participantsOf(result)).toEqual([{ participant: '•••• 0000@lid', action: 'reject', status: 'done' }])
    })

    it('calls a rejection unknown when the listing read back after its lost answer stops short', async () => {
      await start({ requests: requests(3), requestsPerPage: 2 })
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      // After the lost answer, the listing shows its first page only: the third request cannot be seen.
      simulator.onRequest = (request) => {
        if (request.url?.includes('/group/participants/')) group().ignoresPage = true
      }
      const result = await run({ 'reject-join-requests': 'true' })
      expect(result.exitCode).toBe(1)
      // The two it still lists are sent again; the third is neither sent again nor called rejected.
      expect(sentParticipants().map((sent) => sent.length)).toEqual([3, 2])
      expect(participantsOf(result).map((entry) => entry.status)).toEqual(['done', 'done', 'unknown'])
      expect(participantsOf(result)[2]!.error).toMatch(
        /, and the listing read back showed only 2 of 3 pending join requests\.$/
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

  describe("each person's outcome, as the log and the results tell it", () => {
    const JID = DEFAULT_GROUP_JID
    const linesOf = (result: InProcessRun): string[] => result.stdout.split('\n')
    const answer = (results: object[]) => ({
      route: 'participants' as const,
      status: 200,
      body: { success: true, message: 'Participants updated', results }
    })

    it('logs every change under the group, in its own words, and reports each person as written', async () => {
      await start({
        requests: [
          { jid: '300000000000001@lid', phoneNumber: '5511999990004' },
          { jid: '300000000000002@lid', phoneNumber: null }
        ]
      })
      const result = await run({
        // The group given by its link: the log still names it by its JID.
        group: `https://chat.whatsapp.com/${group().inviteCode}`,
        demote: ADMIN,
        remove: `${LEAKER}\n${BYSTANDER}`,
        'reject-join-requests': 'true'
      })
      expect(result.exitCode).toBeUndefined()
      expect(linesOf(result)).toEqual(
        expect.arrayContaining([
          `${JID}: Demoted +55 •••• 0002.`,
          `${JID}: Removed +55 •••• 0001.`,
          `${JID}: Removed +55 •••• 0003.`,
          `${JID}: Rejected the join request of •••• 0001@lid.`,
          `${JID}: Rejected the join request of •••• 0002@lid.`
        ])
      )
      expect(participantsOf(result)).toEqual([
        { participant: shown(ADMIN), action: 'demote', status: 'done' },
        { participant: shown(LEAKER), action: 'remove', status: 'done' },
        { participant: shown(BYSTANDER), action: 'remove', status: 'done' },
        { participant: '•••• 0001@lid', action: 'reject', status: 'done', phoneNumber: shown('5511999990004') },
        { participant: '•••• 0002@lid', action: 'reject', status: 'done' }
      ])
      // Only demote and remove need the members: the join requests are listed, not the members.
      expect(simulator.requests.filter((request) => request.rawPath.includes('participants=true'))).toHaveLength(1)
    })

    it('names the group as its line does when RyzeAPI gives no JID for it', async () => {
      await start({ jidForm: 'omitted' })
      const link = `https://chat.whatsapp.com/${group().inviteCode}`
      const result = await run({ group: link, remove: LEAKER })
      expect(result.exitCode).toBeUndefined()
      expect(linesOf(result)).toContain(`${link}: Removed +55 •••• 0001.`)
    })

    it('says in a dry run what it would do to each person, in words for each action', async () => {
      await start({ requests: [{ jid: '300000000000001@lid', phoneNumber: null }] })
      const result = await run({ demote: ADMIN, remove: LEAKER, 'reject-join-requests': 'true', 'dry-run': 'true' })
      expect(result.exitCode).toBeUndefined()
      expect(linesOf(result)).toEqual(
        expect.arrayContaining([
          `${JID}: Would demote +55 •••• 0002 (dry run).`,
          `${JID}: Would remove +55 •••• 0001 (dry run).`,
          `${JID}: Would reject the join request of •••• 0001@lid (dry run).`
        ])
      )
    })

    it.each([
      [
        'demote',
        ADMIN,
        "Demoting needs the instance's WhatsApp number to be a super-admin of the group (its creator, or promoted by one)."
      ],
      ['remove', LEAKER, "Removing needs the instance's WhatsApp number to be an admin of the group."],
      [
        'reject-join-requests',
        '',
        "Rejecting join requests needs the instance's WhatsApp number to be an admin of the group."
      ]
    ])(
      'when RyzeAPI refuses to %s, says what permission that needs, without reading back',
      async (input, who, needs) => {
        await start({ requests: [{ jid: '300000000000001@lid', phoneNumber: null }] })
        simulator.injectFault({
          route: 'participants',
          status: 403,
          body: { success: false, error: { message: 'Forbidden' } }
        })
        const result = await run(input === 'reject-join-requests' ? { [input]: 'true' } : { [input]: who })
        expect(result.exitCode).toBe(1)
        const [entry] = participantsOf(result)
        expect(entry).toMatchObject({
          status: 'failed',
          error: `RyzeAPI answered HTTP 403: Forbidden. The instance's WhatsApp number must be an admin of the group, and the token must own the instance. ${needs}`
        })
        const verb = { demote: 'demote +55 •••• 0002', remove: 'remove +55 •••• 0001' }[input as 'demote' | 'remove']
        const named = verb ?? 'reject the join request of •••• 0001@lid'
        expect(linesOf(result)).toContain(`${JID}: Did not ${named}. ${entry!.error}`)
        // A refusal took no effect: nothing is read back, and nothing waits but the listing's max-lag after the reset.
        expect(clock.sleeps).toEqual(input === 'reject-join-requests' ? [5000] : [])
      }
    )

    it("keeps RyzeAPI's reason for each person, as a sentence, and masks the numbers in it", async () => {
      await start()
      simulator.injectFault(
        answer([
          {
            participant: `${LEAKER}@s.whatsapp.net`,
            success: false,
            error: `${LEAKER} left the group (WhatsApp code 403.1)`
          },
          { participant: `${BYSTANDER}@s.whatsapp.net`, success: false },
          { participant: `${ADMIN}@s.whatsapp.net`, success: false, error: 'Refused by policy v2.1' }
        ])
      )
      const result = await run({ remove: `${LEAKER}\n${BYSTANDER}\n${ADMIN}` })
      expect(result.exitCode).toBe(1)
      expect(participantsOf(result).map((entry) => [entry.status, entry.error])).toEqual([
        ['failed', '+55 •••• 0001 left the group (WhatsApp code 403.1).'],
        ['failed', 'RyzeAPI gave no reason.'],
        ['failed', 'Refused by policy v2.1.']
      ])
      expect(JSON.stringify(result.outputs)).not.toContain(LEAKER)
      expect(linesOf(result)).toContain(`${JID}: Did not remove +55 •••• 0003. RyzeAPI gave no reason.`)
      // A server's bare words (not starting as a sentence does) go in parentheses, less their last full stop.
      expect(linesOf(result)).toContain(
        `${JID}: Did not remove +55 •••• 0001 (+55 •••• 0001 left the group (WhatsApp code 403.1)).`
      )
      // Answered for each person: nothing to read back, and nothing waits.
      expect(clock.sleeps).toEqual([])
      expect(simulator.requests.filter((request) => request.rawPath.includes('participants=true'))).toHaveLength(1)
    })

    it.each([
      [[{ participant: `${LEAKER}@s.whatsapp.net`, success: true }], '1 participant', ['done', 'failed']],
      [[], '2 participants', ['failed', 'failed']]
    ])(
      'reads back an answer that leaves people out, and fails them saying so (%j)',
      async (results, count, statuses) => {
        await start()
        // The answer is true of whom it names; the others were left alone.
        if (results.length > 0) {
          simulator.onRequest = (request) => {
            if (request.url?.includes('/group/participants/')) group().members!.splice(1, 1)
          }
        }
        simulator.injectFault(answer(results))
        const result = await run({ remove: `${LEAKER}\n${BYSTANDER}` })
        expect(result.exitCode).toBe(1)
        expect(jids()).toContain(`${BYSTANDER}@s.whatsapp.net`)
        const why = `RyzeAPI's answer did not say what became of ${count}. The group was read back: it did not take effect for ${count}.`
        expect(participantsOf(result).map((entry) => entry.status)).toEqual(statuses)
        expect(participantsOf(result)[1]).toMatchObject({ participant: shown(BYSTANDER), error: why })
        expect(linesOf(result)).toContain(`${JID}: Did not remove +55 •••• 0003. ${why}`)
      }
    )

    it("calls a removal done when its repeat meets 'not a participant' and a read shows them gone", async () => {
      await start()
      // The first call's answer is lost; the read-back still lists the member, so it is sent again, and
      // the first call is carried out late, just before the repeat: which meets "not a participant".
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      simulator.onRequest = (request) => {
        if (request.url?.includes('/group/participants/') && simulator.requestsTo('participants').length === 1) {
          group().members = group().members!.filter((member) => member.jid !== `${LEAKER}@s.whatsapp.net`)
        }
      }
      const result = await run({ remove: LEAKER })
      expect(result.exitCode).toBeUndefined()
      expect(sentParticipants()).toHaveLength(2)
      expect(participantsOf(result)).toEqual([
        { participant: shown(LEAKER), action: 'remove', status: 'done', readBack: true }
      ])
      expect(linesOf(result)).toContain(`${JID}: Removed +55 •••• 0001 (the answer was lost; read back).`)
    })

    it("keeps RyzeAPI's reason when a repeat fails and the read still lists the person", async () => {
      await start()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      simulator.injectFault(
        answer([{ participant: `${LEAKER}@s.whatsapp.net`, success: false, error: 'rate limited' }])
      )
      const result = await run({ remove: LEAKER })
      expect(result.exitCode).toBe(1)
      expect(jids()).toContain(`${LEAKER}@s.whatsapp.net`)
      expect(participantsOf(result)).toEqual([
        { participant: shown(LEAKER), action: 'remove', status: 'failed', error: 'rate limited.' }
      ])
      // The read after the lost answer, and one more after the failure: each 2 x max-lag after its write.
      expect(clock.sleeps.filter((ms) => ms === 10_000)).toHaveLength(2)
    })

    it('with max-lag 0, reads a lost removal back at once', async () => {
      await start()
      simulator.injectFault({ route: 'participants', afterEffect: true, status: 502, body: 'Bad Gateway' })
      const result = await run({ remove: LEAKER, 'max-lag': '0' })
      expect(result.exitCode).toBeUndefined()
      expect(participantsOf(result)).toEqual([
        { participant: shown(LEAKER), action: 'remove', status: 'done', readBack: true }
      ])
      expect(clock.sleeps).toEqual([])
    })

    it("fails everyone, sending nothing, when the group's members cannot be read", async () => {
      await start()
      simulator.onRequest = (request) => {
        if (request.url?.includes('participants=true')) {
          simulator.injectFault({
            route: 'info',
            status: 403,
            body: { success: false, error: { message: 'Forbidden' } }
          })
        }
      }
      const result = await run({ demote: ADMIN, remove: LEAKER })
      expect(result.exitCode).toBe(1)
      expect(sentParticipants()).toEqual([])
      expect(simulator.resets).toHaveLength(1)
      const why = expect.stringMatching(
        /^Could not read the group's members, so nothing was sent for them\. RyzeAPI answered HTTP 403: Forbidden\./
      )
      expect(participantsOf(result)).toEqual([
        { participant: shown(ADMIN), action: 'demote', status: 'failed', error: why },
        { participant: shown(LEAKER), action: 'remove', status: 'failed', error: why }
      ])
      expect(linesOf(result)).toContainEqual(
        expect.stringMatching(`^${JID}: Could not read the group's members, so nothing was sent for them. `)
      )
    })

    it('does not call someone removed when the list read back names them only by LID', async () => {
      await start()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      // Found by number; read back, the list names members by LID, the leaker without a number.
      simulator.onRequest = (request) => {
        if (!request.url?.includes('/group/participants/')) return
        group().listsMembersBy = 'lid'
        group().members!.find((member) => member.jid === `${LEAKER}@s.whatsapp.net`)!.hidesPhoneNumber = true
      }
      const result = await run({ remove: LEAKER })
      expect(result.exitCode).toBe(1)
      expect(sentParticipants()).toHaveLength(1)
      expect(participantsOf(result)).toEqual([
        {
          participant: shown(LEAKER),
          action: 'remove',
          status: 'unknown',
          error: expect.stringMatching(
            /^The answer was lost \(.*\), and the member list read back names some members only in another form \(LID or phone number\) than the one this person was found under, so their absence proves nothing\.$/
          )
        }
      ])
    })

    it('does not call an admin demoted who left the group before the read-back', async () => {
      await start()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      simulator.onRequest = (request) => {
        if (request.url?.includes('/group/participants/')) {
          group().members = group().members!.filter((member) => member.jid !== `${ADMIN}@s.whatsapp.net`)
        }
      }
      const result = await run({ demote: ADMIN })
      expect(result.exitCode).toBe(1)
      expect(participantsOf(result)).toEqual([
        {
          participant: shown(ADMIN),
          action: 'demote',
          status: 'unknown',
          error: expect.stringMatching(/, and they are no longer in the member list read back\.$/)
        }
      ])
    })

    it.each([
      [{ jid: `${INSTANCE}@s.whatsapp.net`, isAdmin: true }, '1 member and 1 admin'],
      [{ jid: `${BYSTANDER}@s.whatsapp.net`, isAdmin: false }, '1 member and 0 admins']
    ])('says how shallow the member lists read back were (%j)', async (member, counts) => {
      await start()
      simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway' })
      simulator.onRequest = (request) => {
        if (!request.url?.includes('/group/participants/')) return
        for (let read = 0; read < 3; read++) {
          simulator.injectFault({ route: 'info', status: 200, body: { success: true, participants: [member] } })
        }
      }
      const result = await run({ remove: LEAKER })
      expect(participantsOf(result)[0]!.error).toMatch(
        `The member list read back 3 times was empty or shallow (${counts}, where 3 were expected), so it proves nothing.`
      )
    })
  })
})
