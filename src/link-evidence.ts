/**
 * The one rule for what proves that a code is a group's live link, as one group is reset.
 *
 * RyzeAPI's reads may lag behind its writes, and a request whose answer was lost may still be
 * carried out. Both are assumed to take at most `lagMs` (the `max-lag` input): after that, a read
 * shows every request of the run that will ever take effect. Within it, a read that shows an old
 * code proves nothing.
 *
 * - The answer to the run's only reset is evidence by itself.
 * - After any attempt whose outcome was unknown, only a read is: one taken once the lag has passed
 *   since the last answer, showing that answer's code; or, with no answer yet, one showing a code
 *   this run never saw replaced. A code the run knows to be revoked is read again until the lag
 *   has passed.
 * - A code the run knows to be revoked (the one before the run, or any code replaced since) is
 *   never evidence of anything but a lagging read.
 */
export type ReadVerdict =
  /** The code read is the live link. */
  | 'live'
  /** The read may lag: read again. */
  | 'stale'
  /** The lag has passed and the link is the one from before: the unanswered attempts did nothing. */
  | 'unchanged'
  /** The lag has passed and the read still shows a revoked code, though a reset was answered: no evidence can be had. */
  | 'contradicts'

export class LinkHistory {
  private readonly revoked = new Set<string>()
  private answer?: { code: string; at: number }
  private lastUnansweredAt?: number

  constructor(
    /** The group's code before the run changed anything. */
    readonly previousCode: string,
    private readonly lagMs: number
  ) {
    this.revoked.add(previousCode)
  }

  /** Whether this run knows `code` to be revoked. */
  isRevoked(code: string): boolean {
    return this.revoked.has(code)
  }

  /** An attempt that may have taken effect, sent at `sentAt`, whose answer was lost or spoilt. */
  unanswered(sentAt: number): void {
    this.lastUnansweredAt = sentAt
  }

  /** A reset answered with `code`, at `at`. */
  answered(code: string, at: number): void {
    this.answer = { code, at }
  }

  /** Whether the answer alone is evidence: no earlier attempt had an unknown outcome, so none can land later. */
  get answerSuffices(): boolean {
    return this.answer !== undefined && this.lastUnansweredAt === undefined
  }

  /** Whether any attempt may have taken effect without the run being told. */
  get hadUnansweredAttempt(): boolean {
    return this.lastUnansweredAt !== undefined
  }

  /** Whether a read within the lag can prove anything: only before any answer, when it shows a new code. */
  get earlyReadsCanProve(): boolean {
    return this.answer === undefined
  }

  /** When a read stops being allowed to lag: `lagMs` after the last answer, or after the last unanswered attempt. */
  get settledAt(): number {
    return (this.answer?.at ?? this.lastUnansweredAt ?? 0) + this.lagMs
  }

  /** What a read of the group, taken at `at`, showing `code`, proves. */
  judgeRead(code: string, at: number): ReadVerdict {
    const lagging = at < this.settledAt
    // Once an attempt went unanswered, even the answer's own code is believed only from a read
    // taken when a late request can no longer replace it unseen.
    if (this.answer?.code === code && !this.revoked.has(code)) return lagging ? 'stale' : 'live'
    if (this.revoked.has(code)) return lagging ? 'stale' : this.answer ? 'contradicts' : 'unchanged'
    // A code the run never saw replaced. With an answer, it means a late request replaced the
    // answer's code: believed only once reads can no longer lag.
    if (this.answer === undefined) return 'live'
    if (lagging) return 'stale'
    this.revoked.add(this.answer.code)
    return 'live'
  }
}
