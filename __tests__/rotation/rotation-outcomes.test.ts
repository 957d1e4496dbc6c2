import { beforeEach, describe, expect, it } from '@jest/globals'
import { RequestError } from '../../src/safety/errors.js'
import type { KnownGroup } from '../../src/plan/known-group.js'
import type { GroupResult } from '../../src/report/outcome.js'
import type { PlannedGroup } from '../../src/plan/plan.js'
import { type RotationHooks, type RotationSettings, rotateGroups } from '../../src/rotation/rotation.js'
import type { RetryNotice } from '../../src/ryze/retry.js'
import { maskSecret } from '../../src/safety/secrets.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { ScriptedClient, link } from '../helpers/scripted-client.js'

/*
 * The rotation, driven with a stand-in client on a manual clock: each group ends in a definite
 * outcome, and a link is published only with evidence that it is live (src/rotation/link-evidence.ts).
 */

const G1 = '120363000000000001@g.us'
const G2 = '120363000000000002@g.us'
const G3 = '120363000000000003@g.us'
const START = Date.parse('2026-11-26T03:00:00Z')
const LAG_MS = 4000
const UNCHANGED = 'The link, read back once 2 x max-lag (8 s) had passed since the reset was sent, is unchanged'

const badGateway = (): RequestError => new RequestError('status', 'RyzeAPI answered 502: Bad Gateway.', { status: 502 })
const notFound = (): RequestError =>
  new RequestError('status', 'RyzeAPI answered 404: the group was not found.', { status: 404 })
const refused = (): RequestError =>
  new RequestError('network', 'The connection to RyzeAPI was refused.', { requestSent: false })
const busy = (): RequestError => new RequestError('status', 'RyzeAPI answered 503: busy.', { status: 503 })
const limitedUntil = (at: number): RequestError =>
  new RequestError('status', 'RyzeAPI answered 429: too many requests.', { status: 429, retryAt: new Date(at) })
const cancelledMidway = (): RequestError => new RequestError('cancelled', 'Cancelled during the request to RyzeAPI.')

/** What an incident step tells of its first retry. */
const firstRetryOf = (what: string): RetryNotice => ({
  what,
  attempt: 1,
  maxAttempts: 2,
  error: busy(),
  delayMs: 0,
  waitingFor: 'backoff'
})

let clock: ManualClock
let client: ScriptedClient
beforeEach(() => {
  clock = new ManualClock(START)
  client = new ScriptedClient(clock).group(G1, 'One').group(G2).group(G3)
})

/** A group as the plan knows it, from the stand-in's state now. */
const known = (jid: string, extra: Partial<KnownGroup> = {}): KnownGroup => ({
  input: jid,
  alsoNamedBy: [],
  identifier: { kind: 'jid', jid },
  groupJid: jid,
  inviteCode: client.code(jid),
  inviteLink: link(client.code(jid)),
  ...extra
})

const base: Omit<RotationSettings, 'groups'> = {
  dryRun: false,
  failFast: false,
  retries: 0,
  maxWaitMs: 0,
  maxLagMs: LAG_MS
}
const rotate = (groups: PlannedGroup[], settings: Partial<RotationSettings> = {}, hooks: RotationHooks = {}) =>
  rotateGroups({ ...base, ...settings, groups }, client.asClient, hooks)
const rotateOne = async (settings: Partial<RotationSettings> = {}, hooks: RotationHooks = {}): Promise<GroupResult> =>
  (await rotate([known(G1)], settings, hooks))[0]!

/** When each read was made, counted from the start. */
const readOffsets = (): number[] => client.readTimes.map((at) => at - START)

