import type { Clock } from './clock.js'
import { RequestError, messageOf, withNote } from './errors.js'
import { type KnownGroup, aboutGroup } from './known-group.js'
import { LinkHistory } from './link-evidence.js'
import type { IncidentStep } from './incident.js'
import type { GroupResult, LinkedGroup, UnlinkedGroup } from './outcome.js'
import { hasFailed } from './outcome.js'
import { type PlannedGroup, isKnown } from './plan.js'
import { type RetryNotice, type RetryPolicy, mayHaveTakenEffect, timingOn, withRetries } from './retry.js'
import type { GroupInfo, InviteLink, RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'

export interface RotationSettings extends RetryPolicy {
  dryRun: boolean
  failFast: boolean
  /** How long RyzeAPI may take to carry out a request whose answer was lost, and to show a write in its reads. */
  maxLagMs: number
  /** The plan: groups learned and keyed by JID, and the lines that failed before any reset. */
  groups: PlannedGroup[]
}

export interface RotationHooks {
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice, group: KnownGroup) => void
  /** Before each group's work, so that its log lines can be folded together. */
  onGroupStart?: (group: PlannedGroup) => void
  onResult?: (result: GroupResult) => void
  /** A group's reset (or dry-run read) is settled, before the steps after it, so that the log tells it first. */
  onReset?: (result: GroupResult) => void
  /** remove and demote, before each reset; reject-join-requests, after it (see incident.ts). */
  beforeReset?: IncidentStep
  afterReset?: IncidentStep
}

/**
 * After a cancellation the runner allows a few seconds before it kills the step: enough to read
 * back, once, what a reset cut short did.
 */
export const READ_BACK_AFTER_CANCEL_MS = 3000

/** The fewest retries a read gets, even with `retries: 0`: a 429 or a blip must not leave the outcome unknown. */
const READ_RETRIES = 2

/** The first wait between reads that may lag; each next one doubles, up to the lag's end. */
const FIRST_READ_INTERVAL_MS = 500

/**
 * Resets (or, in a dry run, only reads) each planned group's link, in order. A failure is recorded
 * and the list goes on, unless fail-fast is set; a cancellation stops everything. Lines that failed
 * in the plan are results as they are; with fail-fast, one of them means nothing is reset.
 */
export async function rotateGroups(
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks = {}
): Promise<GroupResult[]> {
  const results: GroupResult[] = []
  let stoppedBecause =
    settings.failFast && settings.groups.some((group) => !isKnown(group) && group.status !== 'skipped')
      ? 'a group could not be learned and fail-fast is set'
      : hooks.signal?.aborted
        ? 'the job was cancelled'
        : undefined
  for (const group of settings.groups) {
    hooks.onGroupStart?.(group)
    const result = !isKnown(group)
      ? group
      : stoppedBecause
        ? { ...entryOf(group), status: 'skipped' as const, error: `Not attempted: ${stoppedBecause}.` }
        : await rotateGroup(group, settings, client, hooks)
    results.push(result)
    hooks.onResult?.(result)
    if (hooks.signal?.aborted) stoppedBecause ??= 'the job was cancelled'
    if (hasFailed(result) && settings.failFast) stoppedBecause ??= 'an earlier group failed and fail-fast is set'
  }
  return results
}

/**
 * One group's rotation: demote and remove (when asked), reset (or, in a dry run, only read), then
 * reject pending join requests, so that none can arrive through the old link afterwards.
 */
async function rotateGroup(
  group: KnownGroup,
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks
): Promise<GroupResult> {
  const onRetry = (notice: RetryNotice): void => hooks.onRetry?.(notice, group)
  const before = await hooks.beforeReset?.(group, onRetry)
  const result: GroupResult = settings.dryRun
    ? { ...entryOf(group), inviteCode: group.inviteCode, inviteLink: group.inviteLink, status: 'dry-run' }
    : await new GroupReset(group, settings, client, hooks).run()
  hooks.onReset?.(result)
  const after = await hooks.afterReset?.(group, onRetry)
  return before ? { ...result, participants: [...before, ...(after ?? [])] } : result
}

/** Why no link could be published: the step says what is unknown and how to find out. */
class UnknownOutcome extends Error {}

/** One group's reset, to a definite outcome: its live link with evidence, or a failure that says what is known. */
class GroupReset {
  private readonly history: LinkHistory
  private readonly clock: Clock
  private requests = 0

  constructor(
    private readonly group: KnownGroup,
    private readonly settings: RotationSettings,
    private readonly client: RyzeClient,
    private readonly hooks: RotationHooks
  ) {
    this.history = new LinkHistory(group.inviteCode, settings.maxLagMs)
    this.clock = client.clock
  }

