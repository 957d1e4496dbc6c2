import { beforeEach, describe, expect, it } from '@jest/globals'
import { MAX_COMMUNITY_SUBGROUPS } from '../../src/plan/community-plan.js'
import { RequestError } from '../../src/safety/errors.js'
import { type PlanOptions, planGroups } from '../../src/plan/plan.js'
import type { Subgroup } from '../../src/ryze/ryze-client.js'
import { maskSecret } from '../../src/safety/secrets.js'
import type { CommunityRequest, GroupLine, GroupRequest } from '../../src/inputs/settings.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { ScriptedClient, link } from '../helpers/scripted-client.js'

/*
 * The plan, driven with a stand-in client: every group is learned, keyed by JID, before anything is
 * reset, and a line whose answer is about another group is refused. The plan never resets.
 */

const G1 = '120363000000000001@g.us'
const G2 = '120363000000000002@g.us'
const G3 = '120363000000000003@g.us'
const COMMUNITY = '120363000000000099@g.us'

const byJid = (jid: string): GroupRequest => ({ input: jid, identifier: { kind: 'jid', jid } })
const byCode = (code: string, input = code): GroupRequest => ({ input, identifier: { kind: 'code', code } })
const community = (jid = COMMUNITY): CommunityRequest => ({ input: `community:${jid}`, communityJid: jid })
const subgroup = (jid: string, isDefaultSubGroup: boolean | undefined, name?: string): Subgroup => ({
  jid,
  isDefaultSubGroup,
  ...(name === undefined ? {} : { name })
})

const notFound = (): RequestError =>
  new RequestError('status', 'RyzeAPI answered 404: the group was not found.', { status: 404 })
/** A 429 whose window is already over: retried at once, so that no test waits. */
const windowOver = (): RequestError =>
  new RequestError('status', 'RyzeAPI answered 429: too many requests.', { status: 429, retryAt: new Date(0) })

let client: ScriptedClient
beforeEach(() => {
  client = new ScriptedClient(new ManualClock()).group(G1, 'One').group(G2, 'Two').group(G3)
})

const base: PlanOptions = { policy: { retries: 0, maxWaitMs: 0 }, dryRun: false, failFast: false }
const plan = (lines: GroupLine[], options: Partial<PlanOptions> = {}) =>
  planGroups(lines, client.asClient, { ...base, ...options })

