import type { Clock } from '../ryze/clock.js'
import { RequestError, messageOf, withNote } from '../safety/errors.js'
import { type KnownGroup, aboutGroup } from '../plan/known-group.js'
import { LinkHistory } from './link-evidence.js'
import type { GroupResult, LinkedGroup, UnlinkedGroup } from '../report/outcome.js'
import { type RetryNotice, mayHaveTakenEffect, timingOn, withRetries } from '../ryze/retry.js'
import type { GroupInfo, InviteLink, RyzeClient } from '../ryze/ryze-client.js'
import { type RotationHooks, type RotationSettings, entryOf, linkedResult } from './rotation-parts.js'
import { redactSecrets } from '../safety/secrets.js'
import { graceAfterCancel, waitForRead } from '../ryze/time-rule.js'

/*
 * A reset whose answer alone does not settle the outcome: an attempt failed, its answer named a code
 * the run had seen, or `confirm` asks for a read. Loaded only then, off the default path.
 */

export { READ_BACK_AFTER_CANCEL_MS } from '../ryze/time-rule.js'

/** The fewest retries a read gets, even with `retries: 0`: a 429 or a blip must not leave the outcome unknown. */
const READ_RETRIES = 2

/** The first wait between reads that may lag; each next one doubles. */
const FIRST_READ_INTERVAL_MS = 500

/** The first attempt, made on the default path: its answer, or how it failed. */
export type FirstAttempt = { answer: InviteLink } | { error: unknown }

/** A reset that was answered, with the read that confirms its answer still to make (`confirm` makes it). */
export interface Unconfirmed {
  answer: InviteLink
  confirm: () => Promise<GroupResult>
}

/** Why no link could be published: the step says what is unknown and how to find out. */
class UnknownOutcome extends Error {}

/** One group's reset, to a definite outcome: its live link with evidence, or a failure that says what is known. */
export class GroupReset {
  private readonly history: LinkHistory
  private readonly clock: Clock
  private requests = 0

  constructor(
    private readonly group: KnownGroup,
    private readonly settings: RotationSettings,
    private readonly client: RyzeClient,
    private readonly hooks: RotationHooks,
    /** Every code the run saw before this reset, this group's own among them; the run adds to it as it goes on. */
    seen: ReadonlySet<string>,
    /** The link the reset replaces, as the run knows it. */
    private readonly previousLink = group.inviteLink
  ) {
    this.history = new LinkHistory(seen, settings.maxLagMs, settings.confirm)
    this.clock = client.clock
  }

  /** The whole reset: its attempts, then, when an answer needs it, the read that confirms it. */
  async run(first?: FirstAttempt): Promise<GroupResult> {
    const started = await this.start(first)
    return 'status' in started ? started : started.confirm()
  }

  /**
   * Resets until an attempt settles the outcome, or is answered with a code that only a read can
   * confirm: that read is left to `confirm`, which the rotation may call after other groups' resets,
   * so that their waits for the time rule overlap.
   */
  async start(first?: FirstAttempt): Promise<GroupResult | Unconfirmed> {
    const outcome = await this.settled(() => this.attempts(first))
    if ('status' in outcome) return outcome
    return { answer: outcome, confirm: () => this.settled(() => this.confirm(outcome)) }
  }

  /** The outcome of `work`, with an outcome that cannot be known, or an error, as the group's result. */
  private async settled<T>(work: () => Promise<T>): Promise<T | GroupResult> {
    try {
      return await work()
    } catch (error) {
      if (error instanceof UnknownOutcome) {
        return {
          ...entryOf(this.group),
          previousInviteLink: this.previousLink,
          status: 'unknown',
          error: redactSecrets(error.message)
        }
      }
      return this.failed(error)
    }
  }

  /** The read, sent 2 x max-lag after the last reset, that shows which link is live after `answer`. */
  private async confirm(answer: InviteLink): Promise<GroupResult> {
    const confirmed = await this.settle()
    if (!confirmed) throw this.unknown(undefined, 'no read showed the new link')
    return this.linked(confirmed, confirmed.inviteCode !== answer.inviteCode)
  }

  /** The next attempt's answer: the first one's, made already, or a new request's. */
  private async reset(attempt: number, first: FirstAttempt | undefined): Promise<InviteLink> {
    if (attempt === 1 && first) {
      if ('error' in first) throw first.error
      return first.answer
    }
    return aboutGroup(await this.client.resetInviteLink(this.group.identifier, this.hooks.signal), this.group)
  }

  /** Resets until an attempt settles the outcome or is answered; retries are decided by retry.ts, as for every request. */
  private async attempts(first?: FirstAttempt): Promise<GroupResult | InviteLink> {
    let answered = false
    try {
      const live = await withRetries<{ link: InviteLink; readBack?: true }>(
        async (attempt) => {
          answered = false
          this.lastReadUnchanged = false
          let answer: InviteLink
          try {
            answer = await this.reset(attempt, first)
          } finally {
            this.history.sent(this.client.sentAt)
          }
          answered = true
          this.requests++
          if (this.history.isSeen(answer.inviteCode)) {
            const which =
              answer.inviteCode === this.group.inviteCode
                ? 'the invite code from before it'
                : "an invite code this run saw before it (another group's, or one replaced since)"
            throw new RequestError('bad-answer', `RyzeAPI answered the reset with ${which}, which is not a new link.`)
          }
          this.history.answered(answer.inviteCode)
          return { link: answer }
        },
        {
          policy: this.settings,
          timing: timingOn(this.clock),
          signal: this.hooks.signal,
          onRetry: (notice) => this.hooks.onRetry?.(notice, this.group),
          settle: async (error) => {
            if (error instanceof UnknownOutcome || !mayHaveTakenEffect(error)) return { error }
            if (!answered) this.requests++
            this.history.lost()
            const read = await this.settle(error)
            if (read) return { value: { link: read, readBack: true } }
            this.lastReadUnchanged = true
            return { error: withNote(error, `${this.unchangedNote}, so the attempt did not take effect.`) }
          }
        }
      )
      if (live.readBack) return this.linked(live.link, true)
      // An answer is the new link by itself only when nothing else may have happened and no read is asked for.
      return this.history.answerSuffices ? this.linked(live.link, false) : live.link
    } catch (error) {
      if (error instanceof UnknownOutcome) throw error
      return this.gaveUp(error)
    }
  }

