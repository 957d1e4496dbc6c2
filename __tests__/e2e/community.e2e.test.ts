import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type ActionRun, runAction, visibleText } from '../helpers/run-action.js'
import { DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'
import {
  COMMUNITY,
  OTHER_COMMUNITY,
  ANNOUNCEMENTS,
  HELP,
  EVENTS,
  JOBS,
  SOLO,
  adminGroup
} from '../helpers/makers-community.js'

interface Result {
  group: string
  alsoNamedBy?: string[]
  groupJid: string
  name?: string
  community?: string
  status: string
  inviteLink?: string
  error?: string
}

/**
 * `community:<JID>` stands for the community's subgroups, listed before any reset: one case of each
 * kind (a rotation, a dry run, an announcement) through the bundle. The variants (failed and
 * retried listings, fail-fast, repeats, refused lines) run in process in community.test.ts.
 */
describe('the bundled action with a community line', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>

  beforeEach(async () => {
    simulator = new RyzeSimulator({
      groups: [
        adminGroup(COMMUNITY, 'Makers'),
        adminGroup(ANNOUNCEMENTS, 'Makers'),
        adminGroup(HELP, 'Makers: Help'),
        adminGroup(EVENTS, 'Makers: Events'),
        adminGroup(JOBS, 'Makers: Jobs'),
        adminGroup(SOLO, 'Solo')
      ],
      communities: [
        { jid: COMMUNITY, subgroups: [ANNOUNCEMENTS, HELP, EVENTS, JOBS], announcements: ANNOUNCEMENTS },
        { jid: OTHER_COMMUNITY, subgroups: [EVENTS, SOLO], announcements: SOLO }
      ]
    })
    await simulator.start()
    inputs = { ...simulator.actionInputs(), 'max-lag': '0.3' }
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string>): Promise<ActionRun> {
    const result = await runAction({ ...inputs, ...overrides })
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const linkOf = (jid: string): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const resultsOf = (result: Pick<ActionRun, 'outputs'>): Result[] =>
    JSON.parse(result.outputs.results ?? '[]') as Result[]
  const resetJids = (): string[] => simulator.resets.map((reset) => reset.jid)

  it('rotates its three subgroups, not its announcements group nor the community itself', async () => {
    const result = await run({ group: 'community:120363406289000100' })
    expect(result.exitCode).toBe(0)
    expect(simulator.requestsTo('listSubGroups').map((request) => request.rawPath)).toEqual([
      expect.stringContaining(`communityJid=${encodeURIComponent(COMMUNITY)}`)
    ])
    expect(resetJids()).toEqual([HELP, EVENTS, JOBS])
    expect(resultsOf(result)).toEqual(
      [
        [HELP, 'Makers: Help'],
        [EVENTS, 'Makers: Events'],
        [JOBS, 'Makers: Jobs']
      ].map(([jid, name]) =>
        expect.objectContaining({
          group: jid,
          groupJid: jid,
          name,
          community: COMMUNITY,
          status: 'reset',
          inviteLink: linkOf(jid!)
        })
      )
    )
    expect(result.outputs['invite-link']).toBe(linkOf(HELP))
    expect(result.stdout).toContain('Reset the invite link of "Makers: Events" (120363406289000103@g.us).')
  })

  it('in a dry run, lists exactly what would be rotated, with names, and resets nothing', async () => {
    const result = await run({ group: `community:${COMMUNITY}`, 'dry-run': 'true' })
    expect(result.exitCode).toBe(0)
    expect(simulator.resets).toEqual([])
    expect(result.stdout).toContain(
      `community:${COMMUNITY} would rotate 3 subgroups: "Makers: Help" (${HELP}), "Makers: Events" (${EVENTS}), ` +
        `"Makers: Jobs" (${JOBS}); the announcements group "Makers" (${ANNOUNCEMENTS}) is left out.`
    )
    expect(resultsOf(result).map(({ name, status }) => [name, status])).toEqual([
      ['Makers: Help', 'dry-run'],
      ['Makers: Events', 'dry-run'],
      ['Makers: Jobs', 'dry-run']
    ])
    expect(result.summary).toContain(`&#34;Makers: Jobs&#34; &#40;${JOBS}&#41;`)
  })

  it('announces every subgroup to the admins in one message', async () => {
    const result = await run({ group: `community:${COMMUNITY}`, 'announce-to': '5511999990001' })
    expect(result.exitCode).toBe(0)
    expect(simulator.messages.map(({ message }) => message)).toEqual([
      [HELP, EVENTS, JOBS]
        .map((jid) => `New invite link for ${simulator.groups.get(jid)!.subject}: ${linkOf(jid)}`)
        .join('\n')
    ])
  })
})