describe('rotateGroups: the plain cases', () => {
  it('publishes the answer to the only reset, with the link it revoked, reading nothing back', async () => {
    const old = client.code(G1)
    const result = await rotateOne()
    expect(result).toEqual({
      group: G1,
      groupJid: G1,
      inviteCode: client.code(G1),
      inviteLink: link(client.code(G1)),
      previousInviteLink: link(old),
      status: 'reset'
    })
    expect(client.calls).toEqual([`reset ${G1}`])
    expect(clock.sleeps).toEqual([])
  })

  it("keeps the group's name, community and the other lines that named it in its result", async () => {
    const group = known(G1, { input: 'line', alsoNamedBy: ['other line'], name: 'One', community: G3 })
    const [result] = await rotate([group])
    expect(result).toMatchObject({ group: 'line', alsoNamedBy: ['other line'], name: 'One', community: G3 })
  })

  // Since issue #31 (item 3) a dry run reads the group once more, max-lag after the run's first request,
  // so that it hands on the link that is live, not the plan's read, which may lag.
  it('in a dry run, resets nothing and hands on the current link, read once more', async () => {
    const group = known(G1, { alsoNamedBy: ['x'], name: 'One', community: G3 })
    const [result] = await rotate([group], { dryRun: true })
    expect(result).toEqual({
      group: G1,
      alsoNamedBy: ['x'],
      groupJid: G1,
      name: 'One',
      community: G3,
      inviteCode: group.inviteCode,
      inviteLink: group.inviteLink,
      status: 'dry-run'
    })
    expect(client.calls).toEqual([`info ${G1}`])
  })

  it('takes the JID the plan knew when the answer names none', async () => {
    client.reset({ answer: { groupJid: '', inviteCode: 'Fresh1234567', inviteLink: link('Fresh1234567') } })
    expect(await rotateOne()).toMatchObject({ groupJid: G1, inviteCode: 'Fresh1234567', status: 'reset' })
  })

  it('fails a refused reset, says nothing was reset, and reads nothing back', async () => {
    client.reset({ fail: notFound() })
    const result = await rotateOne({ retries: 2 })
    expect(result).toEqual({
      group: G1,
      groupJid: G1,
      status: 'failed',
      error: 'RyzeAPI answered 404: the group was not found. Nothing was reset.'
    })
    expect(client.calls).toEqual([`reset ${G1}`])
  })

  it('sends again after a refused connection, without a read, and tells the hook which group', async () => {
    client.reset({ fail: refused() })
    const notices: string[] = []
    const result = await rotateOne(
      { retries: 1 },
      { onRetry: (notice, group) => notices.push(`${group.input}: ${notice.what ?? 'reset'} ${notice.attempt}`) }
    )
    expect(result).toMatchObject({ status: 'reset', inviteCode: client.code(G1) })
    expect(result).not.toHaveProperty('readBack')
    expect(result).not.toHaveProperty('resetRequests')
    expect(client.calls).toEqual([`reset ${G1}`, `reset ${G1}`])
    expect(notices).toEqual([`${G1}: reset 1`])
  })

  it('adds what the incident steps did before and after the reset, and tells their retries which group', async () => {
    const notices: string[] = []
    const result = await rotateOne(
      {},
      {
        onRetry: (notice, group) => notices.push(`${group.input}: ${notice.what} ${notice.attempt}`),
        beforeReset: (_group, onRetry) => {
          onRetry?.(firstRetryOf('removing 5511999990001'))
          return Promise.resolve([{ participant: '5511999990001', action: 'remove', status: 'done' }])
        },
        afterReset: () => Promise.resolve([{ participant: '*', action: 'reject', status: 'done' }])
      }
    )
    expect(result).toMatchObject({ status: 'reset', inviteCode: client.code(G1) })
    expect(result.participants).toEqual([
      { participant: '5511999990001', action: 'remove', status: 'done' },
      { participant: '*', action: 'reject', status: 'done' }
    ])
    expect(notices).toEqual([`${G1}: removing 5511999990001 1`])
  })

  it('takes the steps before the reset alone when none follows it, and needs no retry hook', async () => {
    const result = await rotateOne(
      {},
      {
        beforeReset: (_group, onRetry) => {
          onRetry?.(firstRetryOf('demoting 5511999990001'))
          return Promise.resolve([{ participant: '5511999990001', action: 'demote', status: 'done' }])
        }
      }
    )
    expect(result.participants).toEqual([{ participant: '5511999990001', action: 'demote', status: 'done' }])
  })

  it('keeps secrets out of the error', async () => {
    maskSecret('rotation-test-token-5521')
    client.reset({ fail: new RequestError('status', 'RyzeAPI said rotation-test-token-5521.', { status: 400 }) })
    const result = (await rotateOne()) as { error: string }
    expect(result.error).toContain('RyzeAPI said')
    expect(result.error).not.toContain('rotation-test-token-5521')
  })
})

