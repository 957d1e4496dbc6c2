import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { commandTexts } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator, newInviteCode } from '../simulator/ryze-simulator.js'

/*
 * Phone numbers masked by meaning on every path (issue #31, item 9), run in process against the
 * simulator: however a number is written (with +, spaces, dashes, dots, parentheses, in short runs,
 * as a contact JID), in an input error or in what RyzeAPI says, the log, the summary, the
 * annotations and the outputs show its last four digits only. incident.e2e.test.ts runs an input
 * error about `remove` through the bundle.
 */

/** The ways of writing +55 11 99999-0001 that must never be printed. */
const WHOLE = ['99999-0001', '999990001', '99999 0001', '9 9999 0001', '99999.0001', '5511999990001']

describe('phone numbers masked by meaning, run in process', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({
      clock,
      groups: [{ jid: DEFAULT_GROUP_JID, subject: 'Support', inviteCode: newInviteCode(), admin: true, member: true }]
    })
    await simulator.start()
  })
  afterEach(() => simulator.stop())

  async function run(inputs: Record<string, string>): Promise<InProcessRun> {
    const result = await runInProcess({ ...simulator.actionInputs(), ...inputs }, {}, clock)
    const printed = `${result.stdout}\n${result.summary}\n${result.outputFile}`
    for (const whole of WHOLE) expect(printed).not.toContain(whole)
    return result
  }

  describe('in an input error', () => {
    it.each([
      ['+55 (11) 99999-0001', '"+55 •••• 0001", which is neither a group JID, an invite code nor an invite link'],
      ['55 11 9 9999 0001', '"•••• 0001", which is neither a group JID, an invite code nor an invite link'],
      ['5511999990001', '"+55 •••• 0001", which reads as a phone number, not a group'],
      ['5511999990001@s.whatsapp.net', '"+55 •••• 0001@s.whatsapp.net", which is a contact, not a group']
    ])('about group: %j', async (line, shown) => {
      const result = await run({ group: `${DEFAULT_GROUP_JID}\n${line}` })
      expect(result.exitCode).toBe(1)
      expect(commandTexts(result.stdout, 'error')).toEqual([
        expect.stringContaining(`Input "group" line 2 holds ${shown}`)
      ])
      expect(simulator.requests).toHaveLength(0)
    })

    it('about announce-to', async () => {
      const result = await run({ 'announce-to': '+55 (11) 99999-0001 ext. 2' })
      expect(result.exitCode).toBe(1)
      expect(commandTexts(result.stdout, 'error')).toEqual([
        expect.stringContaining('Input "announce-to" holds "+55 •••• 0001 ext. 2", which is not a chat')
      ])
      expect(simulator.requests).toHaveLength(0)
    })

    it('about demote: a number in national form is refused without being echoed', async () => {
      const result = await run({ demote: '(11) 99999-0001' })
      expect(result.exitCode).toBe(1)
      expect(commandTexts(result.stdout, 'error')).toEqual([
        'Input "demote" line 1 holds a number in national form, its area code in parentheses, without its country code; ' +
          'expected one participant per line: a phone number with its country code (+55 11 99999-0000), a contact JID (…@s.whatsapp.net) or a LID (…@lid)'
      ])
      expect(simulator.requests).toHaveLength(0)
    })
  })

  describe('in what RyzeAPI says', () => {
    it('in a group name: the log, the summary and the results output', async () => {
      simulator.groups.get(DEFAULT_GROUP_JID)!.subject = 'Call +55 (11) 99999-0001 or 55 11 9 9999 0001'
      const result = await run({})
      expect(result.exitCode).toBeUndefined()
      const shown = 'Call +55 •••• 0001 or •••• 0001'
      expect(result.stdout).toContain(`Reset the invite link of "${shown}" (${DEFAULT_GROUP_JID})`)
      expect(JSON.parse(result.outputs.results!)).toEqual([expect.objectContaining({ name: shown })])
      expect(result.summary).toContain(`&#34;${shown}&#34;`)
    })

    it('in an error: the step error and the results output', async () => {
      simulator.injectFault({
        route: 'info',
        status: 404,
        body: { success: false, error: { message: 'No group for 55 (11) 99999.0001' } }
      })
      const result = await run({})
      expect(result.exitCode).toBe(1)
      expect(commandTexts(result.stdout, 'error')).toEqual([
        expect.stringContaining('RyzeAPI answered HTTP 404: No group for •••• 0001.')
      ])
      expect(JSON.parse(result.outputs.results!)).toEqual([
        expect.objectContaining({ status: 'failed', error: expect.stringContaining('No group for •••• 0001.') })
      ])
    })

    it('in the community a list of subgroups says it is about: the log and the results output', async () => {
      simulator.injectFault({
        route: 'listSubGroups',
        status: 200,
        body: { success: true, communityJid: '+55 (11) 99999-0001', subgroups: [] }
      })
      const result = await run({ group: `${DEFAULT_GROUP_JID}\ncommunity:120363400000000099@g.us` })
      expect(result.exitCode).toBe(1)
      expect(JSON.parse(result.outputs.results!)).toEqual([
        expect.objectContaining({ status: 'reset' }),
        expect.objectContaining({
          status: 'failed',
          error: expect.stringContaining('is about another community (+55 •••• 0001)')
        })
      ])
      expect(result.stdout).toContain('about another community (+55 •••• 0001)')
    })

    it('in an error that is retried: the warning of each retry', async () => {
      simulator.injectFault({
        route: 'resetLink',
        status: 503,
        body: { success: false, error: { message: 'Bridge busy with +55 11 99999-0001' } }
      })
      const result = await run({})
      expect(result.exitCode).toBeUndefined()
      expect(commandTexts(result.stdout, 'warning')).toEqual([
        expect.stringContaining('Bridge busy with +55 •••• 0001.')
      ])
    })
  })
})
