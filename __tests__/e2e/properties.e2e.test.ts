import { afterEach, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { type ActionRun, runAction, visibleText } from '../helpers/run-action.js'
import { maskPhoneNumbers } from '../../src/safety/personal-data.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  type Fault,
  RyzeSimulator,
  adminGroups
} from '../simulator/ryze-simulator.js'
import { pendingNow } from '../simulator/ryze-participants.js'
import {
  requestLid,
  requestPhone,
  supportGroup,
  supportMembers,
  wholeForms,
  writings
} from '../helpers/support-group.js'

/**
 * The claims of a run, checked on the built action against server schedules that fast-check draws:
 * reads that lag by a varying amount, answers lost before or after the server acted, requests
 * carried out late, 5xx and 429 answers, and (with `confirm`) a link assigned twice, on one to three
 * groups (two or three with `confirm`), with `max-lag` 0.2 s or 0. Whatever the schedule, the simulator's own record is the
 * judge:
 * - every link the run publishes is the group's live link once the run has ended;
 * - a group is reset at most once per reset request its result reports, and never when its result
 *   says `failed`;
 * - the step succeeds only when every group's new link is known, and a group whose outcome is
 *   unknown has no link published;
 * - the token is never shown.
 * `npm test` runs a few schedules (PROPERTY_RUNS, 6 by default); `npm run test:properties` runs
 * many more. On a failure, fast-check prints the seed and the shrunk schedule to run it again
 * (PROPERTY_SEED, PROPERTY_PATH).
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 6)
// In npm test, stop at the first failing schedule; npm run test:properties shrinks it too.
const SHRINK = process.env.PROPERTY_SHRINK === '1'
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED)
const PATH = process.env.PROPERTY_PATH

interface Result {
  groupJid: string
  status: string
  inviteCode?: string
  inviteLink?: string
  resetRequests?: number
}

/** The declared max-lag, in seconds: short, so that a run that waits it out stays quick; or 0, reads declared current. */
const MAX_LAGS_S = [0, 0.2] as const

/** What the server does with one reset request: the schedule's unit. Late effects stay within the declared lag. */
const faultOf = (lagMs: number, confirm: boolean): fc.Arbitrary<Omit<Fault, 'route'> | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant({ afterEffect: true, drop: true }),
    fc.constant({ drop: true }),
    fc.constant({ afterEffect: true, status: 502, body: '<html>Bad gateway</html>' }),
    fc.constant({ status: 503, body: { success: false, error: { message: 'Instance not connected' } } }),
    fc.constant({ status: 429, body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } } }),
    // Late effects only where a lag is declared: the simulator carries one out on a timer, a few
    // milliseconds after the answer, which is already past a declared lag of 0.
    ...(lagMs > 0
      ? [fc.integer({ min: 0, max: lagMs }).map((carryOutAfterMs) => ({ carryOutAfterMs, drop: true }))]
      : []),
    // A server that assigns a link twice: only `confirm` can see it, so it is drawn only with confirm.
    ...(confirm && lagMs > 0
      ? [fc.integer({ min: 0, max: lagMs }).map((reassignAfterMs) => ({ reassignAfterMs }))]
      : [])
  )

const scheduleOf = fc
  .record({ maxLagS: fc.constantFrom(...MAX_LAGS_S), confirm: fc.boolean() })
  .chain(({ maxLagS, confirm }) =>
    fc.record({
      maxLagS: fc.constant(maxLagS),
      confirm: fc.constant(confirm),
      // With confirm, several groups: their reads, made after every reset, wait for the rule together.
      groups: fc.integer({ min: confirm ? 2 : 1, max: 3 }),
      // Each read's own lag, as replicas that disagree would give: one read may show less than the one before.
      readLags: fc.array(fc.integer({ min: 0, max: maxLagS * 1000 }), { maxLength: 8 }),
      retries: fc.integer({ min: 0, max: 3 }),
      resetFaults: fc.array(faultOf(maxLagS * 1000, confirm), { maxLength: 4 }),
      infoFaults: fc.array(faultOf(0, false), { maxLength: 3 })
    })
  )

type Schedule = typeof scheduleOf extends fc.Arbitrary<infer T> ? T : never