describe('rotateGroups: the list goes on, or stops, as the settings say', () => {
  const failedLine = { group: 'Abcdef123456', groupJid: '', status: 'failed' as const, error: 'It failed.' }
  const skippedLine = { group: G3, groupJid: G3, status: 'skipped' as const, error: 'Not attempted.' }

  it('hands on lines that failed in the plan as they are, and resets the rest', async () => {
    const seen: string[] = []
    const results = await rotate([failedLine, known(G1)], {}, { onResult: (result) => seen.push(result.status) })
    expect(results[0]).toBe(failedLine)
    expect(seen).toEqual(['failed', 'reset'])
  })

  it('with fail-fast, resets nothing when a line failed in the plan', async () => {
    const results = await rotate([known(G1), failedLine, known(G2)], { failFast: true })
    const why = 'Not attempted: a group could not be learned and fail-fast is set.'
    expect(results).toEqual([
      { group: G1, groupJid: G1, status: 'skipped', error: why },
      failedLine,
      { group: G2, groupJid: G2, status: 'skipped', error: why }
    ])
    expect(client.calls).toEqual([])
  })

  it('with fail-fast, still resets when the plan only skipped a line', async () => {
    const [, result] = await rotate([skippedLine, known(G1)], { failFast: true })
    expect(result).toMatchObject({ status: 'reset' })
  })

  it('with fail-fast, skips every group after one that failed; without it, goes on', async () => {
    client.reset({ fail: notFound() })
    const stopped = await rotate([known(G1), known(G2), known(G3)], { failFast: true })
    expect(stopped.map((result) => result.status)).toEqual(['failed', 'skipped', 'skipped'])
    expect(stopped[1]).toMatchObject({ error: 'Not attempted: an earlier group failed and fail-fast is set.' })

    client.reset({ fail: notFound() })
    const goneOn = await rotate([known(G1), known(G2)])
    expect(goneOn.map((result) => result.status)).toEqual(['failed', 'reset'])
  })

  it('resets nothing once the job is cancelled, and says so rather than fail-fast', async () => {
    const cancel = new AbortController()
    client.onCall = () => cancel.abort()
    client.reset({ fail: refused() })
    const results = await rotate([known(G1), known(G2)], { failFast: true }, { signal: cancel.signal })
    expect(results.map((result) => result.status)).toEqual(['failed', 'skipped'])
    expect(results[1]).toMatchObject({ error: 'Not attempted: the job was cancelled.' })
    expect(client.resets).toEqual([])

    const before = await rotate([known(G2)], {}, { signal: cancel.signal })
    expect(before).toEqual([
      { group: G2, groupJid: G2, status: 'skipped', error: 'Not attempted: the job was cancelled.' }
    ])
  })
})

