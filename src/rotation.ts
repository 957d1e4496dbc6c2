import { messageOf } from './errors.js'
import { inviteLinkFor } from './identifier.js'
import { type RetryNotice, withRetries } from './retry.js'
import type { RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'
import type { GroupRequest, Settings } from './settings.js'

interface GroupEntry {
  /** The `group` line as given. */
  group: string
  /** Empty when RyzeAPI reported none and the group was not given by JID. */
  groupJid: string
}

/** A group with a link to hand on: new after a reset, current in a dry run. */
export interface LinkedGroup extends GroupEntry {
  status: 'reset' | 'dry-run'
  inviteCode: string
  inviteLink: string
  /** The link the reset revoked, when known. */
  previousInviteLink?: string
}

export interface UnlinkedGroup extends GroupEntry {
  status: 'failed' | 'skipped'
  error: string
}

/** One entry of the `results` output. */
export type GroupResult = LinkedGroup | UnlinkedGroup

export function hasLink(result: GroupResult): result is LinkedGroup {
  return result.status === 'reset' || result.status === 'dry-run'
}

export type RotationSettings = Pick<
  Settings,
  'groups' | 'dryRun' | 'failFast' | 'updateFiles' | 'retries' | 'maxWaitMs'
>

export interface RotationHooks {
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice, group: GroupRequest) => void
  onResult?: (result: GroupResult) => void
}

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
  let stoppedBecause: string | undefined
  for (const group of settings.groups) {
    const result = stoppedBecause ? skipped(group, stoppedBecause) : await rotateGroup(group, settings, client, hooks)
    results.push(result)
    hooks.onResult?.(result)
    if (hooks.signal?.aborted) stoppedBecause ??= 'the job was cancelled'
    if (result.status === 'failed' && settings.failFast)
      stoppedBecause ??= 'an earlier group failed and fail-fast is set'
  }
  return results
}

async function rotateGroup(
  group: GroupRequest,
  settings: RotationSettings,
  client: RyzeClient,
  hooks: RotationHooks
): Promise<GroupResult> {
  const retrying = <T>(operation: () => Promise<T>): Promise<T> =>
    withRetries(operation, {
      policy: settings,
      signal: hooks.signal,
      onRetry: (notice) => hooks.onRetry?.(notice, group)
    })
  const given = group.identifier

  try {
    if (settings.dryRun) {
      const current = await retrying(() => client.currentInviteLink(given, hooks.signal))
      return { group: group.input, ...current, status: 'dry-run' }
    }

    // Files can only be updated if the link they hold is known before it dies.
    let previousInviteLink = given.kind === 'code' ? inviteLinkFor(given.code) : undefined
    if (previousInviteLink === undefined && settings.updateFiles.length > 0) {
      previousInviteLink = (await retrying(() => client.currentInviteLink(given, hooks.signal))).inviteLink
    }
    const reset = await retrying(() => client.resetInviteLink(given, hooks.signal))
    const previous = previousInviteLink === undefined ? {} : { previousInviteLink }
    return { group: group.input, ...reset, ...previous, status: 'reset' }
  } catch (error) {
    return {
      group: group.input,
      groupJid: given.kind === 'jid' ? given.jid : '',
      status: 'failed',
      error: redactSecrets(messageOf(error))
    }
  }
}

function skipped(group: GroupRequest, because: string): GroupResult {
  return {
    group: group.input,
    groupJid: group.identifier.kind === 'jid' ? group.identifier.jid : '',
    status: 'skipped',
    error: `Not attempted: ${because}.`
  }
}
