import { afterEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { annotationsOf, commandTexts } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator, type SimulatedGroup, adminGroups } from '../simulator/ryze-simulator.js'

interface Result {
  group: string
  alsoNamedBy?: string[]
  groupJid?: string
  community?: string
  status: string
  error?: string
}

/*
 * One key per group (issue #31, item 5), run in process against the simulator: a group written as
 * a link and as its JID is reset once whatever form RyzeAPI's answers take, a JID is compared in
 * one form, and when two answers disagree about a community's group the safer reading wins.
 */
describe('one key per group, run in process', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  afterEach(() => simulator.stop())

  async function start(groups: SimulatedGroup[], communities = {}): Promise<void> {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups, ...communities })
    await simulator.start()
  }
  const run = (inputs: Record<string, string>): Promise<InProcessRun> =>
    runInProcess({ ...simulator.actionInputs(), ...inputs }, {}, clock)
  const resultsOf = (result: InProcessRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]
  const linkOf = (jid: string): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`

  describe('the same group written as a link and as its JID is reset once', () => {
    it.each([
      ['carry no JID', 'omitted', 'link first'],
      ['carry no JID', 'omitted', 'JID first'],
      ['write the JID without @g.us', 'without-suffix', 'link first'],
      ['write the JID without @g.us', 'without-suffix', 'JID first']
    ] as const)('when its answers %s (%s, %s)', async (_what, jidForm, order) => {
      await start([{ ...adminGroups(1)[0]!, jidForm }])
      const link = linkOf(DEFAULT_GROUP_JID)
      const lines = order === 'link first' ? [link, DEFAULT_GROUP_JID] : [DEFAULT_GROUP_JID, link]
      const result = await run({ group: lines.join('\n') })

      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets).toHaveLength(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(1)
      const results = resultsOf(result)
      expect(results).toEqual([
        expect.objectContaining({
          group: lines[0],
          alsoNamedBy: [lines[1]],
          groupJid: DEFAULT_GROUP_JID,
          status: 'reset'
        })
      ])
      expect(result.outputs['invite-link']).toBe(linkOf(DEFAULT_GROUP_JID))
      // The only warning: the link line is dead now, and the JID line is the one to keep.
      expect(commandTexts(result.stdout, 'warning')).toEqual([
        expect.stringContaining(`The group line "${link}" gives the group by an invite code that this run revoked`)
      ])
    })

    it('when the JID is written without @g.us in the group input', async () => {
      await start(adminGroups(1))
      const bare = DEFAULT_GROUP_JID.replace('@g.us', '')
      const result = await run({ group: `${linkOf(DEFAULT_GROUP_JID)}\n${bare}` })
      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets).toHaveLength(1)
      expect(resultsOf(result)[0]).toMatchObject({ groupJid: DEFAULT_GROUP_JID, alsoNamedBy: [bare] })
    })
  })

  it('resets each line once, with a titled warning, when an answer without a JID leaves the plan unable to tell', async () => {
    const [first, second] = adminGroups(2) as [SimulatedGroup, SimulatedGroup]
    await start([first, { ...second, jidForm: 'omitted' }])
    const secondLink = linkOf(second.jid)
    const result = await run({ group: `${first.jid}\n${secondLink}` })

    expect(result.exitCode).toBeUndefined()
    expect(simulator.resets.map((reset) => reset.jid)).toEqual([first.jid, second.jid])
    expect(resultsOf(result).map((entry) => entry.status)).toEqual(['reset', 'reset'])
    expect(annotationsOf(result.stdout).filter((annotation) => annotation.level === 'warning')).toEqual([
      {
        level: 'warning',
        title: `Cannot tell whether ${secondLink} is another line's group`,
        message:
          `RyzeAPI's info about ${secondLink} names no JID, and no other line's group shows its live code, ` +
          'so the plan cannot tell whether it is one of the other groups: each is reset once.'
      },
      {
        level: 'warning',
        title: 'Group JID missing',
        message: 'RyzeAPI did not report the group JID of every group, so some group-jid values are empty.'
      },
      {
        level: 'warning',
        title: `The group line for "Group 2" (${secondLink}) is now dead`,
        message:
          `The group line "${secondLink}" gives the group by an invite code that this run revoked, so the line will fail on the next run. ` +
          "RyzeAPI did not report the group's JID, so find it (it ends in @g.us) and write it in place of the line."
      }
    ])
  })

  it('refuses a JID in capitals, naming the group line, before any request', async () => {
    await start(adminGroups(1))
    const result = await run({ group: `${linkOf(DEFAULT_GROUP_JID)}\n${DEFAULT_GROUP_JID.toUpperCase()}` })
    expect(result.exitCode).toBe(1)
    expect(commandTexts(result.stdout, 'error')).toEqual([
      `Input "group" line 2 holds "${DEFAULT_GROUP_JID.toUpperCase()}", a group JID in capitals; write it in lower case; ` +
        'expected a group JID (120363406289005073@g.us), an invite code, or an invite link (https://chat.whatsapp.com/CODE)'
    ])
    expect(simulator.requests).toHaveLength(0)
  })

  it('refuses a JID holding an invisible character, naming the group line, before any request', async () => {
    await start(adminGroups(1))
    const result = await run({ group: `${linkOf(DEFAULT_GROUP_JID)}\n120363406289005073\u200b@g.us` })
    expect(result.exitCode).toBe(1)
    expect(commandTexts(result.stdout, 'error')).toEqual([
      expect.stringMatching(/^Input "group" line 2 holds an invisible formatting character \(U\+200B\)/)
    ])
    expect(simulator.requests).toHaveLength(0)
  })

  describe("when the community's list and a group's own info disagree, the safer reading wins", () => {
    const COMMUNITY = '120363400000000099@g.us'
    const OTHER = '120363400000000077@g.us'
    const [ordinary, news, second] = adminGroups(3) as [SimulatedGroup, SimulatedGroup, SimulatedGroup]
    const communities = {
      communities: [{ jid: COMMUNITY, subgroups: [ordinary.jid, news.jid, second.jid], announcements: news.jid }]
    }

    it('leaves alone a subgroup that its own info calls the announcements group, with a titled warning', async () => {
      await start([ordinary, news, { ...second, ownInfo: { isDefaultSubGroup: true } }], communities)
      const result = await run({ group: `community:${COMMUNITY}` })

      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets.map((reset) => reset.jid)).toEqual([ordinary.jid])
      const why =
        `Not reset: the list of ${COMMUNITY} calls it an ordinary subgroup, but its own info calls it the ` +
        "community's announcements group. The safer reading wins: it is left alone."
      expect(resultsOf(result)).toEqual([
        expect.objectContaining({ group: ordinary.jid, status: 'reset' }),
        {
          group: second.jid,
          groupJid: second.jid,
          name: 'Group 3',
          community: COMMUNITY,
          status: 'skipped',
          error: why
        }
      ])
      expect(annotationsOf(result.stdout)).toContainEqual({
        level: 'warning',
        title: `"Group 3" (${second.jid}) left alone: RyzeAPI's answers disagree`,
        message: why
      })
    })

    it('leaves alone a subgroup that its own info links to another community', async () => {
      await start([ordinary, news, { ...second, ownInfo: { linkedParentJid: OTHER } }], communities)
      const result = await run({ group: `community:${COMMUNITY}` })

      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets.map((reset) => reset.jid)).toEqual([ordinary.jid])
      expect(resultsOf(result)[1]).toMatchObject({
        group: second.jid,
        status: 'skipped',
        error: `Not reset: the list of ${COMMUNITY} names it, but its own info links it to another community (${OTHER}). The safer reading wins: it is left alone.`
      })
      expect(commandTexts(result.stdout, 'warning')).toHaveLength(1)
    })

    it('rotates a subgroup whose own info agrees with the list, with no warning', async () => {
      await start([ordinary, news, second], communities)
      const result = await run({ group: `community:${COMMUNITY}` })
      expect(simulator.resets.map((reset) => reset.jid)).toEqual([ordinary.jid, second.jid])
      expect(commandTexts(result.stdout, 'warning')).toEqual([])
    })
  })
})
