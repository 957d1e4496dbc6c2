import { afterEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { visibleText } from '../helpers/run-action.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'
import { COMMUNITY, ANNOUNCEMENTS, HELP, EVENTS, JOBS, adminGroup } from '../helpers/makers-community.js'

/*
 * The action against a server that behaves as real ones do, run in process with the real toolkit:
 * requests carried out late, lists that repeat, answers about other groups, announcements too long
 * for one message. Every test is judged by the simulator's final state: each link the step published
 * anywhere (outputs, results, messages) is the group's live link, and each group was revoked at most
 * once unless its result says why. Backoffs, max-lag's read-back waits and late resets pass on a clock
 * the simulator shares, without waiting. unkind-server.e2e.test.ts runs the bundle on one case of
 * each family: a group named every way and announced, a lost answer under lagging reads, a community
 * answer refused.
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

describe('an unkind server, run in process', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock

  const start = async (options: ConstructorParameters<typeof RyzeSimulator>[0] = {}): Promise<void> => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({
      clock,
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

  async function run(inputs: Record<string, string>): Promise<InProcessRun> {
    const result = await runInProcess(
      { instance: 'support', token: DEFAULT_TOKEN, 'base-url': simulator.url, 'max-lag': '0.5', ...inputs },
      {},
      clock
    )
    const seen = visibleText(result)
    expect(seen).not.toContain(DEFAULT_TOKEN)
    return result
  }
  const live = (jid: string): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const resultsOf = (result: InProcessRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]

  /** Every link the step published is live, and no group was revoked twice unless its result says why. */
  function expectOnlyLiveLinks(result: InProcessRun): void {
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

  it('splits an announcement too long for one message at group boundaries, never inside a link', async () => {
    await start()
    const template = `${'Please share this only with members. '.repeat(40)}{name}: {link}`
    const result = await run({
      group: `community:${COMMUNITY}`,
      'announce-to': '5511999990000\n5511999990001',
      'announce-message': template
    })
    expect(result.exitCode).toBeUndefined()
    const texts = simulator.messages.filter(({ number }) => number === '5511999990000').map(({ message }) => message)
    expect(texts).toHaveLength(2)
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096)
    expect(texts.join('\n\n')).toEqual(expect.stringContaining(live(HELP)))
    expect(texts.flatMap((text) => text.match(/https:\/\/chat\.whatsapp\.com\/\w+/g) ?? [])).toEqual(
      [HELP, EVENTS, JOBS].map(live)
    )
    expect(JSON.parse(result.outputs.announcements!)).toEqual([
      // The outputs show a chat's number as the log does.
      expect.objectContaining({ chat: '+55 •••• 0000', part: 1, parts: 2, status: 'sent' }),
      expect.objectContaining({ chat: '+55 •••• 0000', part: 2, parts: 2, status: 'sent' }),
      expect.objectContaining({ chat: '+55 •••• 0001', part: 1, parts: 2, status: 'sent' }),
      expect.objectContaining({ chat: '+55 •••• 0001', part: 2, parts: 2, status: 'sent' })
    ])
    expectOnlyLiveLinks(result)
  })

  it('finds a reset carried out late instead of resetting again, even when the retries meet 429s', async () => {
    await start()
    const rateLimited = { success: false, error: { message: 'Rate limit exceeded. Try again later.' } }
    // Carried out after 2 x max-lag (1 s): the read-back after the 504 still shows the old link, so the
    // retries go out and meet the 429s; only a read after them can show the late reset.
    simulator.injectFault({ route: 'resetLink', status: 504, body: 'Gateway Timeout', carryOutAfterMs: 1200 })
    simulator.injectFault({ route: 'resetLink', status: 429, body: rateLimited, headers: { 'retry-after': '1' } }, 3)
    const result = await run({ group: HELP, retries: '3' })
    expect(simulator.requestsTo('resetLink').map((request) => request.status)).toEqual([504, 429, 429, 429])
    expect(simulator.resets).toHaveLength(1)
    expect(result.exitCode).toBeUndefined()
    expect(result.outputs['invite-link']).toBe(live(HELP))
    expect(result.stdout).not.toMatch(/nothing was reset/i)
    expectOnlyLiveLinks(result)
  })

  it('does not take a reset answer that repeats the old code for a revocation', async () => {
    await start()
    const code = simulator.groups.get(HELP)!.inviteCode
    simulator.injectFault({
      route: 'resetLink',
      status: 200,
      body: { success: true, groupJid: HELP, inviteCode: code, inviteLink: `https://chat.whatsapp.com/${code}` }
    })
    const result = await run({ group: HELP, retries: '0' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['invite-link']).toBeUndefined()
    expect(resultsOf(result)).toEqual([expect.objectContaining({ status: 'failed' })])
    expect(resultsOf(result)[0]!.error).toContain('the invite code from before it')
  })

  it('resets nothing for a line given by code when RyzeAPI answers about another group', async () => {
    await start()
    simulator.injectFault({
      route: 'info',
      status: 200,
      body: { success: true, group: { jid: EVENTS, name: 'Makers: Events', inviteLink: live(EVENTS) } }
    })
    const result = await run({ group: simulator.groups.get(HELP)!.inviteCode })
    expect(result.exitCode).toBe(1)
    expect(simulator.resets).toEqual([])
    expect(resultsOf(result)[0]!.error).toContain('whose invite code is not the one given')
  })

  describe('community answers are checked before any reset', () => {
    const listed = (body: object) => ({ route: 'listSubGroups', status: 200, body }) as const
    const entry = (jid: string, isDefaultSubGroup: unknown) => ({ jid, name: 'x', isDefaultSubGroup })

    it('rotates only entries plainly marked ordinary, once each, never the community itself', async () => {
      await start()
      simulator.injectFault(
        listed({
          success: true,
          communityJid: COMMUNITY,
          subgroups: [
            entry(COMMUNITY, false),
            entry(ANNOUNCEMENTS, 'true'),
            entry(EVENTS, undefined),
            entry(HELP, false),
            entry(HELP, false)
          ]
        })
      )
      const result = await run({ group: `community:${COMMUNITY}` })
      expect(result.exitCode).toBeUndefined()
      expect(simulator.resets.map((reset) => reset.jid)).toEqual([HELP])
      expect(result.stdout).toContain(`the community itself (${COMMUNITY}) is not one of its subgroups`)
      expect(result.stdout).toContain(`"x" (${ANNOUNCEMENTS}) is left out, as the answer does not say whether`)
      expect(result.stdout).toContain('1 repeated entry counted once')
      expectOnlyLiveLinks(result)
    })

    it('refuses a list longer than any community, before any reset', async () => {
      await start()
      const many = Array.from({ length: 150 }, (_, index) =>
        entry(`1203634062891${String(index).padStart(5, '0')}@g.us`, false)
      )
      simulator.injectFault(listed({ success: true, communityJid: COMMUNITY, subgroups: many }))
      const result = await run({ group: `community:${COMMUNITY}` })
      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toEqual([])
      expect(simulator.requestsTo('info')).toEqual([])
      expect(resultsOf(result)[0]!.error).toContain('150 subgroups, more than a WhatsApp community holds (100)')
    })
  })
})
