import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import { getEventListeners } from 'node:events'
import { RequestError } from '../../src/safety/errors.js'
import { systemClock, waitBeforeRequest } from '../../src/ryze/clock.js'
import {
  type RetryNotice,
  type RetryTiming,
  DEFAULT_TIMING,
  backoffMs,
  decideRetry,
  mayHaveTakenEffect,
  timingOn,
  withRetries
} from '../../src/ryze/retry.js'
import { ManualClock, settle } from '../helpers/manual-clock.js'
import { withLf } from '../helpers/line-endings.js'

const NOW = Date.parse('2026-11-26T03:00:00Z')
const timing: RetryTiming = { baseDelayMs: 1000, maxDelayMs: 30_000, random: () => 1, clock: new ManualClock(NOW) }
const policy = { retries: 3, maxWaitMs: 120_000 }

const status = (code: number, retryAt?: Date): RequestError =>
  new RequestError('status', `RyzeAPI answered HTTP ${code}.`, { status: code, retryAt })

describe('decideRetry', () => {
  it.each([
    ['a dropped connection', new RequestError('network', 'socket hang up')],
    ['a time-out', new RequestError('timeout', 'timed out')],
    ['HTTP 500', status(500)],
    ['HTTP 502', status(502)],
    ['HTTP 503', status(503)],
    ['HTTP 504', status(504)],
    ['WhatsApp throttling (429 without a reset time)', status(429)]
  ])('retries %s with exponential backoff', (_name, error) => {
    expect(decideRetry(error, 1, policy, timing)).toEqual({ retry: true, delayMs: 1000, waitingFor: 'backoff' })
    expect(decideRetry(error, 3, policy, timing)).toEqual({ retry: true, delayMs: 4000, waitingFor: 'backoff' })
    expect(decideRetry(error, 4, policy, timing)).toEqual({ retry: false })
  })

  it.each([
    ['HTTP 501', status(501)],
    ['HTTP 400', status(400)],
    ['HTTP 401', status(401)],
    ['HTTP 403', status(403)],
    ['HTTP 404', status(404)],
    ['HTTP 409', status(409)],
    ['a redirect', new RequestError('redirect', 'redirect', { status: 302 })],
    ['a success without a link', new RequestError('bad-answer', 'no link', { status: 200 })],
    ['an answer over the size limit', new RequestError('too-large', 'too large')],
    ['a cancellation', new RequestError('cancelled', 'cancelled')],
    ['an unexpected error', new Error('bug')]
  ])('never retries %s', (_name, error) => {
    expect(decideRetry(error, 1, policy, timing)).toEqual({ retry: false })
  })

  describe('for a request that is not idempotent (a message)', () => {
    const once = { ...policy, idempotent: false }

    it.each([
      ['a connection dropped after the request was sent', new RequestError('network', 'socket hang up')],
      ['a time-out', new RequestError('timeout', 'timed out')],
      ['HTTP 502', status(502)],
      ['HTTP 503', status(503)]
    ])('never sends it again after %s, and says why', (_name, error) => {
      expect(decideRetry(error, 1, once, timing)).toEqual({
        retry: false,
        why: 'It may have been carried out all the same, so it is not sent again.'
      })
    })

    it('retries what cannot have been carried out: a refused connection, a 429', () => {
      const refused = new RequestError('network', 'ECONNREFUSED', { requestSent: false })
      expect(decideRetry(refused, 1, once, timing)).toEqual({ retry: true, delayMs: 1000, waitingFor: 'backoff' })
      expect(decideRetry(status(429, new Date(NOW + 2000)), 1, once, timing)).toEqual({
        retry: true,
        delayMs: 2250,
        waitingFor: 'rate-limit'
      })
      expect(decideRetry(status(400), 1, once, timing)).toEqual({ retry: false })
    })
  })

  it('waits for the rate-limit window, plus a margin, instead of backing off', () => {
    const error = status(429, new Date(NOW + 42_000))
    expect(decideRetry(error, 1, policy, timing)).toEqual({ retry: true, delayMs: 42_250, waitingFor: 'rate-limit' })
  })

  it('does not wait past max-wait, and says why', () => {
    const error = status(429, new Date(NOW + 300_000))
    expect(decideRetry(error, 1, policy, timing)).toEqual({
      retry: false,
      why: 'Not waiting for it: that is 300 s away, longer than max-wait (120 s).'
    })
    expect(decideRetry(status(429, new Date(NOW + 1000)), 1, { retries: 3, maxWaitMs: 0 }, timing)).toMatchObject({
      retry: false
    })
  })

  it('retries at once when the window has already reset', () => {
    expect(decideRetry(status(429, new Date(NOW - 5000)), 1, policy, timing)).toMatchObject({ delayMs: 250 })
  })

  it("waits for a 503's Retry-After instead of backing off, and says what it waits for", () => {
    expect(decideRetry(status(503, new Date(NOW + 5000)), 1, policy, timing)).toEqual({
      retry: true,
      delayMs: 5250,
      waitingFor: 'retry-after'
    })
    expect(decideRetry(status(503, new Date(NOW + 300_000)), 1, policy, timing)).toEqual({
      retry: false,
      why: 'Not waiting for it: that is 300 s away, longer than max-wait (120 s).'
    })
  })

  it('never waits past max-wait, the margin included', () => {
    const tight = { retries: 3, maxWaitMs: 5000 }
    expect(decideRetry(status(429, new Date(NOW + 4900)), 1, tight, timing)).toMatchObject({ delayMs: 5000 })
    expect(decideRetry(status(429, new Date(NOW - 1000)), 1, { retries: 3, maxWaitMs: 0 }, timing)).toMatchObject({
      retry: true,
      delayMs: 0
    })
  })

  it('backs off when the time to come back is not a date at all, and never waits NaN', () => {
    const decision = decideRetry(status(429, new Date(NaN)), 1, policy, timing)
    expect(decision).toEqual({ retry: true, delayMs: 1000, waitingFor: 'backoff' })
  })

  it('counts rate-limit waits as attempts', () => {
    expect(decideRetry(status(429, new Date(NOW + 1000)), 4, policy, timing)).toEqual({ retry: false })
  })
})

