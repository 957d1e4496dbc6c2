import { afterEach, describe, expect, it } from '@jest/globals'
import { type IncomingHttpHeaders, request as httpRequest } from 'node:http'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_INSTANCE,
  DEFAULT_TOKEN,
  RyzeSimulator,
  type SimulatedGroup,
  type SimulatorOptions
} from './ryze-simulator.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { pendingNow } from './ryze-participants.js'
import { INSTANCE, LEAKER, LEAKER_LID, supportGroup } from '../helpers/support-group.js'

interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

const INFO = `/api/group/info/${DEFAULT_INSTANCE}?identifier=${encodeURIComponent(DEFAULT_GROUP_JID)}`
const RESET = `/api/group/resetLink/${DEFAULT_INSTANCE}`

describe('the RyzeAPI simulator', () => {
  let simulator: RyzeSimulator
  afterEach(() => simulator.stop())

  async function started(options: SimulatorOptions = {}): Promise<RyzeSimulator> {
    simulator = new RyzeSimulator(options)
    await simulator.start()
    return simulator
  }

  /** One request as it goes over the wire, so that the framing headers can be seen. */
  function send(path: string, method = 'GET', body?: string): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        `${simulator.url}${path}`,
        { method, headers: { token: DEFAULT_TOKEN, 'content-type': 'application/json' } },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8')
            })
          )
          response.on('error', reject)
        }
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  }
  const reset = (): Promise<RawAnswer> => send(RESET, 'POST', JSON.stringify({ identifier: DEFAULT_GROUP_JID }))

  it('declares a Content-Length on one answer and sends the next chunked, in turn', async () => {
    await started()
    const [first, second] = [await send(INFO), await send(INFO)]
    expect(first.headers['content-length']).toBe(String(Buffer.byteLength(first.body)))
    expect(first.headers['transfer-encoding']).toBeUndefined()
    expect(second.headers['content-length']).toBeUndefined()
    expect(second.headers['transfer-encoding']).toBe('chunked')
  })

  it.each(['content-length', 'chunked'] as const)('frames every answer as %s when asked', async (framing) => {
    await started({ framing })
    for (const answer of [await send(INFO), await reset()]) {
      expect(answer.headers['content-length'] !== undefined).toBe(framing === 'content-length')
    }
  })

  it("declares a fault's Content-Length even when the body is shorter, then hangs up", async () => {
    await started({ framing: 'chunked' })
    simulator.injectFault({ route: 'info', status: 200, body: { success: true }, declaredLength: 2_000_000 })
    const answer = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      httpRequest(`${simulator.url}${INFO}`, { headers: { token: DEFAULT_TOKEN } }, (response) => {
        resolve(response.headers)
        response.on('error', () => undefined)
        response.resume()
      })
        .on('error', reject)
        .end()
    })
    expect(answer['content-length']).toBe('2000000')
  })

  it('counts every answer against the rate-limit bucket, faults included', async () => {
    await started({ rateLimit: { limit: 3, windowMs: 60_000 } })
    simulator.injectFault({ route: 'info', status: 500, body: { success: false, error: { message: 'boom' } } })
    simulator.injectFault({ route: 'info', drop: true })
    const failed = await send(INFO)
    expect([failed.status, failed.headers['x-ratelimit-remaining']]).toEqual([500, '2'])
    await expect(send(INFO)).rejects.toThrow()
    const last = await send(INFO)
    expect([last.status, last.headers['x-ratelimit-remaining']]).toEqual([200, '0'])
    const refused = await send(INFO)
    expect(refused.status).toBe(429)
    expect(simulator.requests.map((request) => request.status)).toEqual([500, 0, 200, 429])
  })

  it('opens a window that ends when the test says, not at the next second', async () => {
    await started({ rateLimit: { limit: 5, windowMs: 1000 } })
    const before = Date.now()
    simulator.startRateLimitWindow(2000)
    const answer = await send(INFO)
    expect(answer.headers['x-ratelimit-remaining']).toBe('4')
    const resetAt = Number(answer.headers['x-ratelimit-reset']) * 1000
    expect(resetAt).toBeGreaterThanOrEqual(before + 2000)
    expect(resetAt).toBeLessThan(Date.now() + 3000)
  })

  it.each([
    ['group', (body: Record<string, { inviteLink?: string }>) => body.group?.inviteLink],
    ['data', (body: Record<string, { inviteLink?: string }>) => body.data?.inviteLink],
    ['top-level', (body: Record<string, unknown>) => body.inviteLink]
  ] as const)("answers the info call with the link in the %s shape RyzeAPI's guide allows", async (infoShape, link) => {
    await started({ infoShape })
    const answer = JSON.parse((await send(INFO)).body) as Record<string, never>
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(link(answer)).toBe(`https://chat.whatsapp.com/${code}`)
    expect(Object.keys(answer).sort()).toEqual(
      infoShape === 'top-level'
        ? ['description', 'inviteLink', 'jid', 'name', 'success']
        : [infoShape, 'success'].sort()
    )
  })

  it('leaves the JID out of the info answer when told to, and still names it in the reset answer', async () => {
    await started({ infoOmitsJid: true })
    const info = JSON.parse((await send(INFO)).body) as { group: Record<string, unknown> }
    expect(Object.keys(info.group).sort()).toEqual(['description', 'inviteLink', 'name'])
    const answer = JSON.parse((await reset()).body) as Record<string, unknown>
    expect(answer.groupJid).toBe(DEFAULT_GROUP_JID)
  })

  it('gives a fault only to a request on its route; others pass it by', async () => {
    await started()
    simulator.injectFault({ route: 'resetLink', status: 503, body: { success: false, error: { message: 'busy' } } })
    expect((await send(INFO)).status).toBe(200)
    expect((await reset()).status).toBe(503)
    expect(simulator.resets).toEqual([])
    expect((await reset()).status).toBe(200)
    expect(simulator.resets).toHaveLength(1)
  })

  it('carries a reset out before spoiling its answer, for an answer lost after the effect', async () => {
    await started()
    const before = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    simulator.injectFault({ route: 'resetLink', afterEffect: true, status: 502, body: '<html>Bad Gateway</html>' })
    expect((await reset()).status).toBe(502)
    expect(simulator.resets).toEqual([expect.objectContaining({ jid: DEFAULT_GROUP_JID, oldCode: before })])
  })

  it("keeps a test's clock: reads lag, late resets fall due and requests are stamped by it alone", async () => {
    const clock = new ManualClock()
    await started({ clock, readLagMs: 1000 })
    const linkIn = (answer: RawAnswer) =>
      (JSON.parse(answer.body) as { group: { inviteLink: string } }).group.inviteLink
    const before = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    simulator.injectFault({ route: 'resetLink', status: 502, body: 'Bad Gateway', carryOutAfterMs: 500 })
    expect((await reset()).status).toBe(502)
    clock.advance(499)
    expect(simulator.resets).toEqual([])
    clock.advance(1)
    const after = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(simulator.resets).toEqual([{ jid: DEFAULT_GROUP_JID, oldCode: before, newCode: after }])
    // Carried out at 500 ms, it shows in reads from 1500 ms on, however long the test really took.
    clock.advance(999)
    expect(linkIn(await send(INFO))).toBe(`https://chat.whatsapp.com/${before}`)
    clock.advance(1)
    expect(linkIn(await send(INFO))).toBe(`https://chat.whatsapp.com/${after}`)
    const start = Date.parse('2026-11-26T03:00:00Z')
    expect(simulator.requests.map((request) => request.arrivedAt - start)).toEqual([0, 1499, 1500])
  })

  it('lags each read by its own amount when told, so that reads can go back in time, then by readLagMs again', async () => {
    const clock = new ManualClock()
    await started({ clock, readLagMs: 0 })
    const linkIn = (answer: RawAnswer) =>
      (JSON.parse(answer.body) as { group: { inviteLink: string } }).group.inviteLink
    const before = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    clock.advance(1000)
    expect((await reset()).status).toBe(200)
    const after = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    clock.advance(100)
    // A fresh replica, then one 500 ms behind, then one 50 ms behind, then the simulator's own lag (none).
    simulator.readLags.push(0, 500, 50)
    const links = [await send(INFO), await send(INFO), await send(INFO), await send(INFO)].map(linkIn)
    expect(links).toEqual([after, before, after, after].map((code) => `https://chat.whatsapp.com/${code}`))
  })

  it('assigns a link twice when told: the answer names one code, and another becomes live later, unasked', async () => {
    const clock = new ManualClock()
    await started({ clock })
    const before = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    simulator.injectFault({ route: 'resetLink', reassignAfterMs: 300 })
    const answer = JSON.parse((await reset()).body) as { inviteCode: string }
    expect(simulator.resets).toEqual([{ jid: DEFAULT_GROUP_JID, oldCode: before, newCode: answer.inviteCode }])
    clock.advance(299)
    expect(simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode).toBe(answer.inviteCode)
    clock.advance(1)
    const live = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(live).not.toBe(answer.inviteCode)
    expect(simulator.resets).toHaveLength(2)
    expect(simulator.resets[1]).toEqual({ jid: DEFAULT_GROUP_JID, oldCode: answer.inviteCode, newCode: live })
  })

  it('answers no sooner than delayMs', async () => {
    await started()
    simulator.injectFault({ route: 'info', delayMs: 300 })
    const sentAt = Date.now()
    expect((await send(INFO)).status).toBe(200)
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(300)
  })

  describe("what a group's own answers say of it", () => {
    const COMMUNITY = '120363400000000099@g.us'
    const ORDINARY = '120363400000000001@g.us'
    const ANNOUNCEMENTS = '120363400000000002@g.us'
    const groups = [
      { jid: DEFAULT_GROUP_JID, subject: 'Alone', inviteCode: 'AloneCode0001', admin: true, member: true },
      { jid: ORDINARY, subject: 'Ordinary', inviteCode: 'OrdinaryCode01', admin: true, member: true },
      { jid: ANNOUNCEMENTS, subject: 'News', inviteCode: 'NewsCode00001', admin: true, member: true }
    ]
    const communities = [{ jid: COMMUNITY, subgroups: [ORDINARY, ANNOUNCEMENTS], announcements: ANNOUNCEMENTS }]
    const infoOf = async (jid: string): Promise<Record<string, unknown>> =>
      (
        JSON.parse(
          (await send(`/api/group/info/${DEFAULT_INSTANCE}?identifier=${encodeURIComponent(jid)}&participants=false`))
            .body
        ) as { group: Record<string, unknown> }
      ).group
    const listed = async (): Promise<unknown> =>
      (
        JSON.parse(
          (await send(`/api/community/listSubGroups/${DEFAULT_INSTANCE}?communityJid=${encodeURIComponent(COMMUNITY)}`))
            .body
        ) as { subgroups: unknown }
      ).subgroups

    it("says in a subgroup's info whether it is the announcements group, and its community; nothing for a group in none", async () => {
      await started({ groups, communities })
      expect(await infoOf(ORDINARY)).toMatchObject({
        jid: ORDINARY,
        isDefaultSubGroup: false,
        linkedParentJid: COMMUNITY
      })
      expect(await infoOf(ANNOUNCEMENTS)).toMatchObject({ isDefaultSubGroup: true, linkedParentJid: COMMUNITY })
      const alone = await infoOf(DEFAULT_GROUP_JID)
      expect(alone).not.toHaveProperty('isDefaultSubGroup')
      expect(alone).not.toHaveProperty('linkedParentJid')
    })

    it("lets a group's own info disagree with the community's list, which stays as it was", async () => {
      await started({
        groups: groups.map((group) =>
          group.jid === ORDINARY
            ? { ...group, ownInfo: { isDefaultSubGroup: true, linkedParentJid: '120363400000000077@g.us' } }
            : group
        ),
        communities
      })
      expect(await infoOf(ORDINARY)).toMatchObject({
        isDefaultSubGroup: true,
        linkedParentJid: '120363400000000077@g.us'
      })
      expect(await listed()).toEqual([
        { jid: ORDINARY, name: 'Ordinary', isDefaultSubGroup: false },
        { jid: ANNOUNCEMENTS, name: 'News', isDefaultSubGroup: true }
      ])
    })

    it('writes a JID without @g.us, or leaves it out, in the info and the reset answers alike', async () => {
      await started({ groups: [{ ...groups[0]!, jidForm: 'without-suffix' }] })
      expect((await infoOf(DEFAULT_GROUP_JID)).jid).toBe(DEFAULT_GROUP_JID.replace('@g.us', ''))
      expect(JSON.parse((await reset()).body)).toMatchObject({ groupJid: DEFAULT_GROUP_JID.replace('@g.us', '') })
      await simulator.stop()

      await started({ groups: [{ ...groups[0]!, jidForm: 'omitted' }] })
      expect(await infoOf(DEFAULT_GROUP_JID)).not.toHaveProperty('jid')
      const answer = JSON.parse((await reset()).body) as Record<string, unknown>
      expect(answer).not.toHaveProperty('groupJid')
      expect(answer).toMatchObject({ success: true, inviteCode: simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode })
    })
  })
})

