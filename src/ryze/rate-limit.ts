import type { IncomingHttpHeaders } from 'node:http'
import { type Clock, systemClock, waitBeforeRequest } from './clock.js'

/**
 * Rate limits and pacing together: what RyzeAPI's X-RateLimit-* and Retry-After headers say, and
 * the pacer that spaces requests by them. Whether to retry a 429 is decided in retry.ts.
 */

/** RyzeAPI's request budget, from the X-RateLimit-* headers every answer carries. */
export interface RateLimit {
  limit: number
  remaining: number
  resetAt: Date
}

/** Further from now than this, a window's reset or a Retry-After is a misbehaving server. */
const MAX_SANE_WAIT_MS = 24 * 60 * 60 * 1000
/** RyzeAPI allows 100 a minute; a limit beyond this is not a rate limit anyone sends. */
const MAX_SANE_LIMIT = 1_000_000

/**
 * The bucket from the X-RateLimit-* headers, or undefined unless all three are sane: whole numbers,
 * a limit from 1 to a million, no more remaining than the limit, and a reset within a day of now.
 */
export function readRateLimit(headers: IncomingHttpHeaders, now = Date.now()): RateLimit | undefined {
  const limit = integerHeader(headers, 'x-ratelimit-limit')
  const remaining = integerHeader(headers, 'x-ratelimit-remaining')
  const reset = integerHeader(headers, 'x-ratelimit-reset')
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined
  if (limit < 1 || limit > MAX_SANE_LIMIT || remaining > limit) return undefined
  const resetAt = reset * 1000
  if (Math.abs(resetAt - now) > MAX_SANE_WAIT_MS) return undefined
  return { limit, remaining, resetAt: new Date(resetAt) }
}

/** RyzeAPI's own limit says "Rate limit exceeded"; any other 429 is WhatsApp throttling the instance. */
export function isOwnRateLimit(apiMessage: string | undefined): boolean {
  return apiMessage === undefined || /rate limit exceeded/i.test(apiMessage)
}

/** Retry-After when sent and sane; else, for RyzeAPI's own limit, the window's end. */
export function retryAtOf(
  headers: IncomingHttpHeaders,
  apiMessage: string | undefined,
  now = Date.now()
): Date | undefined {
  return retryAfterOf(headers, now) ?? (isOwnRateLimit(apiMessage) ? readRateLimit(headers, now)?.resetAt : undefined)
}

/**
 * Retry-After in whole seconds or as an HTTP date, or undefined when absent or not sane: another
 * form, or more than a day from now (a date in the recent past means "now").
 */
export function retryAfterOf(headers: IncomingHttpHeaders, now = Date.now()): Date | undefined {
  const retryAfter = headers['retry-after']?.trim()
  if (retryAfter === undefined || retryAfter === '') return undefined
  const at = /^\d+$/.test(retryAfter)
    ? now + Number(retryAfter) * 1000
    : /[a-z]/i.test(retryAfter)
      ? Date.parse(retryAfter)
      : NaN
  return Number.isFinite(at) && Math.abs(at - now) <= MAX_SANE_WAIT_MS ? new Date(at) : undefined
}

/** A header holding a whole number that a double represents exactly; anything else is ignored. */
function integerHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
  const value = headers[name]
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return undefined
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : undefined
}

/** A little past X-RateLimit-Reset, so that the next request lands in the new window. */
const PACING_MARGIN_MS = 100

/**
 * Spaces requests by the bucket RyzeAPI reports on every answer: when it is empty, the next request
 * waits for the window to reset instead of drawing a 429. A wait beyond max-wait is not made; that
 * request then meets the 429, which fails with a clear message.
 */
export class RateLimitPacer {
  private latest?: RateLimit

  constructor(
    private readonly maxWaitMs: number,
    private readonly onWait?: (delayMs: number, state: RateLimit) => void,
    private readonly clock: Clock = systemClock
  ) {}

  /** What the last answer said of the bucket, if it said anything. */
  get state(): RateLimit | undefined {
    return this.latest
  }

  observe(state: RateLimit | undefined): void {
    if (state) this.latest = state
  }

  /** Waits only for a window that resets within max-wait; a reset that is no time at all waits nothing. */
  delayBeforeNextRequestMs(): number {
    if (!this.latest || this.latest.remaining > 0) return 0
    const waitMs = this.latest.resetAt.getTime() - this.clock.now() + PACING_MARGIN_MS
    // An unusable reset (NaN) fails both comparisons, and so waits nothing.
    return waitMs > 0 && waitMs <= this.maxWaitMs ? waitMs : 0
  }

  async beforeRequest(signal?: AbortSignal): Promise<void> {
    const delayMs = this.delayBeforeNextRequestMs()
    if (delayMs === 0 || !this.latest) return
    this.onWait?.(delayMs, this.latest)
    await waitBeforeRequest(this.clock, delayMs, signal)
  }
}
