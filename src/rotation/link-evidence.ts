import { decides, decidingReadAt } from '../ryze/time-rule.js'

/**
 * What proves that a code is a group's live link, as one group is reset, under the time rule of
 * time-rule.ts: every time here is when a request left the process.
 *
 * - The answer to the run's only reset is evidence by itself, unless `confirm` asks for a read.
 * - After any attempt whose outcome was unknown, only a read is: one that decides every reset sent
 *   (sent at least 2 x max-lag after the last), showing that answer's code; or, with no answer yet,
 *   one showing a code this run never saw (with `confirm`, only a read that decides).
 * - A code the run saw before the reset (the group's before the run, another planned group's, one
 *   replaced since) is never evidence of anything but a lagging read; nor, with `confirm`, is a code
 *   another group's reset was answered with while this one waited for its read.
 * - A code the run never saw, where an answer named another, is believed only when reads still show
 *   it a while later: it may be the live one (a late or duplicated assignment) or a lagging read of
 *   a code the answer's reset replaced.
 */
export type ReadVerdict =
  /** The code read is the live link. */
  | 'live'
  /** The read may lag: read again. */
  | 'stale'
  /** The read decides, and the link is one from before: the unanswered attempts did nothing. */
  | 'unchanged'
  /** Reads that decide still show a code seen before, CONTENDER_SPAN_MS on, though a reset was answered: no evidence can be had. */
  | 'contradicts'

/**
 * How long reads must go on showing, against the answer, a code the run never saw before it is
 * believed, or a code seen before before the outcome is called unknown: a read may lag a little
 * more than max-lag says, or come from a stale replica.
 */
export const CONTENDER_SPAN_MS = 1000

export class LinkHistory {
  private readonly seen: Set<string>
  private answer?: string
  private lastSentAt = -Infinity
  private unanswered = false
  private contender?: { code: string; at: number }

  constructor(
    /**
     * Every code the run has seen, the group's own among them, as the run goes on: what it holds now
     * was seen before this reset, and other groups' answers join it while this reset waits for its read.
     */
    private readonly seenByRun: ReadonlySet<string>,
    private readonly lagMs: number,
    /** Whether the answer is to be read back even when it would suffice (the `confirm` input). */
    private readonly confirm = false
  ) {
    this.seen = new Set(seenByRun)
  }

  /** Whether the run saw `code` before this reset: no answer may name it as the new link. */
  isSeen(code: string): boolean {
    return this.seen.has(code)
  }

  /** Whether `code` cannot be this reset's: the run saw it before, or elsewhere since (not in this reset's answer). */
  private isNotOurs(code: string): boolean {
    return this.seen.has(code) || (this.seenByRun.has(code) && code !== this.answer)
  }

  /** A reset left the process at `at`. */
  sent(at: number): void {
    this.lastSentAt = Math.max(this.lastSentAt, at)
  }

  /** The last reset may have taken effect, but its answer was lost or spoilt. */
  lost(): void {
    this.unanswered = true
  }

  /** The last reset was answered with `code`. */
  answered(code: string): void {
    this.answer = code
  }

  /** Whether the answer alone is evidence: no attempt had an unknown outcome, and no read was asked for. */
  get answerSuffices(): boolean {
    return this.answer !== undefined && !this.unanswered && !this.confirm
  }

  /** Whether any attempt may have taken effect without the run being told. */
  get hadUnansweredAttempt(): boolean {
    return this.unanswered
  }

  /**
   * Whether a read that does not decide can prove anything: only before any answer, when it shows a
   * new code, and never with `confirm`, whose promise is a read sent 2 x max-lag after the reset.
   */
  get earlyReadsCanProve(): boolean {
    return this.answer === undefined && !this.confirm
  }

  /** The earliest time a read decides every reset sent so far. */
  get decidingReadAt(): number {
    return decidingReadAt(this.lastSentAt, this.lagMs)
  }

  /** What a read of the group, sent at `sentAt`, showing `code`, proves. */
  judgeRead(code: string, sentAt: number): ReadVerdict {
    const deciding = decides({ sentAt }, this.lastSentAt, this.lagMs)
    const notOurs = this.isNotOurs(code)
    if (notOurs && this.answer === undefined) return deciding ? 'unchanged' : 'stale'
    if (notOurs) {
      // Against an answer, only reads that go on showing a code seen before, for a while, contradict it.
      return sentAt >= this.decidingReadAt + CONTENDER_SPAN_MS ? 'contradicts' : 'stale'
    }
    if (this.answer === undefined) return deciding || !this.confirm ? 'live' : 'stale'
    if (!deciding) return 'stale'
    if (code === this.answer) return 'live'
    // A code the answer did not name: believed once reads have shown it for a while.
    if (this.contender?.code !== code) this.contender = { code, at: sentAt }
    if (sentAt < this.contender.at + Math.max(2 * this.lagMs, CONTENDER_SPAN_MS)) return 'stale'
    this.seen.add(this.answer)
    return 'live'
  }
}
