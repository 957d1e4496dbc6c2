import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { type Annotation, annotationsOf, bundleBuilt, runAction, visibleText } from '../helpers/run-action.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  RyzeSimulator,
  adminGroups,
  newInviteCode
} from '../simulator/ryze-simulator.js'

/*
 * A `group` line given by invite code or link names the link that the run revokes (issue #32, item
 * 2): the run says so, with the JID to write instead, and the next run's 404 says why. In process,
 * on a clock the simulator shares; the last case runs the bundle once.
 */
describe('a group line given by code or link, which the run revokes', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups: adminGroups(2) })
    await simulator.start()
  })
  afterEach(() => simulator.stop())

  const linkOf = (jid: string): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const warnings = (result: { stdout: string }): Annotation[] =>
    annotationsOf(result.stdout).filter((annotation) => annotation.level === 'warning')

  async function run(inputs: Record<string, string>): Promise<InProcessRun> {
    const result = await runInProcess({ ...simulator.actionInputs(), ...inputs }, {}, clock)
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }

  it('warns, titled with the group, that the line is dead and names the JID to write; the summary shows it', async () => {
    const link = linkOf(DEFAULT_GROUP_JID)
    const result = await run({ group: link })

    expect(result.exitCode).toBeUndefined()
    const message =
      `The group line "${link}" gives the group by an invite code that this run revoked, so the line will fail ` +
      `on the next run. Write the group's JID, ${DEFAULT_GROUP_JID}, in place of the line.`
    expect(warnings(result)).toEqual([
      { level: 'warning', title: `The group line for "Group 1" (${DEFAULT_GROUP_JID}) is now dead`, message }
    ])
    expect(result.summary).toContain('Warnings:')
    expect(result.summary).toContain(`in place of the line.`)
    expect(result.summary).toContain(DEFAULT_GROUP_JID)
  })

  it("the next run's 404 on that line says an earlier rotation may have revoked it, and to use the JID", async () => {
    const link = linkOf(DEFAULT_GROUP_JID)
    await run({ group: link })
    const next = await run({ group: link })

    expect(next.exitCode).toBe(1)
    expect(simulator.resets).toHaveLength(1)
    const [error] = annotationsOf(next.stdout).filter((annotation) => annotation.level === 'error')
    expect(error!.title).toBe(`${link} failed`)
    // What failed, the usual checks, then the likely cause and what to write; what became of the link last.
    expect(error!.message).toBe(
      'RyzeAPI answered HTTP 404: Group not found or you are not a member of this group. ' +
        "Check the instance name and the group, and that the instance's WhatsApp number is a member of the group. " +
        'This line gives the group by invite code or link, which an earlier rotation may have revoked. ' +
        "Take the group's JID (it ends in @g.us) from the group-jid output or the results output of the run that " +
        'reset the link, and write it in place of this line. Nothing was reset.'
    )
  })

  it('gives no such hint for a 404 on a line given by JID', async () => {
    const missing = '120363406289099999@g.us'
    const result = await run({ group: missing })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('HTTP 404')
    expect(result.stdout).not.toContain('earlier rotation')
  })

  it('warns once per line given by code, and not for the same group given by JID, nor for a group left as it was', async () => {
    const [, second] = [...simulator.groups.keys()] as [string, string]
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    const result = await run({ group: [DEFAULT_GROUP_JID, code, second].join('\n') })

    expect(result.exitCode).toBeUndefined()
    expect(warnings(result)).toEqual([
      expect.objectContaining({
        title: `The group line for "Group 1" (${DEFAULT_GROUP_JID}) is now dead`,
        message: expect.stringContaining(`The group line "${code}" gives the group by an invite code`)
      })
    ])
  })

  it('warns of nothing in a dry run, which revokes nothing', async () => {
    const result = await run({ group: linkOf(DEFAULT_GROUP_JID), 'dry-run': 'true' })
    expect(warnings(result)).toEqual([])
    expect(result.summary).not.toContain('Warnings:')
  })

  it("never prints an old group's JID, which holds its creator's phone number, and says where to find it", async () => {
    await simulator.stop()
    const jid = '5511999990000-1581234567@g.us'
    const code = newInviteCode()
    simulator = new RyzeSimulator({
      clock,
      groups: [{ jid, subject: 'Old', inviteCode: code, admin: true, member: true }]
    })
    await simulator.start()
    const result = await run({ group: code })

    expect(result.exitCode).toBeUndefined()
    expect(result.outputs['group-jid']).toBe(jid)
    const [warning] = warnings(result)
    expect(warning).toEqual({
      level: 'warning',
      title: 'The group line for "Old" is now dead',
      message: expect.stringContaining(
        "Take the group's JID from the group-jid output or the results output (it is not shown here, as it holds " +
          "the phone number of the group's creator), and write it in place of the line."
      )
    })
    expect(`${warning!.title} ${warning!.message}`).not.toContain('5511999990000')
    const summaryWarning = result.summary.slice(result.summary.indexOf('Warnings:'))
    expect(summaryWarning).toContain('and write it in place of the line.')
    expect(summaryWarning).not.toContain('5511999990000')
  })
})

describe('a group line given by link, through the bundle', () => {
  // npm test may still be building dist/: that wait is not this test's time.
  beforeAll(() => bundleBuilt(), 180_000)

  it('prints a titled warning on stdout, and writes it in the job summary file', async () => {
    const real = new RyzeSimulator({ groups: adminGroups(1) })
    await real.start()
    try {
      const link = `https://chat.whatsapp.com/${real.groups.get(DEFAULT_GROUP_JID)!.inviteCode}`
      const result = await runAction({ ...real.actionInputs(), group: link })
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toContain(
        `::warning title=The group line for "Group 1" (${DEFAULT_GROUP_JID}) is now dead::The group line "${link}" gives the group`
      )
      expect(result.summary).toContain(`Write the group&#39;s JID, ${DEFAULT_GROUP_JID}, in place of the line.`)
      expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    } finally {
      await real.stop()
    }
  })
})
