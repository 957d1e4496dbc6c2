import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type ActionRun, runAction, visibleText } from './helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator, type SimulatedGroup, newInviteCode } from './simulator/ryze-simulator.js'

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

/** remove, demote and reject-join-requests: judged by the simulator's final state. */
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
        'reject-join-requests': 'true'
      })
      expect(result.exitCode).toBe(0)
      expect(memberJids()).toEqual([`${BYSTANDER}@s.whatsapp.net`])
      expect(group().requests).toEqual([])
      expect(simulator.resets).toHaveLength(1)
      const order = simulator.requests.map((request) => {
        const endpoint = request.rawPath.split('/')[3]
        return endpoint === 'participants' ? (JSON.parse(request.body) as { action: string }).action : endpoint
      })
      expect(order).toEqual(['info', 'demote', 'remove', 'resetLink', 'requests', 'reject'])
      expect(participantsOf(result)).toEqual([
        { participant: ADMIN, action: 'demote', status: 'done' },
        { participant: LEAKER, action: 'remove', status: 'done' },
        { participant: ADMIN, action: 'remove', status: 'done' },
        { participant: REQUEST_LID, action: 'reject', status: 'done', phoneNumber: REQUEST_PHONE }
      ])
      expect(result.stdout).toContain('Removed +55 •••• 0001.')
      expect(result.summary).toContain('+55 •••• 0001 removed')
    })

    it('resets the link even when a removal fails, then fails saying who and why', async () => {
      const result = await run({ remove: `${LEAKER}\n5511999990009` })
      expect(result.exitCode).toBe(1)
      expect(simulator.resets).toHaveLength(1)
      expect(memberJids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(result.stdout).toContain(
        '+55 •••• 0009 was not removed: not a participant of the group. The link was reset all the same: the new link is live.'
      )
      expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${group().inviteCode}`)
    })

    it('reads the members back after a lost answer to a removal, and never sends it twice', async () => {
      simulator.injectFault({ route: 'participants', afterEffect: true, drop: true })
      const result = await run({ remove: LEAKER })
      expect(result.exitCode).toBe(0)
      expect(simulator.requestsTo('participants')).toHaveLength(1)
      expect(memberJids()).not.toContain(`${LEAKER}@s.whatsapp.net`)
      expect(participantsOf(result)).toEqual([
        { participant: LEAKER, action: 'remove', status: 'done', readBack: true }
      ])
    })

    it('changes nobody in a dry run, and lists who would be changed', async () => {
      const result = await run({ remove: LEAKER, demote: ADMIN, 'reject-join-requests': 'true', 'dry-run': 'true' })
      expect(result.exitCode).toBe(0)
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
    expect(result.stdout).toContain('+55 •••• 0002 was not demoted:')
    expect(result.stdout).toContain('super-admin')
  })
})
