import { debug } from '@actions/core'
import { type Clock, systemClock, waitBeforeRequest } from './clock.js'
import { RequestError, type RetryNotice, type WaitReason, joinSentences, reworded } from '../safety/errors.js'

export type { RetryNotice, WaitReason } from '../safety/errors.js'

/**
 * The one place that decides whether to try again and how long to wait first. The decisions are
 * plain functions of the failure, the attempt and the clock, so they are tested without waiting.
 */

export interface RetryPolicy {
  /** Extra attempts after a failed one. */
  retries: number
  /** The longest wait for a rate-limit window or Retry-After. */
  maxWaitMs: number
  /**
   * False for a request that must not be carried out twice and has nothing to read back, such as a
   * message: a failure that may have taken effect is then final. True when left out.
   */
  idempotent?: boolean
}

export interface RetryTiming {
  baseDelayMs: number
  maxDelayMs: number
  random: () => number
  clock: Clock
}

export const DEFAULT_TIMING: RetryTiming = {
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  random: Math.random,
  clock: systemClock
}

/** The default backoff, waited out by `clock`: the RyzeClient's, so that a test's clock drives every wait. */
export function timingOn(clock: Clock): RetryTiming {
  return { ...DEFAULT_TIMING, clock }
}

/** X-RateLimit-Reset has one-second resolution; a little extra keeps the retry out of the old window. */
const RESET_MARGIN_MS = 250

const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504])

export type RetryDecision = { retry: true; delayMs: number; waitingFor: WaitReason } | { retry: false; why?: string }

export function decideRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  timing: RetryTiming = DEFAULT_TIMING
): RetryDecision {
  if (!(error instanceof RequestError) || !isTransient(error)) return { retry: false }
  if (policy.idempotent === false && mayHaveTakenEffect(error)) {
    return { retry: false, why: 'It may have been carried out all the same, so it is not sent again.' }
  }

  // The server said when to come back (a 429's window or Retry-After, a 503's Retry-After): wait for
  // that, never past max-wait, rather than back off blindly.
  const retryAtMs = error.retryAt?.getTime() ?? NaN
  if ((error.status === 429 || error.status === 503) && Number.isFinite(retryAtMs)) {
    const waitMs = Math.max(0, retryAtMs - timing.clock.now())
    if (waitMs > policy.maxWaitMs) {
      return {
        retry: false,
        why: `Not waiting for it: that is ${seconds(waitMs)} s away, longer than max-wait (${seconds(policy.maxWaitMs)} s).`
      }
    }
    if (attempt > policy.retries) return { retry: false }
    return {
      retry: true,
      delayMs: Math.min(waitMs + RESET_MARGIN_MS, policy.maxWaitMs),
      waitingFor: error.status === 429 ? 'rate-limit' : 'retry-after'
    }
  }

  if (attempt > policy.retries) return { retry: false }
  return { retry: true, delayMs: backoffMs(attempt, timing), waitingFor: 'backoff' }
}

/** A dropped or refused connection, a time-out, a transient 5xx, or a 429. Never 501 or another 4xx. */
export function isTransient(error: RequestError): boolean {
  return error.kind === 'network' || error.kind === 'timeout' || TRANSIENT_STATUSES.has(error.status ?? 0)
}

/**
 * Whether a failed request may have taken effect all the same: the answer was lost, cut short or
 * spoilt after the request reached the server. A refused connection, a 4xx, a 429 and a 501 say
 * the server did nothing; anything this function cannot place counts as ambiguous.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (!(error instanceof RequestError)) return true
  switch (error.kind) {
    case 'status':
      return (error.status ?? 0) >= 500 && error.status !== 501
    case 'bad-answer':
    case 'too-large':
      return true
    case 'redirect':
    case 'tls':
      return false
    default:
      return error.requestSent
  }
}

/** Exponential backoff with full jitter: a random wait up to 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(attempt: number, timing: RetryTiming = DEFAULT_TIMING): number {
  const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(timing.random() * ceiling)
}

/** What a failed attempt turned out to be, once looked into: a result after all, or the error to act on. */
export type Settled<T> = { value: T } | { error: unknown }

export interface RetryOptions<T> {
  policy: RetryPolicy
  timing?: RetryTiming
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice) => void
  /**
   * Looks into each failed attempt before the retry decision, such as reading back what a reset
   * with a lost answer did. Its error (if any) is the one the decision and the user see.
   */
  settle?: (error: unknown) => Promise<Settled<T>>
}

/** Runs `operation` until it succeeds or `decideRetry` says stop; the error then says how it went. */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions<T>): Promise<T> {
  const maxAttempts = options.policy.retries + 1
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (thrown) {
      const settled = options.settle ? await options.settle(thrown) : { error: thrown }
      if ('value' in settled) return settled.value
      const { error } = settled
      const decision = decideRetry(error, attempt, options.policy, options.timing)
      debug(
        `Attempt ${attempt} of ${maxAttempts} failed (${describeFailure(error)}). ` +
          (decision.retry
            ? `Trying again after ${seconds(decision.delayMs)} s (${decision.waitingFor}).`
            : `Not trying again.${decision.why ? ` ${decision.why}` : ''}`)
      )
      if (!decision.retry) throw finalError(error, attempt, decision.why)
      options.onRetry?.({
        attempt,
        maxAttempts,
        error: error as RequestError,
        delayMs: decision.delayMs,
        waitingFor: decision.waitingFor
      })
      await waitBeforeRequest((options.timing ?? DEFAULT_TIMING).clock, decision.delayMs, options.signal)
    }
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof RequestError)) return 'not a request failure'
  return error.status === undefined ? error.kind : `${error.kind}, HTTP ${error.status}`
}

function finalError(error: unknown, attempts: number, why: string | undefined): unknown {
  if (!(error instanceof RequestError) || (attempts === 1 && why === undefined)) return error
  const prefix = attempts > 1 ? `Gave up after ${attempts} attempts. ` : ''
  return reworded(error, joinSentences(`${prefix}${error.message}`, why ?? ''))
}

function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toString()
}