describe('mayHaveTakenEffect', () => {
  it.each([
    ['a connection dropped after the request was sent', new RequestError('network', 'socket hang up')],
    ['a time-out after the request was sent', new RequestError('timeout', 'timed out')],
    ['a cancellation during the request', new RequestError('cancelled', 'cancelled')],
    ['HTTP 500', status(500)],
    ['HTTP 502 (also a gateway page)', status(502)],
    ['HTTP 503', status(503)],
    ['HTTP 504', status(504)],
    ['HTTP 599', status(599)],
    ['a success answer without a usable link', new RequestError('bad-answer', 'no link')],
    ['an answer over the size limit', new RequestError('too-large', 'too large')],
    ['anything that is not a request error', new TypeError('boom')]
  ])('is ambiguous: %s', (_what, error) => {
    expect(mayHaveTakenEffect(error)).toBe(true)
  })

  it.each([
    ['a refused connection', new RequestError('network', 'ECONNREFUSED', { requestSent: false })],
    ['a time-out before the request was written', new RequestError('timeout', 'timed out', { requestSent: false })],
    ['a cancelled wait', new RequestError('cancelled', 'cancelled', { requestSent: false })],
    ['HTTP 400', status(400)],
    ['HTTP 404', status(404)],
    ['HTTP 429', status(429)],
    ['HTTP 501', status(501)],
    ['HTTP 200 with success: false', status(200)],
    ['a redirect', new RequestError('redirect', 'moved', { status: 302 })],
    ['an untrusted certificate', new RequestError('tls', 'untrusted')]
  ])('is not: %s', (_what, error) => {
    expect(mayHaveTakenEffect(error)).toBe(false)
  })
})

describe('backoffMs', () => {
  it('grows from about 1 s to at most 30 s, with full jitter', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 10].map((attempt) => backoffMs(attempt, timing))
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000])
    expect(backoffMs(3, { ...timing, random: () => 0 })).toBe(0)
    expect(backoffMs(3, { ...timing, random: () => 0.5 })).toBe(2000)
  })
})

describe('decideRetry at the edges', () => {
  it('backs off from a second by default', () => {
    const decision = decideRetry(status(503), 1, policy)
    expect(decision).toMatchObject({ retry: true, waitingFor: 'backoff' })
    expect((decision as { delayMs: number }).delayMs).toBeGreaterThanOrEqual(0)
    expect((decision as { delayMs: number }).delayMs).toBeLessThanOrEqual(1000)
  })

  it('waits for a time only a 429 or a 503 gave, and backs off from any other failure', () => {
    expect(decideRetry(status(502, new Date(NOW + 42_000)), 1, policy, timing)).toEqual({
      retry: true,
      delayMs: 1000,
      waitingFor: 'backoff'
    })
  })

  it('still waits for the window on the last retry, and not after it', () => {
    expect(decideRetry(status(429, new Date(NOW + 1000)), 3, policy, timing)).toMatchObject({ retry: true })
    expect(decideRetry(status(429, new Date(NOW + 1000)), 4, policy, timing)).toEqual({ retry: false })
  })

  it.each(['bad-answer', 'too-large'] as const)('counts a %s answer as possibly carried out, always', (kind) => {
    expect(mayHaveTakenEffect(new RequestError(kind, 'spoilt', { requestSent: false }))).toBe(true)
  })
})