  async run(): Promise<GroupResult> {
    try {
      return await this.attempts()
    } catch (error) {
      if (error instanceof UnknownOutcome) {
        return {
          ...entryOf(this.group),
          previousInviteLink: this.group.inviteLink,
          status: 'unknown',
          error: redactSecrets(error.message)
        }
      }
      return this.failed(error)
    }
  }

  /** Resets until an attempt settles the outcome; retries are decided by retry.ts, as for every request. */
  private async attempts(): Promise<GroupResult> {
    let sentAt = 0
    let answered = false
    try {
      const live = await withRetries<{ link: InviteLink; readBack: boolean }>(
        async () => {
          sentAt = this.clock.now()
          answered = false
          this.lastReadUnchanged = false
          const answer = aboutGroup(
            await this.client.resetInviteLink(this.group.identifier, this.hooks.signal),
            this.group
          )
          answered = true
          this.requests++
          if (this.history.isRevoked(answer.inviteCode)) {
            throw new RequestError(
              'bad-answer',
              'RyzeAPI answered the reset with the invite code from before it, which is not a new link.'
            )
          }
          this.history.answered(answer.inviteCode, this.clock.now())
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
            this.history.unanswered(sentAt)
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

  /** Whether the last failed attempt was read back unchanged once the lag had passed. */
  private lastReadUnchanged = false

  private get unchangedNote(): string {
    return `The link, read back once max-lag (${seconds(this.settings.maxLagMs)}) had passed, is unchanged`
  }

  /**
   * Reads the group until a read proves which link is live. Returns undefined when the lag has
   * passed and the link is unchanged; throws UnknownOutcome when no evidence can be had.
   */
  private async settle(lost?: unknown): Promise<GroupInfo | undefined> {
    if (!this.history.earlyReadsCanProve) await this.waitUntil(this.history.settledAt)
    for (let interval = FIRST_READ_INTERVAL_MS; ; interval *= 2) {
      const cancelled = this.hooks.signal?.aborted === true
      let read: GroupInfo
      try {
        read = await this.read(cancelled ? this.clock.deadline(READ_BACK_AFTER_CANCEL_MS) : this.hooks.signal)
      } catch (readError) {
        if (!cancelled && this.hooks.signal?.aborted) continue
        throw this.unknown(lost, `reading the link back failed (${messageOf(readError)})`)
      }
      const at = this.clock.now()
      const verdict = this.history.judgeRead(read.inviteCode, at)
      if (verdict === 'live') return read
      if (verdict === 'unchanged') return undefined
      if (verdict === 'contradicts') {
        throw this.unknown(
          lost,
          `RyzeAPI's reads still show a link this run saw revoked ${seconds(this.settings.maxLagMs)} after the reset`
        )
      }
      if (cancelled) throw this.unknown(lost, 'the job was cancelled before a read could show the outcome')
      await this.waitUntil(Math.min(at + interval, this.history.settledAt))
    }
  }

  /** Waits until `time`; a cancellation ends the wait early, and the next read is then made within the grace period. */
  private async waitUntil(time: number): Promise<void> {
    const waitMs = time - this.clock.now()
    if (waitMs <= 0 || this.hooks.signal?.aborted) return
    await this.clock.sleep(waitMs, this.hooks.signal).catch(() => undefined)
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
        onRetry: (notice) => this.hooks.onRetry?.({ ...notice, what: 'Reading the link back' }, this.group)
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
    return {
      ...entryOf(this.group),
      groupJid: live.groupJid || this.group.groupJid,
      inviteCode: live.inviteCode,
      inviteLink: live.inviteLink,
      previousInviteLink: this.group.inviteLink,
      status: 'reset',
      ...(readBack ? { readBack: true } : {}),
      ...(this.requests > 1 ? { resetRequests: this.requests } : {})
    }
  }

  private failed(error: unknown): UnlinkedGroup {
    return { ...entryOf(this.group), status: 'failed', error: redactSecrets(messageOf(error)) }
  }

  private unknown(lost: unknown, why: string): UnknownOutcome {
    const cause =
      lost === undefined
        ? 'the reset was answered, but an earlier attempt may have been carried out late'
        : `the answer was lost (${messageOf(lost)})`
    return new UnknownOutcome(
      `The reset may have taken effect, and the group's live link is unknown: ${cause}, and ${why}. ` +
        "Check the group's invite link in WhatsApp (or with a dry run), or run again: a new reset makes a link that is known."
    )
  }
}

/** What every result of a planned group holds. */
function entryOf(group: KnownGroup): Pick<LinkedGroup, 'group' | 'groupJid' | 'name' | 'community' | 'alsoNamedBy'> {
  return {
    group: group.input,
    ...(group.alsoNamedBy.length > 0 ? { alsoNamedBy: group.alsoNamedBy } : {}),
    groupJid: group.groupJid,
    ...(group.name === undefined ? {} : { name: group.name }),
    ...(group.community === undefined ? {} : { community: group.community })
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}
