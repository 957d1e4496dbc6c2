import type { Clock } from '../ryze/clock.js'
import { RequestError, messageOf, withNote } from '../safety/errors.js'
import { type KnownGroup, aboutGroup } from '../plan/known-group.js'
import { LinkHistory } from './link-evidence.js'
import type { GroupResult, LinkedGroup, UnlinkedGroup } from '../report/outcome.js'
import { type RetryNotice, mayHaveTakenEffect, timingOn, withRetries } from '../ryze/retry.js'
import type { GroupInfo, InviteLink, RyzeClient } from '../ryze/ryze-client.js'
import { type RotationHooks, type RotationSettings, entryOf, linkedResult } from './rotation-parts.js'
import { redactSecrets } from '../safety/secrets.js'
import { READ_BACK_AFTER_CANCEL_MS, waitForRead } from '../ryze/time-rule.js'

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
    /** Every code the run saw before this reset, this group's own among them. */
    seen: Iterable<string>,
    /** The link the reset replaces, as the run knows it. */
    private readonly previousLink = group.inviteLink
  ) {
    this.history = new LinkHistory(seen, settings.maxLagMs, settings.confirm)
    this.clock = client.clock
  }

  async run(first?: FirstAttempt): Promise<GroupResult> {
    try {
      return await this.attempts(first)
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

  /** The next attempt's answer: the first one's, made already, or a new request's. */
  private async reset(attempt: number, first: FirstAttempt | undefined): Promise<InviteLink> {
    if (attempt === 1 && first) {
      if ('error' in first) throw first.error
      return first.answer
    }
    return aboutGroup(await this.client.resetInviteLink(this.group.identifier, this.hooks.signal), this.group)
  }

  /** Resets until an attempt settles the outcome; retries are decided by retry.ts, as for every request. */
  private async attempts(first?: FirstAttempt): Promise<GroupResult> {
    let answered = false
    try {
      const live = await withRetries<{ link: InviteLink; readBack: boolean }>(
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
          if (this.history.answerSuffices) return { link: answer, readBack: false }
          const confirmed = await this.settle()
          if (!confirmed) throw this.unknown(undefined, 'no read showed the new link')
          return { link: confirmed, readBack: confirmed.inviteCode !== answer.inviteCode }
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
      return this.linked(live.link, live.readBack)
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
      let read: GroupInfo
      try {
        read = await this.read(cancelled ? this.clock.deadline(READ_BACK_AFTER_CANCEL_MS) : this.hooks.signal)
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
          `RyzeAPI's reads still show a link this run had seen before the reset, more than 2 x max-lag (${seconds(2 * this.settings.maxLagMs)}) after it was sent`
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
