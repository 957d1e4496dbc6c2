import { UnknownOutcomeError, messageOf, withNote } from './errors.js'
import { type KnownGroup, type PlannedGroup, knownGroup } from './known-group.js'
import { type RetryNotice, type Settled, mayHaveTakenEffect, withRetries } from './retry.js'
import type { GroupInfo, RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'
import type { GroupRequest, Settings } from './settings.js'

interface GroupEntry {
  /** The `group` line as given. */
  group: string
  /** Empty when RyzeAPI reported none and the group was not given by JID. */
  groupJid: string
  /** The group's name, when RyzeAPI gave one. */
  name?: string
  /** The JID of the community whose line stands for this group. */
  community?: string
}

/** A group with a live link to hand on: new after a reset, current in a dry run. */
export interface LinkedGroup extends GroupEntry {
  status: 'reset' | 'dry-run'
  inviteCode: string
  inviteLink: string
  /** The link the reset revoked. */
  previousInviteLink?: string
  /** The reset's answer was lost, and the new link was read back from the group. */
  readBack?: true
}

/**
 * A group without a link to hand on. `failed`: nothing was reset, or the step cannot have changed
 * it; `unknown`: the reset may have taken effect and the live link could not be read back;
 * `skipped`: not tried.
 */
export interface UnlinkedGroup extends GroupEntry {
  status: 'failed' | 'unknown' | 'skipped'
  /** With `unknown`: the link before this run, which may be dead now. */
  previousInviteLink?: string
  error: string
}

/** One entry of the `results` output. */
export type GroupResult = LinkedGroup | UnlinkedGroup

export function hasLink(result: GroupResult): result is LinkedGroup {
  return result.status === 'reset' || result.status === 'dry-run'
}

export function hasFailed(result: GroupResult): result is UnlinkedGroup {
  return result.status === 'failed' || result.status === 'unknown'
}

export type RotationSettings = Pick<Settings, 'dryRun' | 'failFast' | 'retries' | 'maxWaitMs'> & {
  /** The groups to rotate, community lines expanded; a line that could not be expanded is its result. */
  groups: PlannedGroup[]
}

export interface RotationHooks {
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice, group: GroupRequest) => void
  onResult?: (result: GroupResult) => void
}

/**
 * After a cancellation the runner allows a few seconds before it kills the step: enough to read
 * back, once, what a reset cut short did.
 */
export const READ_BACK_AFTER_CANCEL_MS = 3000

/**
 * Resets (or, in a dry run, reads) each group's link in order. A failure is recorded and the list
 * goes on, unless fail-fast is set; a cancellation stops everything.
 */
export async function rotateGroups(
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks = {}
): Promise<GroupResult[]> {
  const results: GroupResult[] = []
  // A community that could not be listed failed before any reset: with fail-fast, nothing is reset.
  let stoppedBecause =
    settings.failFast && settings.groups.some((group) => 'status' in group && hasFailed(group))
      ? 'a community could not be listed and fail-fast is set'
      : undefined
  for (const group of settings.groups) {
    const result =
      'status' in group
        ? group
        : stoppedBecause
          ? skipped(group, stoppedBecause)
          : await rotateGroup(group, settings, client, hooks)
    results.push(result)
    hooks.onResult?.(result)
    if (hooks.signal?.aborted) stoppedBecause ??= 'the job was cancelled'
    if (hasFailed(result) && settings.failFast) stoppedBecause ??= 'an earlier group failed and fail-fast is set'
  }
  return results
}

/**
 * Learns the group (its JID and current link), then resets it. The outcome is definite: the live
 * link, or a failure that says whether the link may have changed.
 */
async function rotateGroup(
  request: GroupRequest,
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks
): Promise<GroupResult> {
  const retrying = <T>(operation: () => Promise<T>, settle?: (error: unknown) => Promise<Settled<T>>): Promise<T> =>
    withRetries(operation, {
      policy: settings,
      signal: hooks.signal,
      onRetry: (notice) => hooks.onRetry?.(notice, request),
      settle
    })

  let group: KnownGroup
  try {
    group = knownGroup(request, await retrying(() => client.groupInfo(request.identifier, hooks.signal)))
  } catch (error) {
    return failed(entryOf(request), settings.dryRun ? error : withNote(error, 'Nothing was reset.'))
  }

  const entry: GroupEntry = { ...entryOf(request, group.name), groupJid: group.groupJid }
  if (settings.dryRun) {
    return { ...entry, inviteCode: group.inviteCode, inviteLink: group.inviteLink, status: 'dry-run' }
  }

  // What the last failed attempt turned out to be, once read back.
  let lastReadBack: 'took effect' | 'unchanged' | undefined
  try {
    const live = await retrying(
      () => client.resetInviteLink(group.identifier, hooks.signal),
      async (error) => {
        const settled = await readBackAfter(error, group, client, retrying, hooks.signal)
        lastReadBack = 'value' in settled ? 'took effect' : mayHaveTakenEffect(error) ? 'unchanged' : undefined
        return settled
      }
    )
    return {
      ...entry,
      groupJid: live.groupJid || group.groupJid,
      inviteCode: live.inviteCode,
      inviteLink: live.inviteLink,
      previousInviteLink: group.inviteLink,
      status: 'reset',
      ...(lastReadBack === 'took effect' ? { readBack: true } : {})
    }
  } catch (error) {
    if (error instanceof UnknownOutcomeError) {
      return { ...entry, previousInviteLink: group.inviteLink, status: 'unknown', error: redactSecrets(error.message) }
    }
    // Every attempt either failed before RyzeAPI acted or was read back unchanged: say so.
    return failed(entry, lastReadBack === 'unchanged' ? error : withNote(error, 'Nothing was reset.'))
  }
}

/**
 * Looks into a failed reset before anything is tried again. When the answer may have been lost
 * after RyzeAPI acted, the group's link is read back: a new link means the reset took effect, and
 * is the result; the old one means it did not, and the failure stands (a retry is then safe).
 * A lost answer therefore never leads to a second revocation.
 */
async function readBackAfter(
  error: unknown,
  group: KnownGroup,
  client: RyzeClient,
  retrying: <T>(operation: () => Promise<T>) => Promise<T>,
  signal: AbortSignal | undefined
): Promise<Settled<GroupInfo>> {
  if (!mayHaveTakenEffect(error)) return { error }
  let live: GroupInfo
  try {
    live = signal?.aborted
      ? await client.groupInfo(group.identifier, AbortSignal.timeout(READ_BACK_AFTER_CANCEL_MS))
      : await retrying(() => client.groupInfo(group.identifier, signal))
  } catch (readError) {
    throw new UnknownOutcomeError(error, readError)
  }
  if (live.inviteCode !== group.inviteCode) return { value: live }
  return { error: withNote(error, 'The link was read back and is unchanged, so nothing was reset.') }
}

function failed(entry: GroupEntry, error: unknown): UnlinkedGroup {
  return { ...entry, status: 'failed', error: redactSecrets(messageOf(error)) }
}

function skipped(group: GroupRequest, because: string): GroupResult {
  return { ...entryOf(group), status: 'skipped', error: `Not attempted: ${because}.` }
}

/** What is known of a group from its request, and the name RyzeAPI gave (else the one its community listed). */
function entryOf(request: GroupRequest, name = request.name): GroupEntry {
  const given = request.identifier
  return {
    group: request.input,
    groupJid: given.kind === 'jid' ? given.jid : '',
    ...(name === undefined ? {} : { name }),
    ...(request.community === undefined ? {} : { community: request.community })
  }
}
