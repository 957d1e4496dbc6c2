import { setTimeout as delay } from 'node:timers/promises'
import { RequestError } from './errors.js'

/** Time as the rotation sees it: tests drive it, so that no unit test waits for real. */
export interface Clock {
  now(): number
  /** Waits `ms`; a cancellation ends the wait with a `cancelled` RequestError. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: Date.now,
  async sleep(ms, signal) {
    try {
      await delay(ms, undefined, { signal })
    } catch (error) {
      throw new RequestError('cancelled', 'Cancelled while waiting.', { cause: error, requestSent: false })
    }
  }
}