describe('rotateGroups: only provably live links', () => {
  it('reads while reads may lag, at growing intervals up to 2 x max-lag, and publishes the new link', async () => {
    client.readLagMs = 6000
    client.reset({ lost: badGateway() })
    const old = client.code(G1)
    const result = await rotateOne({ retries: 2 })
    expect(client.resets).toHaveLength(1)
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: client.code(G1) })
    expect(result).not.toMatchObject({ inviteCode: old })
    expect(readOffsets()).toEqual([0, 500, 1500, 3500, 7500])
  })

  it('after a lost answer and a link unchanged past max-lag, fails without saying nothing was reset', async () => {
    client.reset({ fail: badGateway() })
    const result = await rotateOne()
    expect(result).toEqual({
      group: G1,
      groupJid: G1,
      status: 'failed',
      error: `RyzeAPI answered 502: Bad Gateway. ${UNCHANGED}, so the attempt did not take effect.`
    })
    expect(readOffsets()).toEqual([0, 500, 1500, 3500, 7500, 8000])
  })

  it('resets again only once the link read back is unchanged past max-lag, then confirms the answer by a read', async () => {
    client.reset({ fail: badGateway() })
    const result = await rotateOne({ retries: 1 })
    expect(client.resets).toHaveLength(1)
    expect(result).toMatchObject({ status: 'reset', inviteCode: client.code(G1), resetRequests: 2 })
    expect(result).not.toHaveProperty('readBack')
    // The answer is confirmed by one read, sent once 2 x max-lag has passed: none before, which could only lag.
    const secondReset = client.resets[0]!.at
    expect(client.readTimes.filter((at) => at >= secondReset)).toEqual([secondReset + 2 * LAG_MS])
  })

  it('finds a reset carried out late, within max-lag, instead of resetting again', async () => {
    client.reset({ lost: badGateway(), carriedOutAfterMs: 1000 })
    const result = await rotateOne({ retries: 2 })
    expect(client.resets).toHaveLength(1)
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: client.code(G1) })
    expect(result).not.toHaveProperty('resetRequests')
    expect(readOffsets()).toEqual([0, 500, 1500])
  })

  it('after a late reset and retries refused with 429, publishes the link it finally reads, never "Nothing was reset"', async () => {
    client.reset(
      { lost: badGateway(), carriedOutAfterMs: LAG_MS + 500 },
      { fail: limitedUntil(START + 6000) },
      { fail: limitedUntil(START + 6000) }
    )
    const result = await rotateOne({ retries: 2, maxWaitMs: 3000 })
    expect(client.resets).toHaveLength(1)
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: client.code(G1) })
  })

  it('says that no attempt took effect when the last read, after giving up, shows the link unchanged', async () => {
    client.reset({ fail: badGateway() }, { fail: limitedUntil(START + 6000) })
    const result = await rotateOne({ retries: 1, maxWaitMs: 3000 })
    expect(result).toEqual({
      group: G1,
      groupJid: G1,
      status: 'failed',
      error:
        'Gave up after 2 attempts. RyzeAPI answered 429: too many requests. ' +
        "An earlier attempt's answer was lost; the link, read back once 2 x max-lag (8 s) had passed since the reset was sent, is unchanged."
    })
  })

  it('publishes the link of a late reset that replaced the answer, never the answer', async () => {
    // The first attempt's answer is lost; it is carried out late (later than max-lag allows), after the
    // second one's answer: reads that go on showing its link for a while outweigh the answer.
    client.reset({ lost: badGateway(), carriedOutAfterMs: 2 * LAG_MS + 1500 })
    const result = await rotateOne({ retries: 1 })
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: client.code(G1), resetRequests: 2 })
    expect(client.resets).toHaveLength(2)
    expect(client.resets[1]!.newCode).toBe(client.code(G1))
  })

  it("calls the outcome unknown when reads still show a revoked link max-lag after the reset's answer", async () => {
    client.readLagMs = 60_000
    client.reset({ fail: badGateway() })
    const result = await rotateOne({ retries: 1 })
    expect(result).toEqual({
      group: G1,
      groupJid: G1,
      previousInviteLink: link(client.resets[0]!.oldCode),
      status: 'unknown',
      error:
        "The reset may have taken effect, and the group's live link is unknown: the reset was answered, but an " +
        "earlier attempt may have been carried out late, and RyzeAPI's reads still show a link that is not this reset's (one the run saw before it, or another group's), " +
        "more than 2 x max-lag (8 s) after it was sent. Check the group's invite link in WhatsApp (or with a dry run), or run again: a new " +
        'reset makes a link that is known.'
    })
  })

  it('reports unknown, never the answer, when every confirming read fails', async () => {
    maskSecret('rotation-test-token-9034')
    client.reset({ fail: badGateway() })
    client.info(...Array.from({ length: 6 }, () => 'honest' as const), {
      fail: new RequestError('status', 'RyzeAPI answered 404 for rotation-test-token-9034.', { status: 404 })
    })
    const result = (await rotateOne({ retries: 1 })) as { status: string; error: string }
    expect(result.status).toBe('unknown')
    expect(result).not.toHaveProperty('inviteLink')
    expect(result.error).toMatch(
      /^The reset may have taken effect, and the group's live link is unknown: the reset was answered, but an earlier attempt may have been carried out late, and reading the link back failed \(RyzeAPI answered 404 for .*\)\. Check/
    )
    expect(result.error).not.toContain('rotation-test-token-9034')
  })

  it('reports unknown, with the lost answer, when the read after it fails', async () => {
    client.reset({ lost: badGateway() })
    client.info({ fail: notFound() })
    const result = await rotateOne()
    expect(result).toMatchObject({
      status: 'unknown',
      previousInviteLink: expect.stringContaining('https://chat.whatsapp.com/'),
      error: expect.stringContaining(
        'the answer was lost (RyzeAPI answered 502: Bad Gateway.), and reading the link back failed ' +
          '(RyzeAPI answered 404: the group was not found.).'
      )
    })
  })

  it('retries a read twice even with retries set to 0, and tells the hook it is the read-back', async () => {
    client.reset({ lost: badGateway() })
    client.info({ fail: busy() }, { fail: busy() })
    const notices: string[] = []
    const result = await rotateOne(
      { retries: 0 },
      {
        onRetry: (notice, group) =>
          notices.push(`${group.input}: ${notice.what} ${notice.attempt} of ${notice.maxAttempts}`)
      }
    )
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: client.code(G1) })
    expect(notices).toEqual([`${G1}: Reading the link back 1 of 3`, `${G1}: Reading the link back 2 of 3`])
  })

  it('gives the read as many retries as the reset when that is more', async () => {
    client.reset({ lost: badGateway() })
    client.info({ fail: busy() }, { fail: busy() }, { fail: busy() })
    expect(await rotateOne({ retries: 3 })).toMatchObject({ status: 'reset', readBack: true })
  })

  it('does not wait longer than max-wait for a read that is rate-limited', async () => {
    client.reset({ lost: badGateway() })
    client.info({ fail: limitedUntil(START + 60_000) })
    expect(await rotateOne({ maxWaitMs: 1000 })).toMatchObject({ status: 'unknown' })
  })

  it('does not call an answer that repeats the code from before the reset a revocation', async () => {
    const old = client.code(G1)
    client.reset({ answer: { groupJid: G1, inviteCode: old, inviteLink: link(old) } })
    const result = await rotateOne({ retries: 2 })
    expect(result).toEqual({
      group: G1,
      groupJid: G1,
      status: 'failed',
      error:
        'RyzeAPI answered the reset with the invite code from before it, which is not a new link. ' +
        `${UNCHANGED}, so the attempt did not take effect.`
    })
    expect(client.resets).toEqual([])
  })

  it('counts an answer that repeats the old code as the one request it was, when a read then shows a new link', async () => {
    const old = client.code(G1)
    client.reset({ answer: { groupJid: G1, inviteCode: old, inviteLink: link(old) } })
    client.info({ answer: { groupJid: G1, inviteCode: 'Later1234567', inviteLink: link('Later1234567') } })
    const result = await rotateOne()
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: 'Later1234567' })
    expect(result).not.toHaveProperty('resetRequests')
  })

  it('resets a group known only by its code by that code, and takes the JID from the answer', async () => {
    const code = client.code(G2)
    const group = known(G2, { input: code, identifier: { kind: 'code', code }, groupJid: '' })
    const [result] = await rotate([group])
    expect(client.calls).toEqual([`reset ${code}`])
    expect(result).toMatchObject({ status: 'reset', groupJid: G2, inviteCode: client.code(G2) })
  })

  it('never takes a reset answer about another group: the group is read back, and its link stands', async () => {
    client.reset({ answer: { groupJid: G2, inviteCode: 'Abcdef123456', inviteLink: link('Abcdef123456') } })
    const result = await rotateOne({ retries: 2 })
    expect(result).toMatchObject({
      status: 'failed',
      error: `RyzeAPI answered about another group (${G2}) than the one asked for (${G1}). ${UNCHANGED}, so the attempt did not take effect.`
    })
    expect(client.resets).toEqual([])
  })

  it.each([false, true])(
    'reads back a reset answered with the code another group got earlier in the run, and never publishes it (confirm: %s)',
    async (confirm) => {
      const g1New = `${G1.split('@')[0]}x1`
      client.reset('honest', { answer: { groupJid: G2, inviteCode: g1New, inviteLink: link(g1New) } })
      // With confirm, G1's answer is not yet confirmed when G2's reset is answered: it is a code the run saw all the same.
      const [one, two] = await rotate([known(G1), known(G2)], { retries: 0, confirm })
      expect(one).toMatchObject({ status: 'reset', inviteCode: g1New })
      expect(two).toMatchObject({
        status: 'failed',
        error: expect.stringContaining("an invite code this run saw before it (another group's, or one replaced since)")
      })
      expect(two).not.toHaveProperty('inviteLink')
      expect(client.calls.filter((call) => call === `info ${G2}`).length).toBeGreaterThan(0)
    }
  )

  it('never takes a read about another group as the link', async () => {
    client.reset({ lost: badGateway() })
    client.info({ answer: { groupJid: G2, inviteCode: client.code(G2), inviteLink: link(client.code(G2)) } })
    const result = await rotateOne()
    expect(result).toMatchObject({
      status: 'unknown',
      error: expect.stringContaining(`reading the link back failed (RyzeAPI answered about another group (${G2})`)
    })
  })
})