describe('the bundled action under drawn server schedules', () => {
  let simulator: RyzeSimulator | undefined
  afterEach(() => simulator?.stop())

  async function runSchedule(schedule: Schedule): Promise<{ run: ActionRun; results: Result[] }> {
    await simulator?.stop()
    const groups = adminGroups(schedule.groups)
    simulator = new RyzeSimulator({ groups, readLagMs: schedule.maxLagS * 1000 })
    simulator.readLags.push(...schedule.readLags)
    await simulator.start()
    for (const fault of schedule.resetFaults) simulator.injectFault({ route: 'resetLink', ...fault })
    for (const fault of schedule.infoFaults) simulator.injectFault({ route: 'info', ...fault })
    const run = await runAction({
      ...simulator.actionInputs(),
      group: groups.map((group) => group.jid).join('\n'),
      retries: String(schedule.retries),
      'max-lag': String(schedule.maxLagS),
      'max-wait': '2',
      confirm: String(schedule.confirm)
    })
    // A request carried out late lands within max-lag of being sent: wait that out before judging.
    await new Promise((resolve) => setTimeout(resolve, schedule.maxLagS * 1000 + 50))
    return { run, results: JSON.parse(run.outputs.results ?? '[]') as Result[] }
  }

  it(
    'publishes only live links, resets no group more often than it says, and fails whenever a link is unknown',
    async () => {
      await fc.assert(
        fc.asyncProperty(scheduleOf, async (schedule) => {
          const { run, results } = await runSchedule(schedule)
          const sim = simulator!
          const reassigns = schedule.resetFaults.some((fault) => fault?.reassignAfterMs !== undefined)
          expect(visibleText(run)).not.toContain(DEFAULT_TOKEN)
          expect(results).toHaveLength(schedule.groups)
          for (const result of results) {
            const live = sim.groups.get(result.groupJid)!.inviteCode
            const resets = sim.resets.filter((reset) => reset.jid === result.groupJid).length
            if (result.status === 'reset') {
              expect({ jid: result.groupJid, published: result.inviteCode }).toEqual({
                jid: result.groupJid,
                published: live
              })
              // A link assigned twice is the server's doing, not a request of the run's.
              if (!reassigns) expect(resets).toBeLessThanOrEqual(result.resetRequests ?? 1)
            } else {
              expect(result.inviteLink).toBeUndefined()
              if (result.status === 'failed')
                expect({ jid: result.groupJid, resets }).toEqual({ jid: result.groupJid, resets: 0 })
            }
          }
          const allReset = results.every((result) => result.status === 'reset')
          expect({ exitCode: run.exitCode, allReset }).toEqual({ exitCode: allReset ? 0 : 1, allReset })
          if (schedule.groups === 1 && allReset) expect(run.outputs['invite-link']).toBe(results[0]!.inviteLink)
        }),
        { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: !SHRINK }
      )
    },
    30_000 + RUNS * 15_000
  )
})

/*
 * The second property: the incident steps (demote, remove, reject-join-requests) around a reset,
 * under drawn member lists (by phone or by LID only, numbers hidden, empty after a call), answers
 * in the order asked, reversed, shuffled or naming nobody, join requests listed a page at a time
 * (meta.total above a page, a server that ignores `page`) that arrive or are withdrawn while the
 * run lists them, or are sent through the old link as the reset goes out, member lists and listings
 * that lag behind the writes (each read by its own amount, within max-lag), participant calls lost
 * before or after the server acted or carried out late, and reads that fail before or after a call. Each person is named in one of the forms an input takes,
 * the instance's own number (the group's super-admin) among them. The simulator's record judges:
 * nobody reported demoted is still an admin, removed still a member, rejected still pending; a step
 * that succeeds leaves no request sent before the reset pending; the instance stays a member and
 * super-admin; the step fails whenever anyone's outcome is failed or
 * unknown; and no phone number shows whole in the log, the summary or the outputs.
 */

/** The members of supportMembers() by role: who an input may name, the instance's own number among them. */
const WHO = { instance: 0, leaker: 1, admin: 2, bystander: 3 } as const
/** The number of the join request sent as the reset goes out (the drawn ones are 1 to 4). */
const AT_RESET = 9
type Who = keyof typeof WHO

/** Someone an input names, in one of the forms it may take: mostly the first of `who`, whom the action may act on. */
const namedOf = (who: readonly [Who, ...Who[]]) =>
  fc.record({
    who: fc.oneof({ arbitrary: fc.constant(who[0]), weight: 3 }, fc.constantFrom(...who)),
    form: fc.nat(4)
  })