describe('planGroups: every group known by its JID before any reset', () => {
  it('learns each line, by JID, code or link, as the group RyzeAPI describes, and resets nothing', async () => {
    const code2 = client.code(G2)
    const planned = await plan([byJid(G1), byCode(code2, link(code2))])
    expect(planned).toEqual([
      {
        input: G1,
        alsoNamedBy: [],
        identifier: { kind: 'jid', jid: G1 },
        groupJid: G1,
        inviteCode: client.code(G1),
        inviteLink: link(client.code(G1)),
        name: 'One'
      },
      {
        input: link(code2),
        alsoNamedBy: [],
        identifier: { kind: 'jid', jid: G2 },
        groupJid: G2,
        inviteCode: code2,
        inviteLink: link(code2),
        name: 'Two'
      }
    ])
    expect(client.calls).toEqual([`info ${G1}`, `info ${code2}`])
    expect(client.resets).toEqual([])
  })

  it('makes lines that name the same group one group, and says which lines named it', async () => {
    const code1 = client.code(G1)
    const planned = await plan([byCode(code1, link(code1)), byJid(G2), byJid(G1), byCode(code1), byJid(G1)])
    expect(planned).toHaveLength(2)
    expect(planned[0]).toMatchObject({ input: link(code1), groupJid: G1, alsoNamedBy: [G1, code1, G1] })
    expect(planned[1]).toMatchObject({ input: G2, alsoNamedBy: [] })
    // A JID already known is not asked about again; a code is, as it may have been replaced since.
    expect(client.calls).toEqual([`info ${code1}`, `info ${G2}`, `info ${code1}`])
  })

  it('keys a group by the code it was given when RyzeAPI reports no JID, and names it by that code', async () => {
    const answer = { groupJid: '', inviteCode: 'Abcdef123456', inviteLink: link('Abcdef123456') }
    client.info({ answer }, { answer })
    const planned = await plan([byCode('Abcdef123456'), byCode('Abcdef123456', link('Abcdef123456'))])
    expect(planned).toEqual([
      {
        input: 'Abcdef123456',
        alsoNamedBy: [link('Abcdef123456')],
        identifier: { kind: 'code', code: 'Abcdef123456' },
        groupJid: '',
        inviteCode: 'Abcdef123456',
        inviteLink: link('Abcdef123456')
      }
    ])
  })

  it('keeps groups known only by their codes apart', async () => {
    client.info(
      { answer: { groupJid: '', inviteCode: 'Abcdef123456', inviteLink: link('Abcdef123456') } },
      { answer: { groupJid: '', inviteCode: 'Ghijkl123456', inviteLink: link('Ghijkl123456') } }
    )
    const planned = await plan([byCode('Abcdef123456'), byCode('Ghijkl123456')])
    expect(planned.map((group) => ('inviteCode' in group ? group.inviteCode : group.status))).toEqual([
      'Abcdef123456',
      'Ghijkl123456'
    ])
  })

  it('with fail-fast, learns every line when none fails', async () => {
    const planned = await plan([byJid(G1), byJid(G2)], { failFast: true })
    // Learned, not merely listed: a skipped or failed line names its JID too.
    expect(planned).toEqual([
      expect.objectContaining({ groupJid: G1, inviteCode: client.code(G1) }),
      expect.objectContaining({ groupJid: G2, inviteCode: client.code(G2) })
    ])
    expect(client.calls).toEqual([`info ${G1}`, `info ${G2}`])
  })

  it('retries without a retry hook', async () => {
    client.info({ fail: windowOver() })
    client.list(windowOver(), { communityJid: COMMUNITY, subgroups: [subgroup(G3, false)] })
    const planned = await plan([byJid(G1), community()], { policy: { retries: 1, maxWaitMs: 0 } })
    // Both retries wait on the client's clock: the window is over, so for 0 ms.
    expect(client.clock.sleeps).toEqual([0, 0])
    expect(planned).toEqual([
      expect.objectContaining({ groupJid: G1, inviteCode: client.code(G1) }),
      expect.objectContaining({ groupJid: G3, inviteCode: client.code(G3) })
    ])
  })

  it('refuses a line given by code when the answer shows another code, and names the group it was about', async () => {
    client.info({ answer: { groupJid: G2, inviteCode: client.code(G2), inviteLink: link(client.code(G2)) } })
    const planned = await plan([byCode('Abcdef123456')])
    expect(planned).toEqual([
      {
        group: 'Abcdef123456',
        groupJid: '',
        status: 'failed',
        error:
          `RyzeAPI answered about a group (${G2}) whose invite code is not the one given: the code may be old, ` +
          'or the answer is about another group. Nothing was reset.'
      }
    ])
  })

  it('says only "a group" when the answer with another code names no JID', async () => {
    client.info({ answer: { groupJid: '', inviteCode: 'Other1234567', inviteLink: link('Other1234567') } })
    const [refused] = await plan([byCode('Abcdef123456')])
    expect(refused).toMatchObject({
      error: expect.stringMatching(/^RyzeAPI answered about a group whose invite code is not the one given/)
    })
  })

  it('refuses an answer about another JID than the one asked for', async () => {
    client.info({ answer: { groupJid: G2, inviteCode: client.code(G2), inviteLink: link(client.code(G2)) } })
    const [refused, next] = await plan([byJid(G1), byJid(G3)])
    expect(refused).toEqual({
      group: G1,
      groupJid: G1,
      status: 'failed',
      error: `RyzeAPI answered about another group (${G2}) than the one asked for (${G1}). Nothing was reset.`
    })
    expect(next).toMatchObject({ input: G3, groupJid: G3 })
  })

  it('takes an answer without a JID for a line given by JID as that group', async () => {
    client.info({ answer: { groupJid: '', inviteCode: client.code(G1), inviteLink: link(client.code(G1)) } })
    const [known] = await plan([byJid(G1)])
    expect(known).toMatchObject({ input: G1, identifier: { kind: 'jid', jid: G1 }, inviteCode: client.code(G1) })
  })

  it('fails a line that cannot be learned, says nothing was reset, and goes on to the next', async () => {
    client.info({ fail: notFound() })
    const planned = await plan([byCode('Abcdef123456'), byJid(G2)])
    expect(planned).toEqual([
      {
        group: 'Abcdef123456',
        groupJid: '',
        status: 'failed',
        error: 'RyzeAPI answered 404: the group was not found. Nothing was reset.'
      },
      expect.objectContaining({ input: G2 })
    ])
  })

  it('in a dry run, does not say "Nothing was reset" of a line that failed', async () => {
    client.info({ fail: notFound() })
    const [failed] = await plan([byJid(G1)], { dryRun: true })
    expect(failed).toMatchObject({ groupJid: G1, error: 'RyzeAPI answered 404: the group was not found.' })
  })

  it('keeps secrets out of the error of a line that failed', async () => {
    maskSecret('plan-test-token-4471')
    client.info({ fail: new RequestError('status', 'RyzeAPI echoed plan-test-token-4471 back.', { status: 400 }) })
    const [failed] = await plan([byJid(G1)])
    expect((failed as { error: string }).error).not.toContain('plan-test-token-4471')
    expect((failed as { error: string }).error).toContain('RyzeAPI echoed')
  })

  it('with fail-fast, stops at the first line that fails and skips every later line, saying why', async () => {
    client.info({ fail: notFound() })
    const planned = await plan([byJid(G1), byJid(G2), byCode('Abcdef123456'), community()], { failFast: true })
    const why = 'Not attempted: a group could not be learned and fail-fast is set.'
    expect(planned).toEqual([
      expect.objectContaining({ group: G1, status: 'failed' }),
      { group: G2, groupJid: G2, status: 'skipped', error: why },
      { group: 'Abcdef123456', groupJid: '', status: 'skipped', error: why },
      { group: `community:${COMMUNITY}`, groupJid: '', community: COMMUNITY, status: 'skipped', error: why }
    ])
    expect(client.calls).toEqual([`info ${G1}`])
  })

  it('after a cancellation, learns no further line and says the job was cancelled', async () => {
    const cancel = new AbortController()
    client.onCall = () => cancel.abort()
    const planned = await plan([byJid(G1), byJid(G2)], { signal: cancel.signal })
    expect(planned).toEqual([
      expect.objectContaining({ input: G1, groupJid: G1 }),
      { group: G2, groupJid: G2, status: 'skipped', error: 'Not attempted: the job was cancelled.' }
    ])
    expect(client.calls).toEqual([`info ${G1}`])
  })

  it('retries a failed read and tells which line it was for', async () => {
    client.info({ fail: windowOver() })
    const notices: string[] = []
    const [known] = await plan([byJid(G1)], {
      policy: { retries: 1, maxWaitMs: 0 },
      onRetry: (notice, line) => notices.push(`${line}: attempt ${notice.attempt} of ${notice.maxAttempts}`)
    })
    expect(known).toMatchObject({ groupJid: G1 })
    expect(client.clock.sleeps).toEqual([0])
    expect(notices).toEqual([`${G1}: attempt 1 of 2`])
  })
})

