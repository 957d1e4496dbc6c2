import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { RequestError } from '../../src/safety/errors.js'
import { MAX_BODY_BYTES } from '../../src/transport/http.js'
import { RateLimitPacer } from '../../src/ryze/rate-limit.js'
import { type ClientOptions, RyzeClient } from '../../src/ryze/ryze-client.js'
import { endpointUrl, readInviteLink } from '../../src/ryze/ryze-answers.js'
import { readEnvelope } from '../../src/ryze/ryze-failures.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'
import { ManualClock } from '../helpers/manual-clock.js'

const JID_GROUP = { kind: 'jid', jid: DEFAULT_GROUP_JID } as const

describe('endpointUrl', () => {
  it.each([
    ['https://ryzeapi.cloud', 'support', 'https://ryzeapi.cloud/api/group/resetLink/support'],
    ['https://ryzeapi.cloud/', 'support', 'https://ryzeapi.cloud/api/group/resetLink/support'],
    ['https://gw.example/ryze', 'support', 'https://gw.example/ryze/api/group/resetLink/support'],
    ['https://gw.example/ryze/', 'sales Team', 'https://gw.example/ryze/api/group/resetLink/sales%20Team'],
    ['https://ryzeapi.cloud', '../admin', 'https://ryzeapi.cloud/api/group/resetLink/..%2Fadmin'],
    ['https://ryzeapi.cloud', 'a/b?c=d', 'https://ryzeapi.cloud/api/group/resetLink/a%2Fb%3Fc%3Dd'],
    ['https://ryzeapi.cloud', 'x#y', 'https://ryzeapi.cloud/api/group/resetLink/x%23y'],
    ['http://127.0.0.1:8080', '%2e%2e', 'http://127.0.0.1:8080/api/group/resetLink/%252e%252e']
  ])('%s with instance %j -> %s', (base, instance, expected) => {
    expect(endpointUrl(new URL(base), 'group/resetLink', instance).href).toBe(expected)
  })
})

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

function failureOf(action: () => unknown): RequestError {
  try {
    action()
  } catch (error) {
    if (error instanceof RequestError) return error
    throw error
  }
  throw new Error('expected a RequestError')
}

