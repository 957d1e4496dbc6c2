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
  // Every code the run has seen: no reset's answer may name one of them as a new link.
  const seen = new Set(settings.groups.filter(isKnown).map((group) => group.inviteCode))
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
        : await rotateGroup(group, settings, client, hooks, seen)
    if (hasLink(result)) seen.add(result.inviteCode)
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
  hooks: RotationHooks,
  seen: Set<string>
): Promise<GroupResult> {
  const onRetry = (notice: RetryNotice): void => hooks.onRetry?.(notice, group)
  const before = await hooks.beforeReset?.(group, onRetry)
  // The link the reset replaces, as a read that shows every change made before the run: only where it is needed.
  const current =
    (settings.dryRun || settings.updateFiles?.length) && settings.maxLagMs > 0
      ? await (await import('./current-link.js')).currentLink(group, settings, client, hooks.signal, onRetry)
      : group
  if ('status' in current) return before ? { ...current, participants: before } : current
  seen.add(current.inviteCode)
  const result: GroupResult = settings.dryRun
    ? { ...entryOf(current), inviteCode: current.inviteCode, inviteLink: current.inviteLink, status: 'dry-run' }
    : await resetGroup(current, settings, client, hooks, seen)
  hooks.onReset?.(result)
  const after = await hooks.afterReset?.(group, onRetry)
  return before ? { ...result, participants: [...before, ...(after ?? [])] } : result
}

/**
 * The reset: its answer is the new link when it names a code the run never saw. Anything else (a
 * failure, a code seen before, `confirm`) goes to group-reset.ts, loaded only then.
 */
async function resetGroup(
  group: KnownGroup,
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks,
  seen: Set<string>
): Promise<GroupResult> {
  let first: FirstAttempt
  try {
    const answer = aboutGroup(await client.resetInviteLink(group.identifier, hooks.signal), group)
    if (!seen.has(answer.inviteCode) && !settings.confirm) return linkedResult(group, answer, group.inviteLink)
    first = { answer }
  } catch (error) {
    first = { error }
  }
  const { GroupReset } = await import('./group-reset.js')
  return new GroupReset(group, settings, client, hooks, seen).run(first)
}