describe('planGroups with a community line', () => {
  it("rotates the community's ordinary subgroups, and says which are left out and why", async () => {
    client.list({
      communityJid: COMMUNITY,
      subgroups: [
        subgroup(G1, false, 'One'),
        subgroup('120363000000000004@g.us', true, 'Announcements'),
        subgroup(COMMUNITY, false),
        subgroup(G3, undefined),
        subgroup(G2, false),
        subgroup(G1, false, 'One')
      ]
    })
    const notes: string[] = []
    const planned = await plan([community()], { onNote: (note) => notes.push(note) })
    expect(planned).toEqual([
      expect.objectContaining({ input: G1, groupJid: G1, name: 'One', community: COMMUNITY }),
      expect.objectContaining({ input: G2, groupJid: G2, name: 'Two', community: COMMUNITY })
    ])
    expect(client.calls).toEqual([`list ${COMMUNITY}`, `info ${G1}`, `info ${G2}`])
    expect(notes).toEqual([
      `community:${COMMUNITY} rotates 2 subgroups: "One" (${G1}), ${G2}; ` +
        `the announcements group "Announcements" (120363000000000004@g.us) is left out; ` +
        `the community itself (${COMMUNITY}) is not one of its subgroups; ` +
        `${G3} is left out, as the answer does not say whether it is the announcements group; ` +
        '1 repeated entry counted once.'
    ])
  })

  it('says "would rotate" in a dry run, and counts repeated entries in the plural', async () => {
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G3, false), subgroup(G3, false), subgroup(G3, false)] })
    const notes: string[] = []
    await plan([community()], { dryRun: true, onNote: (note) => notes.push(note) })
    expect(notes).toEqual([`community:${COMMUNITY} would rotate 1 subgroup: ${G3}; 2 repeated entries counted once.`])
  })

  it("keeps a subgroup's name from the list when its own answer has none", async () => {
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G3, false, 'Three')] })
    const notes: string[] = []
    const [known] = await plan([community()], { onNote: (note) => notes.push(note) })
    expect(known).toMatchObject({ groupJid: G3, name: 'Three', community: COMMUNITY })
    expect(notes).toEqual([`community:${COMMUNITY} rotates 1 subgroup: "Three" (${G3}).`])
  })

  it('takes the community JID as RyzeAPI may write it: in capitals, or without @g.us', async () => {
    const bare = COMMUNITY.replace('@g.us', '')
    client.list(
      { communityJid: ` ${bare} `, subgroups: [subgroup(G1, false)] },
      { communityJid: COMMUNITY.toUpperCase(), subgroups: [subgroup(G2, false)] }
    )
    const planned = await plan([community(), community()])
    expect(planned).toEqual([
      expect.objectContaining({ groupJid: G1, alsoNamedBy: [] }),
      expect.objectContaining({ groupJid: G2 })
    ])
  })

  it('refuses an answer about another community, or about none, and resets nothing for it', async () => {
    client.list({ communityJid: G2, subgroups: [subgroup(G1, false)] }, { subgroups: [subgroup(G1, false)] })
    const planned = await plan([community(), community()])
    expect(planned).toEqual([
      {
        group: `community:${COMMUNITY}`,
        groupJid: '',
        community: COMMUNITY,
        status: 'failed',
        error:
          `RyzeAPI's list of subgroups is about another community (${G2}), not ${COMMUNITY}, so it is not used. ` +
          'Nothing was reset.'
      },
      expect.objectContaining({
        error: `RyzeAPI's list of subgroups is about no named community, not ${COMMUNITY}, so it is not used. Nothing was reset.`
      })
    ])
    expect(client.calls).toEqual([`list ${COMMUNITY}`, `list ${COMMUNITY}`])
  })

  it(`refuses a list of more than ${MAX_COMMUNITY_SUBGROUPS} distinct subgroups, and takes one of exactly that many`, async () => {
    const jids = (count: number) =>
      Array.from({ length: count }, (_, index) => `1203630000001${String(index).padStart(5, '0')}@g.us`)
    for (const jid of jids(MAX_COMMUNITY_SUBGROUPS)) client.group(jid)
    const full = jids(MAX_COMMUNITY_SUBGROUPS).map((jid) => subgroup(jid, false))
    client.list(
      { communityJid: COMMUNITY, subgroups: jids(MAX_COMMUNITY_SUBGROUPS + 1).map((jid) => subgroup(jid, false)) },
      { communityJid: COMMUNITY, subgroups: [...full, ...full] }
    )
    const [tooMany, ...taken] = await plan([community(), community()])
    expect(tooMany).toMatchObject({
      status: 'failed',
      error: `RyzeAPI listed 101 subgroups, more than a WhatsApp community holds (100), so the list is not used. Nothing was reset.`
    })
    expect(taken).toHaveLength(MAX_COMMUNITY_SUBGROUPS)
    expect(client.calls.filter((call) => call.startsWith('info'))).toHaveLength(MAX_COMMUNITY_SUBGROUPS)
  })

  it('fails a community with no ordinary subgroup, saying what was left out', async () => {
    client.list(
      { communityJid: COMMUNITY, subgroups: [subgroup(G1, true, 'News'), subgroup(COMMUNITY, false)] },
      { communityJid: COMMUNITY, subgroups: [] }
    )
    const [some, none] = await plan([community(), community()])
    const rest =
      'The list holds only the groups the instance is in, and a newly linked group can take a few seconds to appear. ' +
      'Nothing was reset.'
    expect(some).toMatchObject({
      status: 'failed',
      error:
        'RyzeAPI listed no subgroup of this community other than its announcements group ' +
        `(the announcements group "News" (${G1}) is left out; the community itself (${COMMUNITY}) is not one of ` +
        `its subgroups). ${rest}`
    })
    expect(none).toMatchObject({
      error: `RyzeAPI listed no subgroup of this community other than its announcements group. ${rest}`
    })
    expect(client.calls).toEqual([`list ${COMMUNITY}`, `list ${COMMUNITY}`])
  })

  it('fails a community whose list cannot be read, says nothing was reset, and tells its retries by line', async () => {
    maskSecret('plan-test-token-8812')
    client.list(
      windowOver(),
      new RequestError('status', 'RyzeAPI answered 500 with plan-test-token-8812.', { status: 500 })
    )
    const notices: string[] = []
    const [failed] = await plan([community()], {
      policy: { retries: 1, maxWaitMs: 0 },
      onRetry: (notice, line) => notices.push(`${line} ${notice.attempt}`)
    })
    expect(failed).toMatchObject({
      group: `community:${COMMUNITY}`,
      status: 'failed',
      error: expect.stringMatching(/^Gave up after 2 attempts. RyzeAPI answered 500 with .*\. Nothing was reset\.$/)
    })
    expect((failed as { error: string }).error).not.toContain('plan-test-token-8812')
    expect(notices).toEqual([`community:${COMMUNITY} 1`])
  })

  it('makes a subgroup also named by its JID one group, named by the community line too', async () => {
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G1, false), subgroup(G2, false)] })
    const planned = await plan([byJid(G1), community()])
    expect(planned).toEqual([
      expect.objectContaining({ input: G1, alsoNamedBy: [`community:${COMMUNITY}`] }),
      expect.objectContaining({ input: G2, community: COMMUNITY })
    ])
    expect(client.calls).toEqual([`info ${G1}`, `list ${COMMUNITY}`, `info ${G2}`])
  })

  it('fails a subgroup that cannot be learned as its own line, keeping its community and name', async () => {
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G1, false, 'One'), subgroup(G2, false)] })
    client.info({ fail: notFound() })
    const planned = await plan([community(), byJid(G3)], { failFast: true })
    expect(planned).toEqual([
      expect.objectContaining({ input: G2 }),
      {
        group: G1,
        groupJid: G1,
        name: 'One',
        community: COMMUNITY,
        status: 'failed',
        error: 'RyzeAPI answered 404: the group was not found. Nothing was reset.'
      },
      expect.objectContaining({ group: G3, status: 'skipped' })
    ])
  })

  it("stops learning a community's subgroups once the job is cancelled", async () => {
    const cancel = new AbortController()
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G1, false), subgroup(G2, false), subgroup(G3, false)] })
    client.onCall = (call) => {
      if (call === `info ${G1}`) cancel.abort()
    }
    const planned = await plan([community(), byJid(G3)], { signal: cancel.signal })
    expect(client.calls).toEqual([`list ${COMMUNITY}`, `info ${G1}`])
    expect(planned).toEqual([
      expect.objectContaining({ input: G1, groupJid: G1 }),
      expect.objectContaining({ group: G3, status: 'skipped', error: 'Not attempted: the job was cancelled.' })
    ])
  })
})