describe('withRetries', () => {
  let clock: ManualClock
  let fast: RetryTiming
  beforeEach(() => {
    clock = new ManualClock(NOW)
    fast = { ...timing, clock }
  })

  it('returns the first success and reports each retry, after waiting the backoff by the clock', async () => {
    const notices: RetryNotice[] = []
    const failures = [status(503), new RequestError('network', 'socket hang up')]
    const result = await withRetries(
      (attempt) => {
        const failure = failures.shift()
        return failure ? Promise.reject(failure) : Promise.resolve(`ok on attempt ${attempt}`)
      },
      { policy, timing: fast, onRetry: (notice) => notices.push(notice) }
    )
    expect(result).toBe('ok on attempt 3')
    expect(
      notices.map(({ attempt, maxAttempts, error, delayMs }) => [attempt, maxAttempts, error.kind, delayMs])
    ).toEqual([
      [1, 4, 'status', 1000],
      [2, 4, 'network', 2000]
    ])
    expect(clock.sleeps).toEqual([1000, 2000])
  })

  it("waits for a 429's window by the clock, then tries again", async () => {
    const failures = [status(429, new Date(NOW + 42_000))]
    const result = await withRetries(
      () => {
        const failure = failures.shift()
        return failure ? Promise.reject(failure) : Promise.resolve('ok')
      },
      { policy, timing: fast }
    )
    expect(result).toBe('ok')
    expect(clock.sleeps).toEqual([42_250])
  })

  it('says how many attempts were made and what the last one got', async () => {
    let calls = 0
    const attempt = withRetries(
      () => {
        calls++
        return Promise.reject(status(503))
      },
      { policy: { retries: 2, maxWaitMs: 0 }, timing: fast }
    )
    await expect(attempt).rejects.toMatchObject({
      message: 'Gave up after 3 attempts. RyzeAPI answered HTTP 503.'
    })
    expect(calls).toBe(3)
  })

  it('passes a permanent failure through unchanged, after one attempt', async () => {
    const forbidden = status(403)
    let calls = 0
    await expect(
      withRetries(
        () => {
          calls++
          return Promise.reject(forbidden)
        },
        { policy, timing: fast }
      )
    ).rejects.toBe(forbidden)
    expect(calls).toBe(1)
  })

  it('lets settle turn a failed attempt into a result, or into the error that is acted on', async () => {
    let attempts = 0
    const found = await withRetries(
      () => {
        attempts++
        return Promise.reject(status(502))
      },
      { policy, timing: fast, settle: () => Promise.resolve({ value: 'read back' }) }
    )
    expect(found).toBe('read back')
    expect(attempts).toBe(1)

    const noted = withRetries(() => Promise.reject(status(502)), {
      policy: { ...policy, retries: 0 },
      settle: (error) =>
        Promise.resolve({ error: new RequestError('status', `${(error as Error).message} Noted.`, { status: 502 }) })
    })
    await expect(noted).rejects.toThrow('RyzeAPI answered HTTP 502. Noted.')
  })

  it('stops a wait at once when cancelled, as a cancel that sent nothing', async () => {
    const held = new ManualClock(NOW, { held: true })
    const controller = new AbortController()
    let calls = 0
    const attempt = withRetries(
      () => {
        calls++
        return Promise.reject(status(429, new Date(NOW + 60_000)))
      },
      { policy, timing: { ...timing, clock: held }, signal: controller.signal }
    )
    await settle()
    expect(held.waiting).toBe(1)
    controller.abort()
    await expect(attempt).rejects.toMatchObject({
      kind: 'cancelled',
      requestSent: false,
      message: 'Cancelled while waiting to try again.'
    })
    expect(calls).toBe(1)
  })

  it('says why it stops after the first attempt, without counting attempts', async () => {
    const attempt = withRetries(() => Promise.reject(status(429, new Date(NOW + 300_000))), {
      policy,
      timing: fast
    })
    await expect(attempt).rejects.toMatchObject({
      message: 'RyzeAPI answered HTTP 429. Not waiting for it: that is 300 s away, longer than max-wait (120 s).'
    })
  })

  it('writes each failed attempt and the decision to the debug log', async () => {
    const lines: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(withLf(chunk.toString()))
      return true
    })
    try {
      const failures = [status(503), new RequestError('network', 'socket hang up'), new Error('not a request')]
      await expect(withRetries(() => Promise.reject(failures.shift()!), { policy, timing: fast })).rejects.toThrow(
        'not a request'
      )
    } finally {
      spy.mockRestore()
    }
    expect(lines.filter((line) => line.startsWith('::debug::Attempt'))).toEqual([
      '::debug::Attempt 1 of 4 failed (status, HTTP 503). Trying again after 1 s (backoff).\n',
      '::debug::Attempt 2 of 4 failed (network). Trying again after 2 s (backoff).\n',
      '::debug::Attempt 3 of 4 failed (not a request failure). Not trying again.\n'
    ])

    lines.length = 0
    const logged = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(withLf(chunk.toString()))
      return true
    })
    try {
      await expect(
        withRetries(() => Promise.reject(status(429, new Date(NOW + 300_000))), {
          policy,
          timing: { ...timing, clock: new ManualClock(NOW) }
        })
      ).rejects.toThrow()
    } finally {
      logged.mockRestore()
    }
    expect(lines.filter((line) => line.startsWith('::debug::Attempt'))).toEqual([
      '::debug::Attempt 1 of 4 failed (status, HTTP 429). Not trying again. Not waiting for it: that is 300 s away, longer than max-wait (120 s).\n'
    ])
  })

  it('refuses a wait that only a bug could ask for, rather than retrying at once', async () => {
    const attempt = withRetries(() => Promise.reject(status(503)), {
      policy,
      timing: { ...fast, random: () => NaN }
    })
    await expect(attempt).rejects.toThrow(new RangeError('Refused to wait NaN ms'))
  })
})

