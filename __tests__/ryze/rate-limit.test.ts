import { describe, expect, it } from '@jest/globals'
import { RateLimitPacer, readRateLimit, retryAfterOf, retryAtOf } from '../../src/ryze/rate-limit.js'
import { ManualClock, settle } from '../helpers/manual-clock.js'

const NOW = Date.parse('2026-11-26T03:00:00Z')

describe('rate-limit headers', () => {
  const nowSeconds = NOW / 1000
  const bucket = (limit: string, remaining: string, reset: string) => ({
    'x-ratelimit-limit': limit,
    'x-ratelimit-remaining': remaining,
    'x-ratelimit-reset': reset
  })

  it('reads a sane bucket', () => {
    expect(readRateLimit(bucket('100', '7', String(nowSeconds + 42)), NOW)).toEqual({
      limit: 100,
      remaining: 7,
      resetAt: new Date(NOW + 42_000)
    })
  })

  it.each([
    ['a reset more than a day away', bucket('100', '0', String(nowSeconds + 86_401))],
    ['a reset in the far past', bucket('100', '0', String(nowSeconds - 86_401))],
    ['a reset beyond any date', bucket('100', '0', '99999999999999999')],
    ['a reset that is not a whole number', bucket('100', '0', `${nowSeconds}.5`)],
    ['a negative limit', bucket('-1', '0', String(nowSeconds + 10))],
    ['a zero limit', bucket('0', '0', String(nowSeconds + 10))],
    ['an absurd limit', bucket('1000000000', '0', String(nowSeconds + 10))],
    ['more remaining than the limit', bucket('100', '101', String(nowSeconds + 10))],
    ['a limit that is not a number', bucket('lots', '0', String(nowSeconds + 10))],
    ['a limit beyond exact integers', bucket('99999999999999999999', '0', String(nowSeconds + 10))]
  ])('ignores %s', (_case, headers) => {
    expect(readRateLimit(headers, NOW)).toBeUndefined()
  })

  it('reads the edges of sane: a limit of 1 or a million, all remaining, a reset a day away, spaces', () => {
    expect(readRateLimit(bucket('1', '1', String(nowSeconds + 86_400)), NOW)).toEqual({
      limit: 1,
      remaining: 1,
      resetAt: new Date(NOW + 86_400_000)
    })
    expect(readRateLimit(bucket(' 1000000 ', '0', String(nowSeconds - 86_400)), NOW)?.limit).toBe(1_000_000)
  })

  it.each([
    ['no limit', { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' }],
    ['no remaining', { 'x-ratelimit-limit': '100', 'x-ratelimit-reset': String(nowSeconds + 10) }],
    ['no reset', { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '1' }],
    ['a limit in hex', bucket('0x64', '0', String(nowSeconds + 10))],
    ['a limit in exponent form', bucket('1e3', '0', String(nowSeconds + 10))]
  ])('ignores a bucket with %s', (_case, headers) => {
    expect(readRateLimit(headers, NOW)).toBeUndefined()
  })

  it.each([
    ['whole seconds, with spaces around', ' 42 ', NOW + 42_000],
    ['a whole day', '86400', NOW + 86_400_000],
    ['zero', '0', NOW],
    ['an HTTP date', new Date(NOW + 90_000).toUTCString(), NOW + 90_000],
    ['an HTTP date in the recent past', new Date(NOW - 5000).toUTCString(), NOW - 5000]
  ])('takes Retry-After in %s', (_case, value, expected) => {
    expect(retryAfterOf({ 'retry-after': value }, NOW)?.getTime()).toBe(expected)
  })

  it.each([
    ['absurd seconds', '99999999999999999999'],
    ['more than a day', '86401'],
    ['a fraction', '1.5'],
    ['a negative number', '-5'],
    ['a date far away', 'Fri, 01 Jan 2100 00:00:00 GMT'],
    ['a date in the far past', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ['nonsense', 'soon'],
    ['a date without a day or month name', '2026-11-26 03:00:42'],
    ['nothing', ''],
    ['spaces', '   ']
  ])('ignores Retry-After of %s', (_case, value) => {
    expect(retryAfterOf({ 'retry-after': value }, NOW)).toBeUndefined()
  })

  it("falls back from an absurd Retry-After to RyzeAPI's window, and to nothing for another 429", () => {
    const headers = { 'retry-after': '99999999999999999999', ...bucket('100', '0', String(nowSeconds + 30)) }
    expect(retryAtOf(headers, 'Rate limit exceeded', NOW)).toEqual(new Date(NOW + 30_000))
    expect(retryAtOf(headers, 'WhatsApp throttling', NOW)).toBeUndefined()
    // A 429 without a message is RyzeAPI's own; without a sane window there is no time to wait for.
    expect(retryAtOf(headers, undefined, NOW)).toEqual(new Date(NOW + 30_000))
    expect(retryAtOf({}, 'Rate limit exceeded', NOW)).toBeUndefined()
    expect(retryAfterOf({}, NOW)).toBeUndefined()
  })
})

describe('RateLimitPacer', () => {
  const bucket = (remaining: number, resetInMs: number) => ({
    limit: 10,
    remaining,
    resetAt: new Date(NOW + resetInMs)
  })

  it('waits for the window only when the bucket is empty, and only up to max-wait', () => {
    const pacer = new RateLimitPacer(5000, undefined, new ManualClock(NOW))
    expect(pacer.delayBeforeNextRequestMs()).toBe(0)
    pacer.observe(bucket(3, 2000))
    expect(pacer.delayBeforeNextRequestMs()).toBe(0)
    pacer.observe(bucket(0, 2000))
    expect(pacer.delayBeforeNextRequestMs()).toBe(2100)
    pacer.observe(bucket(0, 4900))
    expect(pacer.delayBeforeNextRequestMs()).toBe(5000)
    pacer.observe(bucket(0, 4901))
    expect(pacer.delayBeforeNextRequestMs()).toBe(0)
    pacer.observe(bucket(0, -1000))
    expect(pacer.delayBeforeNextRequestMs()).toBe(0)
    const unusable = { limit: 10, remaining: 0, resetAt: new Date(NaN) }
    pacer.observe(unusable)
    expect(pacer.delayBeforeNextRequestMs()).toBe(0)
    pacer.observe(undefined)
    expect(pacer.state).toBe(unusable)
  })

  it('waits a little past the reset, by the clock, and tells the hook first', async () => {
    const clock = new ManualClock(NOW)
    const waits: Array<[number, number]> = []
    const pacer = new RateLimitPacer(60_000, (delayMs, state) => waits.push([delayMs, state.limit]), clock)
    await pacer.beforeRequest()
    expect(clock.sleeps).toEqual([])
    pacer.observe(bucket(0, 30_000))
    await pacer.beforeRequest()
    expect(waits).toEqual([[30_100, 10]])
    expect(clock.sleeps).toEqual([30_100])
    // The window has reset by the clock: the next request does not wait again.
    await pacer.beforeRequest()
    expect(clock.sleeps).toEqual([30_100])
  })

  it('stops waiting at once when cancelled, as a cancel that sent nothing', async () => {
    const clock = new ManualClock(NOW, { held: true })
    const pacer = new RateLimitPacer(60_000, undefined, clock)
    pacer.observe(bucket(0, 30_000))
    const controller = new AbortController()
    const waiting = pacer.beforeRequest(controller.signal)
    await settle()
    expect(clock.waiting).toBe(1)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled', requestSent: false })
    expect(clock.waiting).toBe(0)
  })
})