describe('planGroups: one key per group when an answer names no JID', () => {
  const noJid = (code: string, name?: string) => ({
    answer: { groupJid: '', inviteCode: code, inviteLink: link(code), ...(name === undefined ? {} : { name }) }
  })
  const warningsOf = async (lines: GroupLine[]) => {
    const warnings: Array<[string, string]> = []
    const planned = await plan(lines, { onWarning: (title, message) => warnings.push([title, message]) })
    return { planned, warnings }
  }

  it('joins a line RyzeAPI names no JID for to the JID line whose group shows the same live code, and names it by the JID', async () => {
    const code1 = client.code(G1)
    // The client fills in the JID asked for when the answer has none: the JID line is known by it.
    client.info(noJid(code1), 'honest')
    const { planned, warnings } = await warningsOf([byCode(code1, link(code1)), byJid(G1), byJid(G2)])
    expect(planned).toEqual([
      {
        input: link(code1),
        alsoNamedBy: [G1],
        identifier: { kind: 'jid', jid: G1 },
        groupJid: G1,
        inviteCode: code1,
        inviteLink: link(code1),
        name: 'One'
      },
      expect.objectContaining({ input: G2, groupJid: G2 })
    ])
    expect(warnings).toEqual([])
  })

  it('takes the name the JID line learned when the first line had none, and keeps the first name otherwise', async () => {
    const code1 = client.code(G1)
    client.info(noJid(code1), { answer: { groupJid: G1, inviteCode: code1, inviteLink: link(code1), name: 'Named' } })
    const [joined] = await plan([byCode(code1), byJid(G1)])
    expect(joined).toMatchObject({ groupJid: G1, name: 'Named' })

    client.info(noJid(code1, 'First'), {
      answer: { groupJid: G1, inviteCode: code1, inviteLink: link(code1), name: 'Second' }
    })
    const [kept] = await plan([byCode(code1), byJid(G1)])
    expect(kept).toMatchObject({ groupJid: G1, name: 'First' })
  })

  it('joins a later line with no JID to an earlier JID line, whose lines it joins', async () => {
    const code1 = client.code(G1)
    client.info('honest', noJid(code1))
    const { planned, warnings } = await warningsOf([byJid(G1), byCode(code1, link(code1))])
    expect(planned).toEqual([
      expect.objectContaining({ input: G1, alsoNamedBy: [link(code1)], identifier: { kind: 'jid', jid: G1 } })
    ])
    expect(warnings).toEqual([])
  })

  it('resets each line once, and warns, when no other line shows the live code of a line with no JID', async () => {
    client.info(noJid('Abcdef123456'), noJid('Ghijkl123456'))
    const { planned, warnings } = await warningsOf([byCode('Abcdef123456'), byCode('Ghijkl123456'), byJid(G3)])
    expect(planned.map((group) => ('inviteCode' in group ? group.inviteCode : group.status))).toEqual([
      'Abcdef123456',
      'Ghijkl123456',
      client.code(G3)
    ])
    expect(warnings).toEqual(
      ['Abcdef123456', 'Ghijkl123456'].map((code) => [
        `Cannot tell whether ${code} is another line's group`,
        `RyzeAPI's info about ${code} names no JID, and no other line's group shows its live code, so the plan ` +
          'cannot tell whether it is one of the other groups: each is reset once.'
      ])
    )
  })

  it('does not warn of a line with no JID that is the only group, nor count a failed line as a group', async () => {
    client.info(noJid('Abcdef123456'), { fail: notFound() })
    const { planned, warnings } = await warningsOf([byCode('Abcdef123456'), byJid(G2)])
    expect(planned).toEqual([
      expect.objectContaining({ groupJid: '', inviteCode: 'Abcdef123456' }),
      expect.objectContaining({ group: G2, status: 'failed' })
    ])
    expect(warnings).toEqual([])
  })

  it('keeps apart two groups that claim one live code under two JIDs', async () => {
    const code1 = client.code(G1)
    client.info(
      'honest',
      { answer: { groupJid: G2, inviteCode: code1, inviteLink: link(code1) } },
      noJid('Abcdef123456')
    )
    const planned = await plan([byJid(G1), byJid(G2), byCode('Abcdef123456')])
    expect(planned.map((group) => ('groupJid' in group ? group.groupJid : ''))).toEqual([G1, G2, ''])
  })
})

