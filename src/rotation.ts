import { RequestError, UnknownOutcomeError, messageOf, withNote } from './errors.js'
import { type KnownGroup, type PlannedGroup, knownGroup } from './known-group.js'
import { type RetryNotice, type Settled, mayHaveTakenEffect, withRetries } from './retry.js'
import type { GroupInfo, InviteLink, RyzeClient } from './ryze-client.js'
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
  onGroupStart?: (group: PlannedGroup) => void
  onResult?: (result: GroupResult) => void
}

/**
 * After a cancellation the runner allows a few seconds before it kills the step: enough to read
 * back, once, what a reset cut short did.
 */
export const READ_BACK_AFTER_CANCEL_MS = 3000

/** The fewest retries a read-back gets, even with `retries: 0`: a 429 or a blip must not leave the outcome unknown. */
const READ_BACK_RETRIES = 2

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
    hooks.onGroupStart?.(group)
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

  const readBack = readBackOf(group, request, client, settings, hooks)
  // What the last failed attempt turned out to be, once read back; and whether any was unchanged.
  let lastReadBack: 'took effect' | 'unchanged' | undefined
  let sawUnchanged = false
  try {
    let live: InviteLink = await retrying(
      () => client.resetInviteLink(group.identifier, hooks.signal).then((answer) => ofGroup(answer, group)),
      async (error) => {
        const settled = await readBackAfter(error, group.inviteCode, readBack, hooks.signal)
        lastReadBack = 'value' in settled ? 'took effect' : mayHaveTakenEffect(error) ? 'unchanged' : undefined
        sawUnchanged ||= lastReadBack === 'unchanged'
        return settled
      }
    )
    if (sawUnchanged) {
      // An earlier attempt read back unchanged may still have been carried out late, revoking the
      // link this attempt made: one more read tells which link is live.
      const confirmed = await readBack().catch(() => undefined)
      if (confirmed !== undefined && confirmed.inviteCode !== live.inviteCode) {
        live = confirmed
        lastReadBack = 'took effect'
      }
    }
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
    // Every attempt either failed before RyzeAPI acted or was read back unchanged: say so, once.
    return failed(entry, /nothing was reset/i.test(messageOf(error)) ? error : withNote(error, 'Nothing was reset.'))
  }
}

/**
 * Reads the group's live link, by the identifier it is known by. A read-back is not a retry of the
 * reset: it gets at least READ_BACK_RETRIES of its own, whatever `retries` says, because it is what
 * settles the outcome. An answer about another group is a bad answer.
 */
function readBackOf(
  group: KnownGroup,
  request: GroupRequest,
  client: RyzeClient,
  settings: RotationSettings,
  hooks: RotationHooks
): (signal?: AbortSignal) => Promise<GroupInfo> {
  const policy = { retries: Math.max(settings.retries, READ_BACK_RETRIES), maxWaitMs: settings.maxWaitMs }
  return (signal = hooks.signal) =>
    withRetries(() => client.groupInfo(group.identifier, signal).then((info) => ofGroup(info, group)), {
      policy,
      signal,
      onRetry: (notice) => hooks.onRetry?.({ ...notice, what: 'Reading the link back' }, request)
    })
}

/** The answer, if it is about `group`; a bad answer (which may hide a reset) if it names another. */
function ofGroup<T extends InviteLink>(answer: T, group: KnownGroup): T {
  if (answer.groupJid === '' || group.groupJid === '' || answer.groupJid === group.groupJid) return answer
  throw new RequestError(
    'bad-answer',
    `RyzeAPI answered about another group (${answer.groupJid}) than the one asked for (${group.groupJid}).`
  )
}

/**
 * Looks into a failed reset before anything is tried again. When the answer may have been lost
 * after RyzeAPI acted, the group's link is read back: a new link means the reset took effect, and
 * is the result; the old one means it did not, and the failure stands (a retry is then safe).
 * A cancellation before or during the read-back still gets one read, bounded by the grace period.
 */
async function readBackAfter(
  error: unknown,
  previousCode: string,
  readBack: (signal?: AbortSignal) => Promise<GroupInfo>,
  signal: AbortSignal | undefined
): Promise<Settled<GroupInfo>> {
  if (!mayHaveTakenEffect(error)) return { error }
  // A function, so that the second look sees a cancellation that came during the read-back.
  const cancelled = (): boolean => signal?.aborted === true
  const cancelledBefore = cancelled()
  let live: GroupInfo
  try {
    live = await readBack(cancelledBefore ? AbortSignal.timeout(READ_BACK_AFTER_CANCEL_MS) : signal)
  } catch (readError) {
    const cancelledDuring = !cancelledBefore && cancelled() && isCancellation(readError)
    if (!cancelledDuring) throw new UnknownOutcomeError(error, readError)
    try {
      live = await readBack(AbortSignal.timeout(READ_BACK_AFTER_CANCEL_MS))
    } catch (lastError) {
      throw new UnknownOutcomeError(error, lastError)
    }
  }
  if (live.inviteCode !== previousCode) return { value: live }
  return { error: withNote(error, 'The link was read back and is unchanged, so nothing was reset.') }
}

function isCancellation(error: unknown): boolean {
  return error instanceof RequestError && error.kind === 'cancelled'
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
