import { joinSentences, messageOf } from '../safety/errors.js'
import { type KnownGroup, aboutGroup } from '../plan/known-group.js'
import type { UnlinkedGroup } from '../report/outcome.js'
import { type RetryNotice, timingOn, withRetries } from '../ryze/retry.js'
import type { RyzeClient } from '../ryze/ryze-client.js'
import { type RotationSettings, entryOf } from './rotation-parts.js'
import { redactSecrets } from '../safety/secrets.js'
import { currentReadAt } from '../ryze/time-rule.js'

/** The fewest retries this read gets, even with `retries: 0`, as every read-back. */
const READ_RETRIES = 2

/**
 * The group with the link it has now, from a read sent at least max-lag after the run's first
 * request: the plan's read may lag behind a reset made just before the run, and update-files must
 * replace, and a dry run show, the link that is really live. Its wait overlaps everything the run did
 * since its first request; loaded only with update-files or a dry run. When the read fails, the
 * group is not reset, and its result says why; a cancellation during the wait skips it.
 */
export async function currentLink(
  group: KnownGroup,
  settings: RotationSettings,
  client: RyzeClient,
  signal: AbortSignal | undefined,
  onRetry: (notice: RetryNotice) => void
): Promise<KnownGroup | UnlinkedGroup> {
  const waitMs = currentReadAt(client.firstSentAt, settings.maxLagMs) - client.clock.now()
  try {
    if (waitMs > 0) await client.clock.sleep(waitMs, signal)
    const info = await withRetries(
      () => client.groupInfo(group.identifier, signal).then((read) => aboutGroup(read, group)),
      {
        policy: { retries: Math.max(settings.retries, READ_RETRIES), maxWaitMs: settings.maxWaitMs },
        timing: timingOn(client.clock),
        signal,
        onRetry: (notice) => onRetry({ ...notice, what: 'Reading the current link' })
      }
    )
    return { ...group, inviteCode: info.inviteCode, inviteLink: info.inviteLink }
  } catch (error) {
    if (signal?.aborted) return { ...entryOf(group), status: 'skipped', error: 'Not attempted: the job was cancelled.' }
    const text = joinSentences(
      `The current link could not be read. ${messageOf(error)}`,
      settings.dryRun ? '' : 'Nothing was reset.'
    )
    return { ...entryOf(group), status: 'failed', error: redactSecrets(text) }
  }
}