describe('waitBeforeRequest', () => {
  it.each([-1, NaN, Infinity, 2 ** 31])('refuses to wait %p ms', async (ms) => {
    const clock = new ManualClock(NOW)
    await expect(waitBeforeRequest(clock, ms, undefined)).rejects.toThrow(new RangeError(`Refused to wait ${ms} ms`))
    expect(clock.sleeps).toEqual([])
  })

  it.each([0, 2 ** 31 - 1])('waits %p ms, the edges of what a timer can do', async (ms) => {
    const clock = new ManualClock(NOW)
    await waitBeforeRequest(clock, ms, undefined)
    expect(clock.sleeps).toEqual([ms])
  })
})

describe('timingOn', () => {
  it("is the default backoff, waited out on the given clock: a retry's wait is one of its sleeps", async () => {
    const clock = new ManualClock(NOW)
    expect(timingOn(clock)).toEqual({ ...DEFAULT_TIMING, clock })
    let calls = 0
    const result = await withRetries(() => (++calls === 1 ? Promise.reject(status(503)) : Promise.resolve('ok')), {
      policy: { retries: 1, maxWaitMs: 0 },
      timing: timingOn(clock)
    })
    expect(result).toBe('ok')
    expect(clock.sleeps).toEqual([expect.any(Number)])
    expect(clock.sleeps[0]).toBeLessThanOrEqual(DEFAULT_TIMING.baseDelayMs)
  })
})

describe('systemClock', () => {
  it('ends a real wait as soon as its signal is aborted, leaving no timer and no listener', async () => {
    jest.useFakeTimers()
    try {
      const controller = new AbortController()
      const waiting = systemClock.sleep(60_000, controller.signal)
      expect(jest.getTimerCount()).toBe(1)
      controller.abort()
      await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
      expect(jest.getTimerCount()).toBe(0)
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    } finally {
      jest.useRealTimers()
    }
  })

  it('refuses at once to wait on a signal already aborted, with its reason', async () => {
    const reason = new Error('cancelled before the wait')
    await expect(systemClock.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason)
  })

  it('ends a wait at its time, with or without a signal, and leaves no listener behind', async () => {
    const controller = new AbortController()
    await systemClock.sleep(5, controller.signal)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    await expect(systemClock.sleep(5)).resolves.toBeUndefined()
  })

  it('gives a deadline that has not passed yet', () => {
    expect(systemClock.deadline(60_000).aborted).toBe(false)
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(1000)
  })
})