const incidentOf = fc.record({ maxLagS: fc.constantFrom(...MAX_LAGS_S) }).chain(({ maxLagS }) =>
  fc
    .record({
      maxLagS: fc.constant(maxLagS),
      listsMembersBy: fc.constantFrom('phone' as const, 'lid' as const),
      // Listed by LID alone (when the list is by LID): an input must then give their LID.
      hidePhoneNumbers: fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, fc.subarray(Object.keys(WHO) as Who[])),
      answerOrder: fc.constantFrom('asked', 'reversed', 'shuffled', 'unnamed'),
      shuffleSeed: fc.integer(),
      emptyMemberListsAfterCall: fc.integer({ min: 0, max: 2 }),
      demote: fc.uniqueArray(namedOf(['admin', 'instance', 'bystander']), { selector: (n) => n.who, maxLength: 2 }),
      remove: fc.uniqueArray(namedOf(['leaker', 'bystander', 'instance', 'admin']), {
        selector: (n) => n.who,
        maxLength: 2
      }),
      reject: fc.boolean(),
      // Join requests, some sent or withdrawn while the run lists them (counted in listings answered).
      requests: fc.array(
        fc.record({
          hidesPhoneNumber: fc.boolean(),
          arrivesAfterListings: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
          withdrawnAfterListings: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined })
        }),
        { minLength: 1, maxLength: 4 }
      ),
      // One more sent through the old link as the reset goes out: a listing that lags shows it late.
      requestAtReset: fc.boolean(),
      requestsPerPage: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      ignoresPage: fc.boolean(),
      readLags: fc.array(fc.integer({ min: 0, max: maxLagS * 1000 }), { maxLength: 6 }),
      participantFaults: fc.array(faultOf(maxLagS * 1000, false), { maxLength: 3 }),
      listingFaults: fc.array(faultOf(0, false), { maxLength: 2 }),
      // The plan's read of the group comes first, then the member lists: a fault drawn as nothing passes one by.
      infoFaults: fc.array(faultOf(0, false), { maxLength: 2 }),
      // Reads that fail once a participants call has gone out: read-backs that may decide nothing.
      readBackFaults: fc.array(fc.tuple(fc.constantFrom('info' as const, 'requests' as const), faultOf(0, false)), {
        maxLength: 2
      })
    })
    .filter((schedule) => schedule.demote.length + schedule.remove.length > 0 || schedule.reject)
)

type Incident = typeof incidentOf extends fc.Arbitrary<infer T> ? T : never

interface Participant {
  participant: string
  action: 'demote' | 'remove' | 'reject'
  status: string
}