  /** Whether the last failed attempt was read back unchanged once the read could decide. */
  private lastReadUnchanged = false

  private get unchangedNote(): string {
    return `The link, read back once 2 x max-lag (${seconds(2 * this.settings.maxLagMs)}) had passed since the reset was sent, is unchanged`
  }

  /**
   * Reads the group until a read proves which link is live. Returns undefined when a deciding read
   * shows the link unchanged; throws UnknownOutcome when no evidence can be had.
   */
  private async settle(lost?: unknown): Promise<GroupInfo | undefined> {
    if (!this.history.earlyReadsCanProve) await this.waitUntil(this.history.decidingReadAt)
    for (let interval = FIRST_READ_INTERVAL_MS; ; interval *= 2) {
      const cancelled = this.hooks.signal?.aborted === true
      // Once the job is cancelled, a read that cannot decide is not sent: it could prove nothing.
      if (cancelled && !this.history.earlyReadsCanProve && this.clock.now() < this.history.decidingReadAt) {
        throw this.unknown(lost, 'the job was cancelled before a read could show the outcome')
      }
      let read: GroupInfo
      try {
        read = await this.read(cancelled ? graceAfterCancel(this.hooks.signal!, this.clock) : this.hooks.signal)
      } catch (readError) {
        if (!cancelled && this.hooks.signal?.aborted) continue
        throw this.unknown(lost, `reading the link back failed (${messageOf(readError)})`)
      }
      const sentAt = this.client.sentAt
      const verdict = this.history.judgeRead(read.inviteCode, sentAt)
      if (verdict === 'live') return read
      if (verdict === 'unchanged') return undefined
      if (verdict === 'contradicts') {
        throw this.unknown(
          lost,
          `RyzeAPI's reads still show a link that is not this reset's (one the run saw before it, or another group's), more than 2 x max-lag (${seconds(2 * this.settings.maxLagMs)}) after it was sent`
        )
      }
      if (cancelled) throw this.unknown(lost, 'the job was cancelled before a read could show the outcome')
      const deciding = this.history.decidingReadAt
      await this.waitUntil(sentAt < deciding ? Math.min(sentAt + interval, deciding) : sentAt + interval)
    }
  }

  /** Waits until `time`; a cancellation ends the wait early, and the next read is then made within the grace period. */
  private waitUntil(time: number): Promise<void> {
    return waitForRead(this.clock, time, this.hooks.signal)
  }

  /** The group's live link, as RyzeAPI reads it now; a read is retried even with `retries: 0`. */
  private read(signal: AbortSignal | undefined): Promise<GroupInfo> {
    const policy = { retries: Math.max(this.settings.retries, READ_RETRIES), maxWaitMs: this.settings.maxWaitMs }
    return withRetries(
      () => this.client.groupInfo(this.group.identifier, signal).then((info) => aboutGroup(info, this.group)),
      {
        policy,
        timing: timingOn(this.clock),
        signal,
        onRetry: (notice: RetryNotice) => this.hooks.onRetry?.({ ...notice, what: 'Reading the link back' }, this.group)
      }
    )
  }

  /** Nothing more is tried. When an attempt may have taken effect and was not read back since, a last read says what became of the link. */
  private async gaveUp(error: unknown): Promise<GroupResult> {
    if (!this.history.hadUnansweredAttempt) return this.failed(withNote(error, 'Nothing was reset.'))
    if (this.lastReadUnchanged) return this.failed(error)
    const live = await this.settle(error)
    if (live) return this.linked(live, true)
    return this.failed(
      withNote(
        error,
        `An earlier attempt's answer was lost; ${this.unchangedNote.charAt(0).toLowerCase()}${this.unchangedNote.slice(1)}.`
      )
    )
  }

  private linked(live: InviteLink, readBack: boolean): LinkedGroup {
    return linkedResult(this.group, live, this.previousLink, {
      ...(readBack ? { readBack: true } : {}),
      ...(this.requests > 1 ? { resetRequests: this.requests } : {})
    })
  }

  private failed(error: unknown): UnlinkedGroup {
    return { ...entryOf(this.group), status: 'failed', error: redactSecrets(messageOf(error)) }
  }

  private unknown(lost: unknown, why: string): UnknownOutcome {
    const cause =
      lost === undefined
        ? this.history.hadUnansweredAttempt
          ? 'the reset was answered, but an earlier attempt may have been carried out late'
          : 'the reset was answered, but confirm asks for a read to show the new link'
        : `the answer was lost (${messageOf(lost)})`
    return new UnknownOutcome(
      `The reset may have taken effect, and the group's live link is unknown: ${cause}, and ${why}. ` +
        "Check the group's invite link in WhatsApp (or with a dry run), or run again: a new reset makes a link that is known."
    )
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}
