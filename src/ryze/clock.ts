import { RequestError } from '../safety/errors.js'

/**
 * Time as the waits see it: retry backoff, the rate-limit pacer and the read-back deadline after a
 * cancel all go through a Clock, so that tests drive time instead of waiting for it.
 */
export interface Clock {
  now(): number
  /** Resolves after `ms`, or rejects as soon as `signal` is aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** A signal that aborts `ms` from now: a deadline, such as the read-back's after a cancel. */
  deadline(ms: number): AbortSignal
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep,
  deadline: (ms) => AbortSignal.timeout(ms)
}

/** A plain timer, so that node:timers/promises stays off the default path. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Longer than any wait the retry and pacing decisions allow; Node would fire a longer timer at once. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** Waits before a request; a cancel during the wait is a RequestError of kind `cancelled`, sent nothing. */
export async function waitBeforeRequest(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  // Only a bug could pass NaN or a huge wait here; never turn it into an immediate retry.
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIMER_MS) throw new RangeError(`Refused to wait ${ms} ms`)
  try {
    await clock.sleep(ms, signal)
  } catch (error) {
    throw new RequestError('cancelled', 'Cancelled while waiting to try again.', { cause: error, requestSent: false })
  }
}