describe('the bundled action removing, demoting and rejecting under drawn server schedules', () => {
  let simulator: RyzeSimulator | undefined
  afterEach(() => simulator?.stop())

  async function runIncident(schedule: Incident): Promise<ActionRun> {
    await simulator?.stop()
    const members = supportMembers()
    for (const who of schedule.hidePhoneNumbers) members[WHO[who]]!.hidesPhoneNumber = true
    const order = {
      asked: {},
      reversed: { reversesResults: true },
      shuffled: { shufflesResults: schedule.shuffleSeed },
      unnamed: { unnamedResults: true }
    }
    simulator = new RyzeSimulator({
      readLagMs: schedule.maxLagS * 1000,
      groups: [
        supportGroup({
          members,
          listsMembersBy: schedule.listsMembersBy,
          ...order[schedule.answerOrder],
          emptyMemberListsAfterCall: schedule.emptyMemberListsAfterCall,
          requests: schedule.requests.map((request, index) => ({
            jid: requestLid(index + 1),
            phoneNumber: request.hidesPhoneNumber ? null : requestPhone(index + 1),
            arrivesAfterListings: request.arrivesAfterListings,
            withdrawnAfterListings: request.withdrawnAfterListings
          })),
          requestsPerPage: schedule.requestsPerPage,
          ignoresPage: schedule.ignoresPage
        })
      ]
    })
    simulator.readLags.push(...schedule.readLags)
    await simulator.start()
    for (const fault of schedule.participantFaults) simulator.injectFault({ route: 'participants', ...fault })
    for (const fault of schedule.listingFaults) simulator.injectFault({ route: 'requests', ...fault })
    for (const fault of schedule.infoFaults) simulator.injectFault({ route: 'info', ...fault })
    let called = false
    simulator.onRequest = (request) => {
      if (schedule.requestAtReset && request.url?.includes('/group/resetLink/'))
        simulator!.meanwhile(DEFAULT_GROUP_JID, (changed) =>
          changed.requests!.push({ jid: requestLid(AT_RESET), phoneNumber: requestPhone(AT_RESET) })
        )
      if (called || !request.url?.includes('/group/participants/')) return
      called = true
      for (const [route, fault] of schedule.readBackFaults) simulator!.injectFault({ route, ...fault })
    }
    const written = (named: Incident['remove']) =>
      named.map(({ who, form }) => writings(supportMembers()[WHO[who]]!)[form]).join('\n')
    const run = await runAction({
      ...simulator.actionInputs(),
      remove: written(schedule.remove),
      demote: written(schedule.demote),
      'reject-join-requests': String(schedule.reject),
      // One retry keeps the backoffs short, and lets a call be sent again; a read gets at least 2.
      retries: '1',
      'max-lag': String(schedule.maxLagS),
      'max-wait': '2'
    })
    // A call carried out late lands within max-lag of being sent: wait that out before judging.
    await new Promise((resolve) => setTimeout(resolve, schedule.maxLagS * 1000 + 50))
    return run
  }

  it(
    'reports nobody removed, demoted or rejected who is not, never touches the instance, fails on any doubt, and never shows a number whole',
    async () => {
      await fc.assert(
        fc.asyncProperty(incidentOf, async (schedule) => {
          const run = await runIncident(schedule)
          const group = simulator!.groups.get(DEFAULT_GROUP_JID)!
          const results = JSON.parse(run.outputs.results ?? '[]') as Array<Result & { participants?: Participant[] }>
          const entries = results[0]?.participants ?? []
          const memberNow = (who: Who) => {
            const { jid } = supportMembers()[WHO[who]]!
            return (group.members ?? []).find((member) => member.jid === jid)
          }
          // The entries of remove and demote follow the inputs' order, each person written once.
          const judged = (action: 'demote' | 'remove') =>
            entries
              .filter((entry) => entry.action === action)
              .map((entry, index) => ({ entry, who: schedule[action][index]?.who }))
          for (const { entry, who } of judged('demote'))
            if (entry.status === 'done')
              expect({ who, demoted: !memberNow(who!)?.isAdmin }).toEqual({ who, demoted: true })
          for (const { entry, who } of judged('remove'))
            if (entry.status === 'done')
              expect({ who, gone: memberNow(who!) === undefined }).toEqual({ who, gone: true })
          const stillPending = pendingNow(group).map((request) => maskPhoneNumbers(request.jid))
          for (const entry of entries.filter((e) => e.action === 'reject' && e.status === 'done'))
            expect(stillPending).not.toContain(entry.participant)
          // A step that succeeds has rejected every request sent before the reset took effect.
          if (schedule.reject && schedule.requestAtReset && run.exitCode === 0)
            expect(stillPending).not.toContain(maskPhoneNumbers(requestLid(AT_RESET)))
          // The instance's own number stays a member and the group's super-admin, whatever was asked.
          expect(memberNow('instance')).toMatchObject({ isAdmin: true, isSuperAdmin: true })
          expect([group.admin, group.superAdmin, group.member]).toEqual([true, true, true])
          if (results[0]?.status === 'reset') expect(results[0].inviteCode).toBe(group.inviteCode)
          // The step succeeds only when the link is reset and every person asked about is done.
          const doubt = entries.filter((entry) => entry.status === 'failed' || entry.status === 'unknown')
          if (doubt.length > 0 || results[0]?.status !== 'reset') expect(run.exitCode).toBe(1)
          if (run.exitCode === 0)
            expect(judged('demote').length + judged('remove').length).toBe(
              schedule.demote.length + schedule.remove.length
            )
          const shown = visibleText(run)
          const numbers = [
            ...supportMembers().map((member) => member.jid.split('@')[0]!),
            ...schedule.requests.map((_, i) => requestPhone(i + 1)),
            ...(schedule.requestAtReset ? [requestPhone(AT_RESET)] : [])
          ]
          for (const whole of numbers.flatMap(wholeForms))
            expect({ whole, shown: shown.includes(whole) }).toEqual({ whole, shown: false })
        }),
        { numRuns: Math.max(2, Math.round(RUNS / 2)), seed: SEED, path: PATH, endOnFailure: !SHRINK }
      )
    },
    30_000 + RUNS * 15_000
  )
})