describe("planGroups: a community's list checked against each subgroup's own info", () => {
  const OTHER = '120363000000000077@g.us'
  const own = (jid: string, claims: { isDefaultSubGroup?: boolean; community?: string }, name?: string) => {
    const code = client.code(jid)
    return {
      answer: {
        groupJid: jid,
        inviteCode: code,
        inviteLink: link(code),
        ...(name === undefined ? {} : { name }),
        ...claims
      }
    }
  }

  it.each([
    [
      'calls it the announcements group',
      { isDefaultSubGroup: true },
      `the list of ${COMMUNITY} calls it an ordinary subgroup, but its own info calls it the community's announcements group`
    ],
    [
      'links it to another community',
      { community: OTHER },
      `the list of ${COMMUNITY} names it, but its own info links it to another community (${OTHER})`
    ]
  ])('leaves alone a subgroup whose own info %s, with a warning, and goes on', async (_what, claims, why) => {
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G1, false), subgroup(G2, false, 'Two')] })
    client.info(own(G1, { isDefaultSubGroup: false, community: COMMUNITY }), own(G2, claims, 'Two'))
    const warnings: Array<[string, string]> = []
    const planned = await plan([community(), byJid(G3)], {
      failFast: true,
      onWarning: (title, message) => warnings.push([title, message])
    })
    const error = `Not reset: ${why}. The safer reading wins: it is left alone.`
    expect(planned).toEqual([
      expect.objectContaining({ input: G1, community: COMMUNITY }),
      { group: G2, groupJid: G2, name: 'Two', community: COMMUNITY, status: 'skipped', error },
      expect.objectContaining({ input: G3, groupJid: G3 })
    ])
    expect(warnings).toEqual([[`"Two" (${G2}) left alone: RyzeAPI's answers disagree`, error]])
  })

  it('names a subgroup left alone by its JID when it has no name, and warns without a hook', async () => {
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G1, false), subgroup(G3, false)] })
    client.info('honest', own(G3, { isDefaultSubGroup: true }))
    const titles: string[] = []
    const planned = await plan([community()], { onWarning: (title) => titles.push(title) })
    expect(titles).toEqual([`${G3} left alone: RyzeAPI's answers disagree`])
    expect(planned[1]).toEqual({
      group: G3,
      groupJid: G3,
      community: COMMUNITY,
      status: 'skipped',
      error: expect.stringMatching(/^Not reset: the list of .* calls it an ordinary subgroup/)
    })
  })

  it('rotates a subgroup whose own info agrees, or says nothing of its community', async () => {
    client.list({ communityJid: COMMUNITY, subgroups: [subgroup(G1, false), subgroup(G2, false)] })
    client.info(own(G1, { isDefaultSubGroup: false, community: COMMUNITY }), own(G2, {}))
    const warnings: string[] = []
    const planned = await plan([community()], { onWarning: (title) => warnings.push(title) })
    expect(planned.map((group) => ('status' in group ? group.status : group.groupJid))).toEqual([G1, G2])
    expect(warnings).toEqual([])
  })

  it('does not check a group named by its own line, which asks for it whatever its community says', async () => {
    client.info(own(G1, { isDefaultSubGroup: true, community: OTHER }))
    const planned = await plan([byJid(G1)])
    expect(planned).toEqual([expect.objectContaining({ groupJid: G1, alsoNamedBy: [] })])
  })
})