describe('readEnvelope', () => {
  it('returns the answer of a successful call', () => {
    expect(readEnvelope(response(200, { success: true, inviteCode: 'abc' }))).toEqual({
      success: true,
      inviteCode: 'abc'
    })
  })

  it.each([
    [401, 'Invalid token', 'Check the token secret'],
    [403, 'Not authorized to reset group invite link (must be admin)', 'must be an admin of the group'],
    [404, 'Group not found or you are not a member of this group', 'is a member of the group'],
    [400, 'Identifier is required', 'Check the group identifier'],
    [429, 'Rate limit exceeded', "RyzeAPI's rate limit for this token is used up"],
    [429, 'WhatsApp rate limit hit, slow down', 'WhatsApp is throttling this instance'],
    [501, 'Not supported', 'does not support resetting invite links'],
    [503, 'Instance not connected', 'reconnect it in RyzeAPI'],
    [500, 'Internal error', 'server error; try again later']
  ])('maps HTTP %i with %j to the status, the API message and a hint', (status, message, hint) => {
    const error = failureOf(() => readEnvelope(response(status, { success: false, error: { message } })))
    expect(error.kind).toBe('status')
    expect(error.status).toBe(status)
    expect(error.apiMessage).toBe(message)
    expect(error.message).toContain(`RyzeAPI answered HTTP ${status}: ${message}.`)
    expect(error.message).toContain(hint)
  })

  it.each([
    ['message', 400, 'Check the chat in announce-to'],
    ['message', 501, 'does not support sending this message'],
    ['community', 400, "Check the community's JID"],
    ['community', 404, 'the community']
  ] as const)('gives a %s call its own hint for HTTP %i', (subject, status, hint) => {
    const error = failureOf(() => readEnvelope(response(status, { success: false, error: { message: 'No' } }), subject))
    expect(error.message).toContain(hint)
    expect(error.message).not.toMatch(/group identifier|invite links/)
  })

  it('says when a 429 window resets', () => {
    const reset = Math.ceil(Date.now() / 1000) + 42
    const error = failureOf(() =>
      readEnvelope(
        response(
          429,
          { success: false, error: { message: 'Rate limit exceeded' } },
          { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
        )
      )
    )
    expect(error.message).toContain(`(100 requests a window)`)
    expect(error.message).toContain(`The window resets at ${new Date(reset * 1000).toISOString()}.`)
  })

  it('has no hint where none helps, and copes with an envelope without a message', () => {
    expect(
      failureOf(() => readEnvelope(response(409, { success: false, error: { message: 'Conflict' } }))).message
    ).toBe('RyzeAPI answered HTTP 409: Conflict.')
    expect(failureOf(() => readEnvelope(response(409, { success: false }))).message).toBe('RyzeAPI answered HTTP 409.')
  })

  it('reads a bare error string and a failure message as the API message', () => {
    expect(failureOf(() => readEnvelope(response(400, { error: 'Bad thing' }))).apiMessage).toBe('Bad thing')
    expect(failureOf(() => readEnvelope(response(400, { success: false, message: 'Other thing' }))).apiMessage).toBe(
      'Other thing'
    )
  })

  it('refuses a body that is not JSON without repeating it', () => {
    const html = '<html><body>::error::502 Bad Gateway</body></html>'
    const error = failureOf(() => readEnvelope(response(502, html, { 'content-type': 'text/html; charset=utf-8' })))
    expect(error.kind).toBe('status')
    expect(error.status).toBe(502)
    expect(error.message).toBe(
      'RyzeAPI answered HTTP 502 with a body that is not JSON (text/html); a proxy or gateway may have answered instead of RyzeAPI: check base-url.'
    )
    const ok = failureOf(() => readEnvelope(response(200, '[1,2]')))
    expect(ok.kind).toBe('bad-answer')
    expect(ok.message).toContain('(no content type)')
  })

  it('treats 200 with success: false as a failure', () => {
    const error = failureOf(() => readEnvelope(response(200, { success: false, error: { message: 'Instance busy' } })))
    expect(error.message).toBe('RyzeAPI answered HTTP 200 but reported a failure: Instance busy.')
    expect(failureOf(() => readEnvelope(response(200, {}))).message).toBe(
      'RyzeAPI answered HTTP 200 but reported a failure without a message.'
    )
  })

  it('refuses a redirect, naming where it pointed without its query', () => {
    const error = failureOf(() => readEnvelope(response(302, '', { location: 'https://evil.example/steal?token=abc' })))
    expect(error.kind).toBe('redirect')
    expect(error.message).toContain('HTTP 302, a redirect to https://evil.example/steal.')
    expect(error.message).not.toContain('token=abc')
    expect(failureOf(() => readEnvelope(response(307, ''))).message).toMatch(
      /^RyzeAPI answered HTTP 307, a redirect\. /
    )
  })

  it.each([
    ['Instance not connected', true],
    ['Instance is not connected to WhatsApp', true],
    ['WhatsApp bridge not configured', true],
    ['upstream overloaded', false]
  ])('gives the "not connected" hint for a 503 only for RyzeAPI\'s own words: %j', (message, hinted) => {
    const error = failureOf(() => readEnvelope(response(503, { success: false, error: { message } })))
    expect(error.message.includes('The instance is not connected')).toBe(hinted)
    if (!hinted)
      expect(error.message).toContain('RyzeAPI, or a gateway in front of it, is unavailable; try again later.')
  })

  it("does not blame the instance for a gateway's JSON 503 without RyzeAPI's envelope", () => {
    expect(failureOf(() => readEnvelope(response(503, { message: 'upstream overloaded' }))).message).toBe(
      'RyzeAPI answered HTTP 503. RyzeAPI, or a gateway in front of it, is unavailable; try again later.'
    )
  })

  it("says that a gateway's HTML 429 is a rate limit, and takes its Retry-After", () => {
    const before = Date.now()
    const error = failureOf(() =>
      readEnvelope(response(429, '<html>Too Many Requests</html>', { 'content-type': 'text/html', 'retry-after': '4' }))
    )
    expect(error).toMatchObject({ kind: 'status', status: 429 })
    expect(error.message).toBe(
      'RyzeAPI answered HTTP 429 (rate limited) with a body that is not JSON (text/html): RyzeAPI or a gateway in front of it is limiting requests.'
    )
    expect(error.retryAt!.getTime()).toBeGreaterThanOrEqual(before + 4000)
    expect(error.retryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 4000)
  })

  it.each([
    [503, '<html>Service Unavailable</html>'],
    [503, { success: false, error: { message: 'Temporarily unavailable' } }],
    [429, { success: false, error: { message: 'WhatsApp is throttling this number' } }]
  ])('takes Retry-After on a %i, whatever the body', (status, body) => {
    const error = failureOf(() => readEnvelope(response(status, body, { 'retry-after': '5' })))
    expect(error.retryAt).toBeInstanceOf(Date)
  })

  it.each([
    [502, '<html>Bad Gateway</html>'],
    [500, { success: false, error: { message: 'Internal error' } }]
  ])('ignores Retry-After on a %i', (status, body) => {
    expect(failureOf(() => readEnvelope(response(status, body, { 'retry-after': '5' }))).retryAt).toBeUndefined()
  })

  it('ignores the X-RateLimit-Reset of an HTML 429, which is not RyzeAPI speaking', () => {
    const error = failureOf(() =>
      readEnvelope(
        response(429, '<html></html>', {
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 30)
        })
      )
    )
    expect(error.retryAt).toBeUndefined()
  })

  it('keeps the 429 message whole when X-RateLimit-Reset is absurd', () => {
    const error = failureOf(() =>
      readEnvelope(
        response(
          429,
          { success: false, error: { message: 'Rate limit exceeded' } },
          { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '99999999999999999' }
        )
      )
    )
    expect(error.message).toBe(
      "RyzeAPI answered HTTP 429: Rate limit exceeded. RyzeAPI's rate limit for this token is used up; everything that uses the token shares it."
    )
    expect(error.retryAt).toBeUndefined()
  })

  it('makes the API message one safe line', () => {
    const message = 'bad\n::add-mask::x\r\n::set-output name=a::b' + 'x'.repeat(500)
    const error = failureOf(() => readEnvelope(response(400, { success: false, error: { message } })))
    expect(error.message).not.toMatch(/[\r\n]/)
    expect(error.message).toContain('bad ::add-mask::x ::set-output')
    expect(error.apiMessage!.length).toBeLessThanOrEqual(300)
  })
})

