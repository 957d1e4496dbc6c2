import type { FirstAttempt } from './group-reset.js'
import type { KnownGroup } from '../plan/known-group.js'
import { aboutGroup } from '../plan/known-group.js'
import type { GroupResult } from '../report/outcome.js'
import { hasFailed, hasLink } from '../report/outcome.js'
import { isKnown } from '../plan/plan.js'
import type { RetryNotice } from '../ryze/retry.js'
import type { RyzeClient } from '../ryze/ryze-client.js'
import { type RotationHooks, type RotationSettings, entryOf, linkedResult } from './rotation-parts.js'

export type { GroupStep, RotationHooks, RotationSettings } from './rotation-parts.js'

/** A group whose reset was answered, and whose confirming read, with what follows it, is still to come. */
type Later = () => Promise<GroupResult>

/**
 * Resets (or, in a dry run, only reads) each planned group's link, in order. A failure is recorded
 * and the list goes on, unless fail-fast is set; a cancellation stops everything. Lines that failed
 * in the plan are results as they are; with fail-fast, one of them means nothing is reset. With
 * `confirm`, the reads that confirm the answered resets come after every group's reset, each sent
 * 2 x max-lag after its own: their waits overlap, and the run waits about 2 x max-lag once.
 */
export async function rotateGroups(
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks = {}
): Promise<GroupResult[]> {
  const outcomes: Array<GroupResult | Later> = []
  // Every code the run has seen: no reset's answer may name one of them as a new link.
  const seen = new Set(settings.groups.filter(isKnown).map((group) => group.inviteCode))
  let stoppedBecause =
    settings.failFast && settings.groups.some((group) => !isKnown(group) && group.status !== 'skipped')
      ? 'a group could not be learned and fail-fast is set'
      : hooks.signal?.aborted
        ? 'the job was cancelled'
        : undefined
  const settled = (result: GroupResult): GroupResult => {
    if (hasLink(result)) seen.add(result.inviteCode)
    hooks.onResult?.(result)
    if (hooks.signal?.aborted) stoppedBecause ??= 'the job was cancelled'
    if (hasFailed(result) && settings.failFast) stoppedBecause ??= 'an earlier group failed and fail-fast is set'
    return result
  }
  for (const group of settings.groups) {
    hooks.onGroupStart?.(group)
    const outcome = !isKnown(group)
      ? group
      : stoppedBecause
        ? { ...entryOf(group), status: 'skipped' as const, error: `Not attempted: ${stoppedBecause}.` }
        : await rotateGroup(group, settings, client, hooks, seen)
    outcomes.push(typeof outcome === 'function' ? outcome : settled(outcome))
    if (typeof outcome === 'function' && hooks.signal?.aborted) stoppedBecause ??= 'the job was cancelled'
  }
  // Every reset is sent: now the reads that confirm them, in order. Cancelled, none waits.
  const results: GroupResult[] = []
  for (const outcome of outcomes) results.push(typeof outcome === 'function' ? settled(await outcome()) : outcome)
  return results
}

/**
 * One group's rotation: demote and remove (when asked), reset (or, in a dry run, only read), then
 * reject pending join requests, so that none can arrive through the old link afterwards. With
 * `confirm`, what follows an answered reset is left for later (see rotateGroups).
 */
async function rotateGroup(
  group: KnownGroup,
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks,
  seen: Set<string>
): Promise<GroupResult | Later> {
  const onRetry = (notice: RetryNotice): void => hooks.onRetry?.(notice, group)
  const before = await hooks.beforeReset?.(group, onRetry)
  // The link the reset replaces, as a read that shows every change made before the run: only where it is needed.
  const current =
    (settings.dryRun || settings.updateFiles?.length) && settings.maxLagMs > 0
      ? await (await import('./current-link.js')).currentLink(group, settings, client, hooks.signal, onRetry)
      : group
  if ('status' in current) return before ? { ...current, participants: before } : current
  seen.add(current.inviteCode)
  const reset: GroupResult | Later = settings.dryRun
    ? { ...entryOf(current), inviteCode: current.inviteCode, inviteLink: current.inviteLink, status: 'dry-run' }
    : await resetGroup(current, settings, client, hooks, seen)
  const after = async (result: GroupResult): Promise<GroupResult> => {
    hooks.onReset?.(result)
    // Settled now; with confirm, by a read sent 2 x max-lag after the reset, which took effect max-lag before it.
    const takenEffectBy = client.clock.now() - (settings.confirm ? settings.maxLagMs : 0)
    const rejected = await hooks.afterReset?.(group, onRetry, { result, takenEffectBy })
    return before ? { ...result, participants: [...before, ...(rejected ?? [])] } : result
  }
  if (typeof reset !== 'function') return after(reset)
  hooks.onConfirmLater?.(group)
  return async () => {
    hooks.onConfirmStart?.(group)
    return after(await reset())
  }
}

/**
 * The reset: its answer is the new link when it names a code the run never saw. Anything else (a
 * failure, a code seen before, `confirm`) goes to group-reset.ts, loaded only then. With `confirm`
 * (but not fail-fast, whose groups each wait for their read before the next is reset), the read that
 * confirms an answer is left for later.
 */
async function resetGroup(
  group: KnownGroup,
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks,
  seen: Set<string>
): Promise<GroupResult | Later> {
  let first: FirstAttempt
  try {
    const answer = aboutGroup(await client.resetInviteLink(group.identifier, hooks.signal), group)
    if (!seen.has(answer.inviteCode) && !settings.confirm) return linkedResult(group, answer, group.inviteLink)
    first = { answer }
  } catch (error) {
    first = { error }
  }
  const { GroupReset } = await import('./group-reset.js')
  const reset = new GroupReset(group, settings, client, hooks, seen)
  if (!settings.confirm || settings.failFast) return reset.run(first)
  const started = await reset.start(first)
  if ('status' in started) return started
  // No later group's reset may be answered with this one's code.
  seen.add(started.answer.inviteCode)
  return started.confirm
}
