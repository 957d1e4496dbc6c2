import { afterEach, describe, expect, it } from '@jest/globals'
import { type ActionRun, runAction } from '../helpers/run-action.js'
import { DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'
import { COMMUNITY, ANNOUNCEMENTS, HELP, EVENTS, JOBS, adminGroup } from '../helpers/makers-community.js'

/*
 * The bundled action against a server that behaves as real ones do: reads that lag behind writes,
 * requests carried out late, lists that repeat, answers about other groups. Every test is judged by
 * the simulator's final state: each link the step published anywhere (outputs, results, messages)
 * is the group's live link, and each group was revoked at most once unless its result says why. Here
 * the bundle runs one case of each family (a group named every way and announced, a lost answer under
 * lagging reads, a community answer refused); the other variants run in process, on a clock the
 * simulator shares, in unkind-server.test.ts.
 */

interface Result {
  group: string
  alsoNamedBy?: string[]
  groupJid?: string
  status: string
  inviteLink?: string
  inviteCode?: string
  resetRequests?: number
  error?: string
}

describe('the bundled action against an unkind server', () => {
  let simulator: RyzeSimulator

  const start = async (options: ConstructorParameters<typeof RyzeSimulator>[0] = {}): Promise<void> => {
    simulator = new RyzeSimulator({
      groups: [
        adminGroup(COMMUNITY, 'Makers'),
        adminGroup(ANNOUNCEMENTS, 'Makers'),
        adminGroup(HELP, 'Makers: Help'),
        adminGroup(EVENTS, 'Makers: Events'),
        adminGroup(JOBS, 'Makers: Jobs')
      ],
      communities: [{ jid: COMMUNITY, subgroups: [ANNOUNCEMENTS, HELP, EVENTS, JOBS], announcements: ANNOUNCEMENTS }],
      ...options
    })
    await simulator.start()
  }
  afterEach(() => simulator.stop())

  const run = (inputs: Record<string, string>): Promise<ActionRun> =>
    runAction({ instance: 'support', token: DEFAULT_TOKEN, 'base-url': simulator.url, 'max-lag': '0.5', ...inputs })
  const live = (jid: string): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const resultsOf = (result: ActionRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]

  /** Every link the step published is live, and no group was revoked twice unless its result says why. */
  function expectOnlyLiveLinks(result: ActionRun): void {
    const liveLinks = new Set([...simulator.groups.keys()].map(live))
    const published = [
      result.outputs['invite-link'],
      ...resultsOf(result).map((entry) => entry.inviteLink),
      ...simulator.messages.flatMap(({ message }) => message.match(/https:\/\/chat\.whatsapp\.com\/\w+/g) ?? [])
    ].filter((link): link is string => link !== undefined)
    for (const link of published) expect(liveLinks).toContain(link)
    for (const entry of resultsOf(result)) {
      const revocations = simulator.resets.filter((reset) => reset.jid === entry.groupJid).length
      expect(revocations).toBeLessThanOrEqual(entry.resetRequests ?? 1)
    }
  }

  it('rotates a group named by its link, its code, its JID and its community once, and announces its live link once', async () => {
    await start()
    const code = simulator.groups.get(HELP)!.inviteCode
    const result = await run({
      group: [`https://chat.whatsapp.com/${code}`, HELP, code, `community:${COMMUNITY}`].join('\n'),
      'announce-to': ['5511999990000', '+55 11 99999-0000', '5511999990000@s.whatsapp.net'].join('\n')
    })
    expect(result.exitCode).toBe(0)
    expect(simulator.resets.filter((reset) => reset.jid === HELP)).toHaveLength(1)
    expect(resultsOf(result).map((entry) => [entry.groupJid, entry.alsoNamedBy])).toEqual([
      // The code is the link's code: the same line as typed, so it is dropped as a repeat before the plan.
      [HELP, [HELP, `community:${COMMUNITY}`]],
      [EVENTS, undefined],
      [JOBS, undefined]
    ])
    // One person written three ways is one chat, and gets one message.
    expect(simulator.messages.map(({ number }) => number)).toEqual(['5511999990000'])
    expect(simulator.messages[0]!.message).toContain(live(HELP))
    expectOnlyLiveLinks(result)
  })

  it('after a lost answer, never publishes the revoked link a lagging read still shows', async () => {
    await start({ readLagMs: 300 })
    const before = live(HELP)
    simulator.injectFault({ route: 'resetLink', afterEffect: true, status: 502, body: 'Bad Gateway' })
    const result = await run({ group: HELP, retries: '2', 'announce-to': '5511999990000' })
    expect(result.exitCode).toBe(0)
    expect(simulator.resets).toHaveLength(1)
    expect(result.outputs['invite-link']).toBe(live(HELP))
    expect(result.outputs['invite-link']).not.toBe(before)
    expectOnlyLiveLinks(result)
  })

  describe('community answers are checked before any reset', () => {
    const listed = (body: object) => ({ route: 'listSubGroups', status: 200, body }) as const
    const entry = (jid: string, isDefaultSubGroup: unknown) => ({ jid, name: 'x', isDefaultSubGroup })

    it('refuses an answer about another community', async () => {
      await start()
      simulator.injectFault(
        listed({ success: true, communityJid: '120363406289000999@g.us', subgroups: [entry(HELP, false)] })
      )
      const result = await run({ group: `community:${COMMUNITY}` })
      expect(result.exitCode).toBe(1)
      expect(simulator.resets).toEqual([])
      expect(resultsOf(result)[0]!.error).toContain('another community (120363406289000999@g.us)')
    })
  })
})