describe('readInviteLink', () => {
  const CODE = 'Fh3kQ9zLm2Xc7VbN1pRt4W'

  it('reads the code and builds the canonical link', () => {
    expect(
      readInviteLink(
        { groupJid: DEFAULT_GROUP_JID, inviteCode: CODE, inviteLink: `https://chat.whatsapp.com/${CODE}` },
        JID_GROUP
      )
    ).toEqual({
      groupJid: DEFAULT_GROUP_JID,
      inviteCode: CODE,
      inviteLink: `https://chat.whatsapp.com/${CODE}`
    })
  })

  it('derives the link from the code, and the code from the link', () => {
    expect(readInviteLink({ groupJid: DEFAULT_GROUP_JID, inviteCode: CODE }, JID_GROUP).inviteLink).toBe(
      `https://chat.whatsapp.com/${CODE}`
    )
    expect(
      readInviteLink({ groupJid: DEFAULT_GROUP_JID, inviteLink: `chat.whatsapp.com/invite/${CODE}` }, JID_GROUP)
        .inviteCode
    ).toBe(CODE)
  })

  it('falls back to the JID given when RyzeAPI reports none or a malformed one', () => {
    expect(readInviteLink({ inviteCode: CODE }, JID_GROUP).groupJid).toBe(DEFAULT_GROUP_JID)
    expect(readInviteLink({ inviteCode: CODE, groupJid: 'x\n::error::y' }, JID_GROUP).groupJid).toBe(DEFAULT_GROUP_JID)
    expect(readInviteLink({ inviteCode: CODE }, { kind: 'code', code: 'OldCode1' }).groupJid).toBe('')
  })

  it.each([
    [{}, 'sent neither an invite link nor an invite code'],
    [{ inviteCode: 'abc-def' }, 'invite code that is not 6 to 64 letters and digits'],
    [{ inviteCode: 'abc\n::warning::x' }, 'invite code that is not 6 to 64 letters and digits'],
    [{ inviteCode: 'ABC' }, 'invite code that is not 6 to 64 letters and digits'],
    [{ inviteCode: 'A'.repeat(65) }, 'invite code that is not 6 to 64 letters and digits'],
    [{ inviteCode: 'A'.repeat(600_000) }, 'invite code that is not 6 to 64 letters and digits'],
    [
      { inviteLink: `https://chat.whatsapp.com/${'A'.repeat(600_000)}` },
      'invite link that is not a WhatsApp invite link'
    ],
    [{ inviteLink: 'https://evil.example/abc' }, 'invite link that is not a WhatsApp invite link'],
    [{ inviteLink: 'https://chat.whatsapp.com/' }, 'invite link that is not a WhatsApp invite link']
  ])('refuses %j as a bad answer', (answer, problem) => {
    const error = failureOf(() => readInviteLink({ success: true, ...answer }, JID_GROUP))
    expect(error.kind).toBe('bad-answer')
    expect(error.message).toContain(problem)
  })
})