/** The people of a group as a real RyzeAPI may show them (issue #31): each way it can disagree with itself. */
describe('the RyzeAPI simulator: members and join requests', () => {
  // The instance's number, listed here as the creator only (no isInstance): the rules for a creator.
  const CREATOR = INSTANCE
  let simulator: RyzeSimulator
  afterEach(() => simulator.stop())

  async function started(group: Partial<SimulatedGroup>, clock?: ManualClock, readLagMs = 0): Promise<SimulatedGroup> {
    simulator = new RyzeSimulator({
      ...(clock ? { clock } : {}),
      readLagMs,
      groups: [
        supportGroup({
          members: [
            { jid: `${LEAKER}@s.whatsapp.net`, lid: LEAKER_LID, isAdmin: false },
            { jid: `${CREATOR}@s.whatsapp.net`, lid: '200000000000009@lid', isAdmin: true, isSuperAdmin: true }
          ],
          ...group
        })
      ]
    })
    await simulator.start()
    return simulator.groups.get(DEFAULT_GROUP_JID)!
  }
  async function get(path: string, query = ''): Promise<Record<string, unknown>> {
    const url = `${simulator.url}/api/group/${path}/${DEFAULT_INSTANCE}?identifier=${encodeURIComponent(DEFAULT_GROUP_JID)}${query}`
    return (await (await fetch(url, { headers: { token: DEFAULT_TOKEN } })).json()) as Record<string, unknown>
  }
  const members = async () =>
    ((await get('info', '&participants=true')).group as { participants: unknown[] }).participants
  async function change(action: string, participants: string[]): Promise<Record<string, unknown>> {
    const answer = await fetch(`${simulator.url}/api/group/participants/${DEFAULT_INSTANCE}`, {
      method: 'POST',
      headers: { token: DEFAULT_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ action, identifier: DEFAULT_GROUP_JID, participants })
    })
    return (await answer.json()) as Record<string, unknown>
  }

  it('lists members by contact JID, or by LID with or without their phone number, and says who is super-admin', async () => {
    const group = await started({})
    expect(await members()).toEqual([
      { jid: `${LEAKER}@s.whatsapp.net`, isAdmin: false, isSuperAdmin: false },
      { jid: `${CREATOR}@s.whatsapp.net`, isAdmin: true, isSuperAdmin: true }
    ])
    group.listsMembersBy = 'lid'
    group.members![1]!.hidesPhoneNumber = true
    expect(await members()).toEqual([
      { jid: LEAKER_LID, phoneNumber: LEAKER, isAdmin: false, isSuperAdmin: false },
      { jid: '200000000000009@lid', isAdmin: true, isSuperAdmin: true }
    ])
  })

  it('acts on a member named by number or by LID, in reverse order or without names when told to', async () => {
    const group = await started({ reversesResults: true })
    expect((await change('remove', ['5511999990005', LEAKER_LID])).results).toEqual([
      { participant: LEAKER_LID, success: true },
      { participant: '5511999990005', success: false, error: 'not a participant of the group' }
    ])
    expect(group.members!.map((member) => member.jid)).toEqual([`${CREATOR}@s.whatsapp.net`])
    group.unnamedResults = true
    expect((await change('remove', [CREATOR])).results).toEqual([
      { success: false, error: 'not authorized to remove the group creator' }
    ])
  })

  it("takes the instance's rights away when its own number is demoted or removed", async () => {
    const group = await started({
      members: [{ jid: `${CREATOR}@s.whatsapp.net`, isAdmin: true, isSuperAdmin: true, isInstance: true }]
    })
    await change('demote', [CREATOR])
    expect([group.admin, group.superAdmin, group.member]).toEqual([false, false, true])
    group.admin = group.superAdmin = true
    await change('remove', [CREATOR])
    expect([group.admin, group.member, group.members]).toEqual([false, false, []])
  })

  it('answers empty member lists after a call when told to, then the real one again', async () => {
    await started({ emptyMemberListsAfterCall: 2, requests: [] })
    expect(await members()).toHaveLength(2)
    await get('requests')
    expect(await members()).toEqual([])
    expect(await members()).toEqual([])
    expect(await members()).toHaveLength(2)
  })

  it('pages the join requests by `page`, with meta.total, or ignores the page when told to', async () => {
    const requests = [1, 2, 3].map((n) => ({ jid: `30000000000000${n}@lid`, phoneNumber: null }))
    const group = await started({ requests, requestsPerPage: 2 })
    const jids = (answer: Record<string, unknown>) => (answer.requests as Array<{ jid: string }>).map((r) => r.jid)
    expect(await get('requests')).toMatchObject({ meta: { total: 3 } })
    expect(jids(await get('requests'))).toEqual([requests[0]!.jid, requests[1]!.jid])
    expect(jids(await get('requests', '&page=2'))).toEqual([requests[2]!.jid])
    expect(jids(await get('requests', '&page=3'))).toEqual([])
    group.ignoresPage = true
    expect(jids(await get('requests', '&page=2'))).toEqual([requests[0]!.jid, requests[1]!.jid])
  })

  it('lets join requests arrive and be withdrawn between listings, and rejects only those pending', async () => {
    const [early, withdrawn, late] = [1, 2, 3].map((n) => `30000000000000${n}@lid`)
    const group = await started({
      requests: [
        { jid: early!, phoneNumber: null },
        { jid: withdrawn!, phoneNumber: null, withdrawnAfterListings: 1 },
        { jid: late!, phoneNumber: null, arrivesAfterListings: 1 }
      ]
    })
    const listed = async () => ((await get('requests')).requests as Array<{ jid: string }>).map((r) => r.jid)
    expect((await change('reject', [late!])).results).toEqual([
      { participant: late, success: false, error: 'no pending join request' }
    ])
    expect(await listed()).toEqual([early, withdrawn])
    expect(await get('requests')).toMatchObject({ requests: [{ jid: early }, { jid: late }], meta: { total: 2 } })
    expect((await change('reject', [withdrawn!, late!])).results).toEqual([
      { participant: withdrawn, success: false, error: 'no pending join request' },
      { participant: late, success: true }
    ])
    expect(pendingNow(group).map((request) => request.jid)).toEqual([early])
  })

  it('answers per-participant results in an order drawn from a seed, the same for the same seed', async () => {
    const members = [1, 2, 3, 4, 5, 6].map((n) => ({ jid: `55119999900${n}0@s.whatsapp.net`, isAdmin: false }))
    const group = await started({ members: [...members], shufflesResults: 7 })
    const asked = members.map((member) => member.jid)
    const order = async (): Promise<string[]> =>
      ((await change('demote', asked)).results as Array<{ participant: string }>).map((r) => r.participant)
    const first = await order()
    expect(first).not.toEqual(asked)
    expect([...first].sort()).toEqual([...asked].sort())
    expect(await order()).toEqual(first)
    group.shufflesResults = 8
    expect(await order()).not.toEqual(first)
  })

  it('carries out a participants call late when told to, whatever its answer', async () => {
    const clock = new ManualClock()
    const group = await started({}, clock)
    simulator.injectFault({ route: 'participants', status: 502, body: 'Bad Gateway', carryOutAfterMs: 3000 })
    const lost = await fetch(`${simulator.url}/api/group/participants/${DEFAULT_INSTANCE}`, {
      method: 'POST',
      headers: { token: DEFAULT_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'remove', identifier: DEFAULT_GROUP_JID, participants: [LEAKER] })
    })
    expect(lost.status).toBe(502)
    expect(group.members).toHaveLength(2)
    clock.advance(3000)
    expect(group.members!.map((member) => member.jid)).toEqual([`${CREATOR}@s.whatsapp.net`])
  })

  it('lags member lists and join-request listings as it lags links, each read by its own amount when told', async () => {
    const clock = new ManualClock()
    const request = '300000000000001@lid'
    const group = await started({ requests: [{ jid: request, phoneNumber: null }] }, clock, 1000)
    const memberJids = async () => ((await members()) as Array<{ jid: string }>).map((member) => member.jid)
    const pending = async () => ((await get('requests')).requests as Array<{ jid: string }>).map((r) => r.jid)
    clock.advance(5000)
    expect((await change('remove', [LEAKER])).results).toEqual([{ participant: LEAKER, success: true }])
    expect((await change('reject', [request])).results).toEqual([{ participant: request, success: true }])
    expect(group.members).toHaveLength(1)
    // Written at 5000 ms, the changes show in reads from 6000 ms on.
    clock.advance(999)
    expect(await memberJids()).toEqual([`${LEAKER}@s.whatsapp.net`, `${CREATOR}@s.whatsapp.net`])
    expect(await pending()).toEqual([request])
    clock.advance(1)
    expect(await memberJids()).toEqual([`${CREATOR}@s.whatsapp.net`])
    expect(await pending()).toEqual([])
    // A fresh replica, then one 1.5 s behind (back in time), then the simulator's own lag again.
    simulator.readLags.push(0, 1500, 1500)
    expect(await memberJids()).toEqual([`${CREATOR}@s.whatsapp.net`])
    expect(await memberJids()).toHaveLength(2)
    expect(await pending()).toEqual([request])
    expect(await pending()).toEqual([])
  })

  it("keeps a test's own edits of the members: a lagging read shows them as they were just before the next change", async () => {
    const clock = new ManualClock()
    const group = await started({}, clock, 1000)
    const newcomer = { jid: '5511999990077@s.whatsapp.net', isAdmin: false }
    group.members!.push(newcomer)
    clock.advance(100)
    await change('demote', [CREATOR])
    const seen = (await members()) as Array<{ jid: string; isAdmin: boolean }>
    expect(seen.map(({ jid, isAdmin }) => [jid, isAdmin])).toEqual([
      [`${LEAKER}@s.whatsapp.net`, false],
      [`${CREATOR}@s.whatsapp.net`, true],
      [newcomer.jid, false]
    ])
    clock.advance(1000)
    expect(((await members()) as Array<{ isAdmin: boolean }>).map((member) => member.isAdmin)).toEqual([
      false,
      false,
      false
    ])
  })

  it('lets a join request that arrives at a listing show only in the reads that lag less than its arrival', async () => {
    const clock = new ManualClock()
    const late = '300000000000003@lid'
    await started({ requests: [{ jid: late, phoneNumber: null, arrivesAfterListings: 1 }] }, clock, 1000)
    const pending = async () => ((await get('requests')).requests as Array<{ jid: string }>).map((r) => r.jid)
    expect(await pending()).toEqual([])
    clock.advance(999)
    expect(await pending()).toEqual([])
    clock.advance(1)
    expect(await pending()).toEqual([late])
  })
})