describe('rotateGroups: a cancellation during a reset', () => {
  it('reads back once, within the grace period, and publishes a link the read shows new', async () => {
    const cancel = new AbortController()
    client.onCall = (call) => {
      if (call.startsWith('reset')) cancel.abort()
    }
    client.reset({ lost: cancelledMidway() })
    const result = await rotateOne({}, { signal: cancel.signal })
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: client.code(G1) })
    expect(client.calls).toEqual([`reset ${G1}`, `info ${G1}`])
  })

  it('reports unknown when the one read shows the old link, and does not wait for the lag', async () => {
    const cancel = new AbortController()
    client.readLagMs = 1000
    client.onCall = (call) => {
      if (call.startsWith('reset')) cancel.abort()
    }
    client.reset({ lost: cancelledMidway() })
    const result = await rotateOne({}, { signal: cancel.signal })
    expect(result).toMatchObject({
      status: 'unknown',
      error: expect.stringContaining(
        'the answer was lost (Cancelled during the request to RyzeAPI.), and the job was cancelled before a read could show the outcome.'
      )
    })
    expect(client.calls).toEqual([`reset ${G1}`, `info ${G1}`])
    expect(clock.sleeps).toEqual([])
  })

  it('reads once more, within the grace period, when the cancellation cut a read short', async () => {
    const cancel = new AbortController()
    client.readLagMs = 1000
    client.reset({ lost: badGateway() })
    client.info('honest', 'honest', { fail: cancelledMidway() })
    client.onCall = (call) => {
      if (call.startsWith('info') && clock.now() >= START + 1500) cancel.abort()
    }
    const result = await rotateOne({}, { signal: cancel.signal })
    expect(result).toMatchObject({ status: 'reset', readBack: true, inviteCode: client.code(G1) })
    expect(readOffsets()).toEqual([0, 500, 1500, 1500])
  })
})