describe('RyzeClient against the simulator', () => {
  let simulator: RyzeSimulator
  let settings: ClientOptions

  beforeEach(async () => {
    simulator = new RyzeSimulator()
    settings = { baseUrl: new URL(await simulator.start()), instance: 'support', token: DEFAULT_TOKEN, timeoutMs: 2000 }
  })
  afterEach(() => simulator.stop())

  it('resets the link with one POST carrying the token header and the canonical identifier', async () => {
    const before = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    const pacer = new RateLimitPacer(0)
    const result = await new RyzeClient(settings, pacer).resetInviteLink({ kind: 'code', code: before })
    const after = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode

    expect(after).not.toBe(before)
    expect(result).toEqual({
      groupJid: DEFAULT_GROUP_JID,
      inviteCode: after,
      inviteLink: `https://chat.whatsapp.com/${after}`
    })
    expect(pacer.state).toEqual({ limit: 100, remaining: 99, resetAt: expect.any(Date) })
    expect(simulator.requests).toHaveLength(1)
    const [request] = simulator.requests
    expect(request!.method).toBe('POST')
    expect(request!.rawPath).toBe('/api/group/resetLink/support')
    expect(request!.headers.token).toBe(DEFAULT_TOKEN)
    expect(request!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request!.body)).toEqual({ identifier: before })
  })

  it("reads an answer's rate-limit headers by the clock its waits are decided by", async () => {
    // Days from the real time: a header read by another clock would be a day off, and dropped as insane.
    const clock = new ManualClock(Date.now() + 3 * 24 * 60 * 60 * 1000)
    const onTheClock = new RyzeSimulator({ clock, rateLimit: { limit: 1, windowMs: 60_000 } })
    try {
      const pacer = new RateLimitPacer(0, undefined, clock)
      const client = new RyzeClient({ ...settings, baseUrl: new URL(await onTheClock.start()) }, pacer, clock)
      await client.groupInfo(JID_GROUP)
      expect(pacer.state?.resetAt.getTime()).toBe(Math.ceil((clock.now() + 1) / 60_000) * 60_000)
      onTheClock.injectFault({ route: 'info', status: 503, body: { success: false }, headers: { 'retry-after': '7' } })
      const refused = await client.groupInfo(JID_GROUP).catch((error: unknown) => error)
      expect(refused).toMatchObject({ status: 503, retryAt: new Date(clock.now() + 7000) })
    } finally {
      await onTheClock.stop()
    }
  })

  it('keeps an encoded instance in one path segment', async () => {
    await expect(new RyzeClient({ ...settings, instance: '../admin' }).resetInviteLink(JID_GROUP)).rejects.toThrow(
      'RyzeAPI answered HTTP 404: Instance not found.'
    )
    expect(simulator.requests[0]!.rawPath).toBe('/api/group/resetLink/..%2Fadmin')
  })

  it('keeps a base-url path prefix', async () => {
    const gateway = new RyzeSimulator({ pathPrefix: '/ryze' })
    try {
      const result = await new RyzeClient({ ...settings, baseUrl: new URL(await gateway.start()) }).resetInviteLink(
        JID_GROUP
      )
      expect(result.inviteLink).toMatch(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{22}$/)
      expect(gateway.requests[0]!.rawPath).toBe('/ryze/api/group/resetLink/support')
    } finally {
      await gateway.stop()
    }
  })

  it('does not follow a redirect, so the token never reaches the other host', async () => {
    const elsewhere = new RyzeSimulator()
    try {
      simulator.injectFault({
        route: 'resetLink',
        redirectTo: `${await elsewhere.start()}/api/group/resetLink/support`,
        status: 307
      })
      const attempt = new RyzeClient(settings).resetInviteLink(JID_GROUP)
      await expect(attempt).rejects.toMatchObject({ kind: 'redirect', status: 307 })
      expect(elsewhere.requests).toHaveLength(0)
    } finally {
      await elsewhere.stop()
    }
  })

  it('times out a silent server within the time-out', async () => {
    simulator.injectFault({ route: 'resetLink', silent: true })
    const started = Date.now()
    await expect(new RyzeClient({ ...settings, timeoutMs: 300 }).resetInviteLink(JID_GROUP)).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('timed out: no complete answer within 0.3 s')
    })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('times out a server that trickles its answer, counting the whole exchange', async () => {
    simulator.injectFault({ route: 'resetLink', trickleMs: 50 })
    await expect(new RyzeClient({ ...settings, timeoutMs: 400 }).resetInviteLink(JID_GROUP)).rejects.toMatchObject({
      kind: 'timeout'
    })
  })

  it('reports a dropped connection as a network failure that may have reached RyzeAPI', async () => {
    simulator.injectFault({ route: 'resetLink', drop: true })
    await expect(new RyzeClient(settings).resetInviteLink(JID_GROUP)).rejects.toMatchObject({
      kind: 'network',
      requestSent: true,
      message: expect.stringMatching(/^Could not reach RyzeAPI at http:\/\/127\.0\.0\.1:\d+: .*socket hang up/)
    })
  })

  it('reports a refused connection as a network failure that never reached RyzeAPI', async () => {
    await simulator.stop()
    await expect(new RyzeClient(settings).resetInviteLink(JID_GROUP)).rejects.toMatchObject({
      kind: 'network',
      requestSent: false,
      message: expect.stringContaining('ECONNREFUSED')
    })
  })

  it('reads the group JID, current link and name with the info call, revoking nothing', async () => {
    const group = simulator.groups.get(DEFAULT_GROUP_JID)!
    const before = group.inviteCode
    const info = await new RyzeClient(settings).groupInfo({ kind: 'code', code: before })
    expect(info).toEqual({
      groupJid: DEFAULT_GROUP_JID,
      inviteCode: before,
      inviteLink: `https://chat.whatsapp.com/${before}`,
      name: 'Support'
    })
    expect(group.inviteCode).toBe(before)
    expect(simulator.requests[0]!.rawPath).toBe(`/api/group/info/support?identifier=${before}&participants=false`)
  })

  it('makes a group name safe to print, and leaves out an empty one', async () => {
    const link = `https://chat.whatsapp.com/${simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode}`
    simulator.injectFault({
      route: 'info',
      status: 200,
      body: { success: true, group: { jid: DEFAULT_GROUP_JID, name: 'Makers\r\n::warning::x', inviteLink: link } }
    })
    expect((await new RyzeClient(settings).groupInfo(JID_GROUP)).name).toBe('Makers ::warning::x')
    simulator.injectFault({
      route: 'info',
      status: 200,
      body: { success: true, group: { id: DEFAULT_GROUP_JID, subject: ' ', inviteLink: link } }
    })
    expect(await new RyzeClient(settings).groupInfo(JID_GROUP)).not.toHaveProperty('name')
  })

  it('refuses an answer over the size limit, declared or streamed', async () => {
    simulator.injectFault({ route: 'resetLink', status: 200, body: { success: true, pad: 'x'.repeat(MAX_BODY_BYTES) } })
    await expect(new RyzeClient(settings).resetInviteLink(JID_GROUP)).rejects.toMatchObject({ kind: 'too-large' })
    simulator.injectFault({
      route: 'resetLink',
      status: 200,
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
      headers: { 'transfer-encoding': 'chunked' }
    })
    await expect(new RyzeClient(settings).resetInviteLink(JID_GROUP)).rejects.toMatchObject({ kind: 'too-large' })
    // Only the declared length is over the limit: refused before the body is read.
    simulator.injectFault({
      route: 'resetLink',
      status: 200,
      body: { success: true },
      declaredLength: MAX_BODY_BYTES + 1
    })
    await expect(new RyzeClient(settings).resetInviteLink(JID_GROUP)).rejects.toMatchObject({ kind: 'too-large' })
  })

  it('takes an answer that comes late but within the time-out', async () => {
    simulator.injectFault({ route: 'resetLink', delayMs: 500 })
    const result = await new RyzeClient({ ...settings, timeoutMs: 2000 }).resetInviteLink(JID_GROUP)
    expect(result.inviteCode).toBe(simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode)
    expect(simulator.resets).toHaveLength(1)
  })

  it('stops at once when cancelled', async () => {
    simulator.injectFault({ route: 'resetLink', silent: true })
    const controller = new AbortController()
    const attempt = new RyzeClient({ ...settings, timeoutMs: 10_000 }).resetInviteLink(JID_GROUP, controller.signal)
    setTimeout(() => controller.abort(), 50)
    await expect(attempt).rejects.toMatchObject({ kind: 'cancelled' })
  })

  it('maps a documented error from the simulator', async () => {
    simulator.groups.get(DEFAULT_GROUP_JID)!.admin = false
    await expect(new RyzeClient(settings).resetInviteLink(JID_GROUP)).rejects.toMatchObject({
      status: 403,
      apiMessage: 'Not authorized to reset group invite link (must be admin)'
    })
  })
})
