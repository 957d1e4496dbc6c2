import type { ListingOptions } from './community-plan.js'
import { messageOf, withNote } from '../safety/errors.js'
import { type KnownGroup, groupKey, knownGroup } from './known-group.js'
import type { UnlinkedGroup } from '../report/outcome.js'
import { type RetryNotice, timingOn, withRetries } from '../ryze/retry.js'
import type { GroupInfo, RyzeClient } from '../ryze/ryze-client.js'
import { redactSecrets } from '../safety/secrets.js'
import { type GroupLine, type GroupRequest, isCommunityLine } from '../inputs/settings.js'

/** A group to rotate, learned and keyed by JID; or a `group` line that failed or was skipped before any reset. */
export type PlannedGroup = KnownGroup | UnlinkedGroup

export function isKnown(planned: PlannedGroup): planned is KnownGroup {
  return !('status' in planned)
}

export interface PlanOptions extends ListingOptions {
  failFast: boolean
  /** `line` is the `group` line, or a community's subgroup JID, being learned. */
  onRetry?: (notice: RetryNotice, line: string) => void
  /** Says what a community line stands for, once it is listed. */
  onNote?: (line: string) => void
  /** Tells of two answers that disagree, or of lines the plan cannot tell apart: a warning, with its title. */
  onWarning?: (title: string, message: string) => void
}

/**
 * Learns every group the `group` lines name before anything is revoked: each line (JID, code,
 * link, or a community's subgroups) becomes a group known by its JID, with its current link.
 * Lines that name the same JID are one group, rotated once. A line that cannot be learned, or
 * whose answer is about another group, fails here and nothing is done for it; with fail-fast, the
 * first such line stops the plan and nothing is reset at all.
 */
export async function planGroups(
  lines: GroupLine[],
  client: RyzeClient,
  options: PlanOptions
): Promise<PlannedGroup[]> {
  const planned: PlannedGroup[] = []
  const byKey = new Map<string, KnownGroup>()
  let stoppedBecause: string | undefined

  const learn = async (request: GroupRequest): Promise<UnlinkedGroup | undefined> => {
    // A community's subgroup was named by its community's line.
    const line = request.community === undefined ? request.input : `community:${request.community}`
    const given = request.identifier.kind === 'jid' ? byKey.get(request.identifier.jid) : undefined
    if (given) return void given.alsoNamedBy.push(line)
    let group: KnownGroup
    let info: GroupInfo
    try {
      info = await withRetries(() => client.groupInfo(request.identifier, options.signal), {
        policy: options.policy,
        timing: timingOn(client.clock),
        signal: options.signal,
        onRetry: (notice) => options.onRetry?.(notice, request.input)
      })
      group = knownGroup(request, info)
    } catch (error) {
      return failedLine(request, options.dryRun ? error : withNote(error, 'Nothing was reset.'))
    }
    const known = byKey.get(groupKey(group))
    if (known) return void known.alsoNamedBy.push(line)
    if (request.community !== undefined) {
      const doubt = (await import('./community-plan.js')).crossCheck(group, info)
      if (doubt) {
        options.onWarning?.(doubt.title, doubt.skipped.error)
        return doubt.skipped
      }
    }
    byKey.set(groupKey(group), group)
    planned.push(group)
    return undefined
  }

  for (const line of lines) {
    if (stoppedBecause) {
      planned.push(skippedLine(line, stoppedBecause))
      continue
    }
    const failures: UnlinkedGroup[] = []
    if (isCommunityLine(line)) {
      const { listCommunity } = await import('./community-plan.js')
      const listed = await listCommunity(line, client, options)
      if ('failure' in listed) failures.push(listed.failure)
      else {
        for (const subgroup of listed.subgroups) {
          if (options.signal?.aborted) break
          const failure = await learn(subgroup)
          if (failure) failures.push(failure)
        }
        options.onNote?.(listed.note)
      }
    } else {
      const failure = await learn(line)
      if (failure) failures.push(failure)
    }
    planned.push(...failures)
    if (options.signal?.aborted) stoppedBecause = 'the job was cancelled'
    else if (failures.some((failure) => failure.status === 'failed') && options.failFast)
      stoppedBecause = 'a group could not be learned and fail-fast is set'
  }
  // Rare: RyzeAPI named no JID for a line, which only its live code can tie to another line.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: where every group has a JID, joinByLiveCode joins and warns of nothing
  return planned.some((group) => isKnown(group) && group.groupJid === '')
    ? (await import('./groups-without-jid.js')).joinByLiveCode(planned, options.onWarning)
    : planned
}

function failedLine(request: GroupRequest, error: unknown): UnlinkedGroup {
  return {
    group: request.input,
    groupJid: request.identifier.kind === 'jid' ? request.identifier.jid : '',
    // Stryker disable next-line ConditionalExpression: a name or community written as undefined is dropped from results, which is JSON
    ...(request.name === undefined ? {} : { name: request.name }),
    // Stryker disable next-line ConditionalExpression: a name or community written as undefined is dropped from results, which is JSON
    ...(request.community === undefined ? {} : { community: request.community }),
    status: 'failed',
    error: redactSecrets(messageOf(error))
  }
}

function skippedLine(line: GroupLine, because: string): UnlinkedGroup {
  const groupJid = isCommunityLine(line) ? '' : line.identifier.kind === 'jid' ? line.identifier.jid : ''
  return {
    group: line.input,
    groupJid,
    ...(isCommunityLine(line) ? { community: line.communityJid } : {}),
    status: 'skipped',
    error: `Not attempted: ${because}.`
  }
}
