import { messageOf, withNote } from '../safety/errors.js'
import { groupJidOf } from '../ryze/identifier.js'
import type { UnlinkedGroup } from '../report/outcome.js'
import { type RetryNotice, type RetryPolicy, timingOn, withRetries } from '../ryze/retry.js'
import type { KnownGroup } from './known-group.js'
import type { GroupInfo, RyzeClient, Subgroup, SubgroupList } from '../ryze/ryze-client.js'
import { redactSecrets } from '../safety/secrets.js'
import type { CommunityRequest, GroupRequest } from '../inputs/settings.js'

/**
 * WhatsApp allows 100 groups in a community, its announcements group included. An answer that lists
 * more distinct subgroups is not a real community: it is refused whole rather than obeyed.
 */
export const MAX_COMMUNITY_SUBGROUPS = 100

/** What listing a community needs of the plan's options. */
export interface ListingOptions {
  policy: RetryPolicy
  dryRun: boolean
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice, line: string) => void
}

export type CommunityListing = { subgroups: GroupRequest[]; note: string } | { failure: UnlinkedGroup }

/**
 * The subgroups a `community:<JID>` line stands for, checked before anything is reset: the answer
 * must be about the community asked; the community itself, the announcements group and any
 * subgroup the answer does not plainly call an ordinary one (`isDefaultSubGroup: false`) are left
 * out, with why; a subgroup listed twice is one.
 */
export async function listCommunity(
  line: CommunityRequest,
  client: RyzeClient,
  options: ListingOptions
): Promise<CommunityListing> {
  const failure = (error: string): CommunityListing => ({
    failure: { group: line.input, groupJid: '', community: line.communityJid, status: 'failed', error }
  })
  let listed: SubgroupList
  try {
    listed = await withRetries(() => client.listSubGroups(line.communityJid, options.signal), {
      policy: options.policy,
      timing: timingOn(client.clock),
      signal: options.signal,
      onRetry: (notice) => options.onRetry?.(notice, line.input)
    })
  } catch (error) {
    return failure(redactSecrets(messageOf(withNote(error, 'Nothing was reset.'))))
  }
  if (listed.communityJid === undefined || groupJidOf(listed.communityJid) !== line.communityJid) {
    return failure(
      `RyzeAPI's list of subgroups is about ${listed.communityJid === undefined ? 'no named community' : `another community (${listed.communityJid})`}, ` +
        `not ${line.communityJid}, so it is not used. Nothing was reset.`
    )
  }

  const distinct = [...new Map(listed.subgroups.map((subgroup) => [subgroup.jid, subgroup])).values()]
  if (distinct.length > MAX_COMMUNITY_SUBGROUPS) {
    return failure(
      `RyzeAPI listed ${distinct.length} subgroups, more than a WhatsApp community holds (${MAX_COMMUNITY_SUBGROUPS}), ` +
        'so the list is not used. Nothing was reset.'
    )
  }
  const rotated = distinct.filter(
    (subgroup) => subgroup.jid !== line.communityJid && subgroup.isDefaultSubGroup === false
  )
  const leftOut = distinct
    .filter((subgroup) => !rotated.includes(subgroup))
    .map((subgroup) => whyLeftOut(subgroup, line))
  if (rotated.length === 0) {
    return failure(
      'RyzeAPI listed no subgroup of this community other than its announcements group' +
        `${leftOut.length > 0 ? ` (${leftOut.join('; ')})` : ''}. The list holds only the groups the instance is in, ` +
        'and a newly linked group can take a few seconds to appear. Nothing was reset.'
    )
  }
  const subgroups = rotated.map((subgroup) => ({
    input: subgroup.jid,
    identifier: { kind: 'jid', jid: subgroup.jid } as const,
    // Stryker disable next-line ConditionalExpression: a name or community written as undefined is dropped from results, which is JSON
    ...(subgroup.name === undefined ? {} : { name: subgroup.name }),
    community: line.communityJid
  }))
  const repeats = listed.subgroups.length - distinct.length
  const notes = [
    ...leftOut,
    ...(repeats > 0 ? [`${repeats} repeated entr${repeats === 1 ? 'y' : 'ies'} counted once`] : [])
  ]
  const verb = options.dryRun ? 'would rotate' : 'rotates'
  return {
    subgroups,
    note: `${line.input} ${verb} ${rotated.length} ${rotated.length === 1 ? 'subgroup' : 'subgroups'}: ${rotated.map(label).join(', ')}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`
  }
}

/**
 * A subgroup the community's list calls ordinary, checked against what its own info says. When the
 * two disagree (its info calls it the announcements group, or links it to another community), the
 * safer reading wins: it is left alone, and the warning says why.
 */
export function crossCheck(
  group: KnownGroup,
  info: Pick<GroupInfo, 'isDefaultSubGroup' | 'community'>
): { title: string; skipped: UnlinkedGroup } | undefined {
  const community = group.community!
  const why =
    info.isDefaultSubGroup === true
      ? `the list of ${community} calls it an ordinary subgroup, but its own info calls it the community's announcements group`
      : info.community !== undefined && info.community !== community
        ? `the list of ${community} names it, but its own info links it to another community (${info.community})`
        : undefined
  if (why === undefined) return undefined
  const name = group.name === undefined ? group.groupJid : `"${group.name}" (${group.groupJid})`
  return {
    title: `${name} left alone: RyzeAPI's answers disagree`,
    skipped: {
      group: group.input,
      groupJid: group.groupJid,
      // Stryker disable next-line ConditionalExpression: a name or community written as undefined is dropped from results, which is JSON
      ...(group.name === undefined ? {} : { name: group.name }),
      community,
      status: 'skipped',
      error: `Not reset: ${why}. The safer reading wins: it is left alone.`
    }
  }
}

function whyLeftOut(subgroup: Subgroup, line: CommunityRequest): string {
  if (subgroup.jid === line.communityJid) return `the community itself (${subgroup.jid}) is not one of its subgroups`
  if (subgroup.isDefaultSubGroup === true) return `the announcements group ${label(subgroup)} is left out`
  return `${label(subgroup)} is left out, as the answer does not say whether it is the announcements group`
}

function label(subgroup: Subgroup): string {
  return subgroup.name === undefined ? subgroup.jid : `"${subgroup.name}" (${subgroup.jid})`
}
