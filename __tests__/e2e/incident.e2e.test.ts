import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type ActionRun, annotationsOf, runAction } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator, type SimulatedGroup, newInviteCode } from '../simulator/ryze-simulator.js'

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
 * remove, demote and reject-join-requests through the bundle, judged by the simulator's final state:
 * every step in order, and a lost answer to a removal. Their variants (a removal that fails, a dry
 * run, a malformed participant, a demotion without super-admin, and more) run in process in
 * participants.test.ts.
 */
describe('the bundled action cleaning up after a leak', () => {
  let simulator: RyzeSimulator
  const group = (): SimulatedGroup => simulator.groups.get(DEFAULT_GROUP_JID)!
  const memberJids = (): string[] => group().members!.map((member) => member.jid)
  const participantsOf = (result: ActionRun): Participant[] =>
    (JSON.parse(result.outputs.results!) as Array<{ participants: Participant[] }>)[0]!.participants

  async function start(overrides: Partial<SimulatedGroup> = {}): Promise<void> {
    simulator = new RyzeSimulator({ groups: [groupWith(overrides)] })
    await simulator.start()
  }
  afterEach(() => simulator.stop())

  async function run(inputs: Record<string, string>): Promise<ActionRun> {
    const result = await runAction({ ...simulator.actionInputs(), ...inputs })
    // No phone number is printed whole: not in the log, the summary or an annotation.
    const printed = `${result.stdout}\n${result.stderr}\n${result.summary}`
    for (const phone of [LEAKER, ADMIN, REQUEST_PHONE, '200000000000001']) expect(printed).not.toContain(phone)
    return result
  }

  describe('with every permission', () => {
    beforeEach(() => start())

    it('demotes, removes, resets, then rejects the pending requests, in that order', async () => {
      const result = await run({
        remove: `+55 11 99999-0001\n${ADMIN}@s.whatsapp.net`,
        demote: '+55 (11) 99999-0002',
        'reject-join-requests': 'true',
        'max-lag': '0.5'
      })
      expect(result.exitCode).toBe(0)
      expect(memberJids()).toEqual([`${BYSTANDER}@s.whatsapp.net`])
      expect(group().requests).toEqual([])
      expect(simulator.resets).toHaveLength(1)
      const order = simulator.requests.map((request) => {
        const endpoint = request.rawPath.split('/')[3]
        return endpoint === 'participants' ? (JSON.parse(request.body) as { action: string }).action : endpoint
      })
      // The group, then its members (who is who, and who may be changed), before any change.
      expect(order).toEqual(['info', 'info', 'demote', 'remove', 'resetLink', 'requests', 'reject'])
      // The join requests are listed max-lag after the reset, so that a listing that lags shows them all.
      const [reset] = simulator.requestsTo('resetLink')
      const [listing] = simulator.requestsTo('requests')
      expect(listing!.arrivedAt - reset!.arrivedAt).toBeGreaterThanOrEqual(500)
      expect(result.stdout).toContain(
        `${DEFAULT_GROUP_JID}: The join requests are listed 0.5 s (max-lag) after the reset, so that the listing shows every request sent through the old link.`
      )
      // The outputs mask phone numbers and LIDs as the log does: a later step's env: prints them.
      expect(participantsOf(result)).toEqual([
        { participant: '+55 •••• 0002', action: 'demote', status: 'done' },
        { participant: '+55 •••• 0001', action: 'remove', status: 'done' },
        { participant: '+55 •••• 0002', action: 'remove', status: 'done' },
        { participant: '•••• 0001@lid', action: 'reject', status: 'done', phoneNumber: '+55 •••• 0004' }
      ])
      for (const whole of [LEAKER, ADMIN, REQUEST_LID, REQUEST_PHONE])
        expect(result.outputs.results).not.toContain(whole)
      expect(result.stdout).toContain('Removed +55 •••• 0001.')
      expect(result.summary).toContain('+55 •••• 0001 removed')
    })

    it('reads the members back after a lost answer to a removal, and never sends it twice', async () => {
      simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
      // The read-back waits 2 x max-lag after the lost answer: 1 s of max-lag keeps the test short.
      const result = await run({ remove: LEAKER, 'max-lag': '1' })
      expect(result.exitCode).toBe(0)
      expect(simulator.requestsTo('participants')).toHaveLength(1)
      expect(memberJids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(participantsOf(result)).toEqual([
        { participant: '+55 •••• 0001', action: 'remove', status: 'done', readBack: true }
      ])
    })

    it('refuses a number written (11) 99999-0001 before any request, printing no part of it but its last digits', async () => {
      // Without its country code, RyzeAPI would read 11 as one (+1): a stranger would be removed.
      const result = await run({ remove: `${LEAKER}\n(11) 99999-0001`, 'reject-join-requests': 'true' })
      expect(result.exitCode).toBe(1)
      expect(simulator.requests).toHaveLength(0)
      expect(annotationsOf(result.stdout)).toEqual([
        {
          level: 'error',
          title: 'Input "remove" is not valid',
          message:
            'Input "remove" line 2 holds a number in national form, its area code in parentheses, without its country code; ' +
            'expected one participant per line: a phone number with its country code (+55 11 99999-0000), a contact JID (…@s.whatsapp.net) or a LID (…@lid)'
        }
      ])
      const printed = `${result.stdout}\n${result.stderr}\n${result.summary}\n${result.outputFile}`
      for (const whole of ['99999-0001', '999990001', '11999990001', '(11) 99999']) expect(printed).not.toContain(whole)
      expect(result.outputs).toEqual({})
    })
  })

  it("refuses to remove the instance's own number, the group's super-admin, and still resets the link", async () => {
    const instance = '5511999990009'
    await start({
      members: [
        ...groupWith().members!,
        { jid: `${instance}@s.whatsapp.net`, isAdmin: true, isSuperAdmin: true, isInstance: true }
      ]
    })
    const result = await run({ remove: `${LEAKER}\n+55 11 99999-0009` })
    expect(result.exitCode).toBe(1)
    expect(simulator.resets).toHaveLength(1)
    expect(memberJids()).toContain(`${instance}@s.whatsapp.net`)
    expect(memberJids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
    expect(result.stdout).toContain(
      `+55 •••• 0009 was not removed. Input "remove" line 2 names the group's super-admin (its creator, often the instance's own number`
    )
    expect(result.stdout).toContain('The link was reset all the same: the new link is live.')
  })

  it('fails naming how many join requests a paginated listing that stops short hid, and rejects those it saw', async () => {
    const requests = Array.from({ length: 5 }, (_, index) => ({ jid: `30000000000000${index}@lid`, phoneNumber: null }))
    await start({ requests, requestsPerPage: 2, ignoresPage: true })
    const result = await run({ 'reject-join-requests': 'true', 'max-lag': '0.2' })
    expect(result.exitCode).toBe(1)
    expect(group().requests).toHaveLength(3)
    expect(simulator.resets).toHaveLength(1)
    expect(result.stdout).toContain(
      'RyzeAPI said 5 join requests are pending but listed only 2. The other 3 could not be seen, so they were not rejected.'
    )
  })
})
