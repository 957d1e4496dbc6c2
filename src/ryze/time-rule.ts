/**
 * The one time rule for what a read of RyzeAPI proves (`lagMs` is the `max-lag` input).
 *
 * RyzeAPI's reads may lag behind its writes, and a write may be carried out after its answer was
 * lost, each by at most `lagMs`. So a read sent at `t` shows every write that took effect before
 * `t - lagMs`, and a write sent at `s` has taken effect, if it ever will, by `s + lagMs`: only a read
 * sent at or after `s + 2 * lagMs` decides what the write did. With `max-lag: 0` the user declares
 * reads current, and a read sent after the write decides at once.
 *
 * Every time here is when a request left the process, after any pacer or Retry-After wait: the
 * moment the server could first see it, not the moment the run decided to send it.
 */

/** A request as the time rule sees it: when it left the process. */
export interface Sent {
  readonly sentAt: number
}

/** What a read showed, and when it was sent: the only thing a claim about the server rests on. */
export interface Observation<T> extends Sent {
  readonly value: T
}

/** The earliest time a read can be sent that decides the outcome of a write sent at `writeSentAt`. */
export function decidingReadAt(writeSentAt: number, lagMs: number): number {
  return writeSentAt + 2 * lagMs
}

/** Whether `read` decides the outcome of every write sent at or before `writeSentAt`. */
export function decides(read: Sent, writeSentAt: number, lagMs: number): boolean {
  return read.sentAt >= decidingReadAt(writeSentAt, lagMs)
}

/**
 * The earliest time a read reflects every write made before `writtenBy`: `lagMs` after it. For the
 * writes made before the run began, `writtenBy` is the run's first read, as late as the run can tell
 * such a write was made; for the join requests sent through a link before its reset, the moment the
 * run knew the reset had taken effect.
 */
export function currentReadAt(writtenBy: number, lagMs: number): number {
  return writtenBy + lagMs
}

/**
 * After a cancellation the runner allows a few seconds before it kills the step: enough to read
 * back, once, what a request cut short did. Nothing waits for the rule then: what that one read
 * cannot prove is unknown.
 */
export const READ_BACK_AFTER_CANCEL_MS = 3000

/** What a read-back needs of a clock: src/ryze/clock.ts's Clock has it. */
interface Waiter {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

const graces = new WeakMap<AbortSignal, AbortSignal>()

/**
 * The deadline of the reads made after `cancelled` fired: one grace period of
 * READ_BACK_AFTER_CANCEL_MS for the whole run, however many groups still wait for a read, so that
 * the step ends within seconds.
 */
export function graceAfterCancel(cancelled: AbortSignal, clock: { deadline(ms: number): AbortSignal }): AbortSignal {
  let grace = graces.get(cancelled)
  if (grace === undefined) {
    grace = clock.deadline(READ_BACK_AFTER_CANCEL_MS)
    graces.set(cancelled, grace)
  }
  return grace
}

/**
 * Waits until `time` (such as `decidingReadAt(...)`), for the read that proves something. A
 * cancellation, before or during the wait, ends it at once and quietly: the read is then made within
 * READ_BACK_AFTER_CANCEL_MS, and what it cannot prove is unknown.
 */
export async function waitForRead(clock: Waiter, time: number, signal?: AbortSignal): Promise<void> {
  const waitMs = time - clock.now()
  if (waitMs <= 0 || signal?.aborted) return
  await clock.sleep(waitMs, signal).catch(() => undefined)
}