describe('rotateGroups with confirm: one wait of 2 x max-lag for the whole run', () => {
  const all = (): KnownGroup[] => [known(G1), known(G2), known(G3)]
  /** A Retry-After of 3 s, as retry.ts waits it: with a margin of 250 ms. */
  const RETRY_AFTER_MS = 3250
  const statuses = (results: GroupResult[]): string[] => results.map((result) => result.status)
  /** Every group's published code is its live one. */
  const expectLive = (results: GroupResult[]): void => {
    for (const result of results)
      expect(result).toMatchObject({ status: 'reset', inviteCode: client.code(result.group) })
  }

  it('sends every reset first, then one read per group, each 2 x max-lag after its reset: one wait in all', async () => {
    const results = await rotate(all(), { confirm: true })
    expectLive(results)
    expect(client.calls).toEqual([
      `reset ${G1}`,
      `reset ${G2}`,
      `reset ${G3}`,
      `info ${G1}`,
      `info ${G2}`,
      `info ${G3}`
    ])
    expect(clock.sleeps).toEqual([2 * LAG_MS])
    expect(readOffsets()).toEqual([2 * LAG_MS, 2 * LAG_MS, 2 * LAG_MS])
  })

  it("never publishes for a group the link another group's reset was answered with, however long its reads show it", async () => {
    // A gateway that mixes groups up: every read of G1 after the resets shows G2's new code under G1's JID.
    client.onCall = (call) => {
      if (call !== `info ${G1}`) return
      const code = client.code(G2)
      client.info({ answer: { groupJid: G1, inviteCode: code, inviteLink: link(code) } })
    }
    const [one, two] = await rotate([known(G1), known(G2)], { confirm: true })
    expect(one).toMatchObject({
      status: 'unknown',
      error: expect.stringContaining(
        "RyzeAPI's reads still show a link that is not this reset's (one the run saw before it, or another group's)"
      )
    })
    expect(one).not.toHaveProperty('inviteLink')
    expect(two).toMatchObject({ status: 'reset', inviteCode: client.code(G2) })
  })

  it('tells the step after a reset when the reset had taken effect: with confirm, max-lag before the read that confirmed it', async () => {
    const offsets: Array<[string, number]> = []
    const hooks: RotationHooks = {
      afterReset: (_group, _onRetry, reset) => {
        offsets.push([reset!.result.status, reset!.takenEffectBy - clock.now()])
        return Promise.resolve([])
      }
    }
    await rotate([known(G1)], { confirm: true }, hooks)
    await rotate([known(G2)], {}, hooks)
    expect(offsets).toEqual([
      ['reset', -LAG_MS],
      ['reset', 0]
    ])
  })

  it('with a reset answered and its read to come, stops the run when the job is cancelled: no later group is reset', async () => {
    const cancel = new AbortController()
    client.onCall = (call) => {
      if (call === `reset ${G1}`) cancel.abort()
    }
    const results = await rotate(all(), { confirm: true }, { signal: cancel.signal })
    expect(client.calls.filter((call) => call.startsWith('reset'))).toEqual([`reset ${G1}`])
    expect(results.slice(1)).toEqual([
      expect.objectContaining({ status: 'skipped', error: 'Not attempted: the job was cancelled.' }),
      expect.objectContaining({ status: 'skipped', error: 'Not attempted: the job was cancelled.' })
    ])
  })

  it('with max-lag 0, reads each group once, at once, and waits for nothing', async () => {
    const results = await rotate(all(), { confirm: true, maxLagMs: 0 })
    expectLive(results)
    expect(client.readTimes).toHaveLength(3)
    expect(clock.sleeps).toEqual([])
  })

  it('with fail-fast, each group waits for its own read before the next is reset: 2 x max-lag per group', async () => {
    const results = await rotate(all(), { confirm: true, failFast: true })
    expectLive(results)
    expect(client.calls).toEqual([
      `reset ${G1}`,
      `info ${G1}`,
      `reset ${G2}`,
      `info ${G2}`,
      `reset ${G3}`,
      `info ${G3}`
    ])
    expect(clock.sleeps).toEqual([2 * LAG_MS, 2 * LAG_MS, 2 * LAG_MS])
  })

  it('with fail-fast, a group whose read fails stops the run before any other group is reset', async () => {
    client.info({ fail: notFound() })
    const results = await rotate(all(), { confirm: true, failFast: true })
    expect(statuses(results)).toEqual(['unknown', 'skipped', 'skipped'])
    expect(results[1]).toMatchObject({ error: 'Not attempted: an earlier group failed and fail-fast is set.' })
    expect(client.resets.map((reset) => reset.jid)).toEqual([G1])
  })

  it('without fail-fast, a read that fails leaves that group unknown, and the others, reset already, confirmed', async () => {
    client.info({ fail: notFound() })
    const results = await rotate(all(), { confirm: true })
    expect(statuses(results)).toEqual(['unknown', 'reset', 'reset'])
    expect(results[0]).not.toHaveProperty('inviteLink')
    expect(results[0]).toMatchObject({ error: expect.stringContaining('confirm asks for a read') })
    expectLive(results.slice(1))
    expect(client.resets.map((reset) => reset.jid)).toEqual([G1, G2, G3])
  })

  it('after a lost answer, publishes only what a read sent 2 x max-lag after the reset shows: a link assigned twice is caught', async () => {
    // The lost reset is carried out at once, and the server gives the group another code 3 s later.
    client.reset({ lost: badGateway(), assignedAgainAfterMs: 3000 })
    const result = await rotateOne({ confirm: true })
    clock.advance(2 * LAG_MS)
    // The published link is the one live once every assignment has been made.
    expect(result).toMatchObject({ status: 'reset', inviteCode: client.code(G1), readBack: true })
    expect(client.resets).toHaveLength(2)
    // No read before the rule allows one: an earlier read would have shown the first code, replaced since.
    expect(readOffsets()).toEqual([2 * LAG_MS])
  })

  it('a lost answer on one group is decided by one read 2 x max-lag after its reset, before the next reset; the others still share one wait', async () => {
    client.reset('honest', { lost: badGateway(), carriedOutAfterMs: 1000 })
    const results = await rotate(all(), { confirm: true })
    expectLive(results)
    expect(results[1]).toMatchObject({ readBack: true })
    // G2's read waits for the rule (no earlier read may prove anything under confirm), and decides
    // G1's too; G3, reset then, is read 2 x max-lag after its own reset.
    expect(client.calls).toEqual([
      `reset ${G1}`,
      `reset ${G2}`,
      `info ${G2}`,
      `reset ${G3}`,
      `info ${G1}`,
      `info ${G3}`
    ])
    expect(readOffsets()).toEqual([2 * LAG_MS, 2 * LAG_MS, 4 * LAG_MS])
    expect(clock.now() - START).toBe(4 * LAG_MS)
  })

  it('a 429 with Retry-After on one reset: that group waits it out, and its read comes 2 x max-lag after its own reset', async () => {
    client.reset('honest', { fail: limitedUntil(START + 3000) })
    const notices: string[] = []
    const results = await rotate(
      all(),
      { confirm: true, retries: 1, maxWaitMs: 5000 },
      { onRetry: (notice, group) => notices.push(`${group.input} ${notice.waitingFor} ${notice.delayMs}`) }
    )
    expectLive(results)
    expect(notices).toEqual([`${G2} rate-limit ${RETRY_AFTER_MS}`])
    expect(client.resets.map((reset) => reset.at - START)).toEqual([0, RETRY_AFTER_MS, RETRY_AFTER_MS])
    expect(readOffsets()).toEqual([2 * LAG_MS, RETRY_AFTER_MS + 2 * LAG_MS, RETRY_AFTER_MS + 2 * LAG_MS])
    expect(clock.sleeps).toEqual([RETRY_AFTER_MS, 2 * LAG_MS - RETRY_AFTER_MS, RETRY_AFTER_MS])
  })

  it('tells the hooks, in the order it happened, what each group did before and after its read', async () => {
    const events: string[] = []
    const step = (what: string) => (group: { input: string }) => {
      events.push(`${what} ${group.input}`)
      return Promise.resolve([])
    }
    client.onCall = (call) => events.push(call)
    await rotate(
      [known(G1), known(G2)],
      { confirm: true },
      {
        onGroupStart: (group) => events.push(`start ${'input' in group ? group.input : group.group}`),
        beforeReset: step('remove in'),
        onConfirmLater: (group) => events.push(`later ${group.input}`),
        onConfirmStart: (group) => events.push(`confirming ${group.input}`),
        onReset: (result) => events.push(`settled ${result.group}`),
        afterReset: step('reject in'),
        onResult: (result) => events.push(`result ${result.group} ${result.status}`)
      }
    )
    expect(events).toEqual([
      `start ${G1}`,
      `remove in ${G1}`,
      `reset ${G1}`,
      `later ${G1}`,
      `start ${G2}`,
      `remove in ${G2}`,
      `reset ${G2}`,
      `later ${G2}`,
      `confirming ${G1}`,
      `info ${G1}`,
      `settled ${G1}`,
      `reject in ${G1}`,
      `result ${G1} reset`,
      `confirming ${G2}`,
      `info ${G2}`,
      `settled ${G2}`,
      `reject in ${G2}`,
      `result ${G2} reset`
    ])
  })

  it('cancelled while waiting: a read that can still decide is made, the others are not, and nothing waits on', async () => {
    clock = new ManualClock(START, { held: true })
    client = new ScriptedClient(clock).group(G1).group(G2).group(G3)
    client.reset('honest', 'honest', { fail: limitedUntil(START + 3000) })
    const cancel = new AbortController()
    const running = rotate(all(), { confirm: true, retries: 1, maxWaitMs: 5000 }, { signal: cancel.signal })
    await untilSleeping()
    clock.advance(RETRY_AFTER_MS) // G3's Retry-After; then its reset
    await untilSleeping()
    clock.advance(2 * LAG_MS - RETRY_AFTER_MS) // G1's and G2's reads decide; G3's would 3.25 s later
    expect(clock.sleeps).toEqual([RETRY_AFTER_MS, 2 * LAG_MS - RETRY_AFTER_MS])
    await untilSleeping()
    expect(clock.sleeps).toEqual([RETRY_AFTER_MS, 2 * LAG_MS - RETRY_AFTER_MS, RETRY_AFTER_MS])
    clock.advance(1000)
    cancel.abort()
    const results = await running
    expect(statuses(results)).toEqual(['reset', 'reset', 'unknown'])
    expectLive(results.slice(0, 2))
    expect(results[2]).toMatchObject({
      error: expect.stringContaining(
        'the reset was answered, but confirm asks for a read to show the new link, and the job was cancelled before a read could show the outcome.'
      )
    })
    expect(client.calls.filter((call) => call.startsWith('info'))).toEqual([`info ${G1}`, `info ${G2}`])
    expect(clock.now() - START).toBe(2 * LAG_MS + 1000)
  })

  it('cancelled once the reads can decide: they are made, all within one grace period of 3 s, not one each', async () => {
    const cancel = new AbortController()
    const graces: number[] = []
    const deadline = clock.deadline
    clock.deadline = (ms) => {
      graces.push(ms)
      return deadline(ms)
    }
    client.onCall = (call) => {
      if (call === `info ${G1}`) cancel.abort()
    }
    const results = await rotate(all(), { confirm: true }, { signal: cancel.signal })
    expectLive(results)
    expect(client.calls.filter((call) => call.startsWith('info'))).toEqual([`info ${G1}`, `info ${G2}`, `info ${G3}`])
    expect(graces).toEqual([3000])
  })
})

/** Lets the rotation run until it sleeps on the held clock. */
async function untilSleeping(): Promise<void> {
  for (let turn = 0; turn < 200 && clock.waiting === 0; turn++) await new Promise((resolve) => setImmediate(resolve))
}
