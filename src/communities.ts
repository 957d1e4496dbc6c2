import * as core from '@actions/core'
import { messageOf, withNote } from './errors.js'
import type { PlanOptions, PlannedGroup } from './known-group.js'
import { withRetries } from './retry.js'
import type { RyzeClient, Subgroup } from './ryze-client.js'
import { redactSecrets } from './secrets.js'
import { type CommunityRequest, type GroupLine, isCommunityLine } from './settings.js'

/**
 * Replaces each `community:<JID>` line by the community's subgroups, as RyzeAPI lists them, in
 * place. The announcements group is left out (its members are the community's), and a group met
 * twice, on a line of its own or in two communities, is rotated once. A community that cannot be
 * listed becomes a failed result, and the other lines go on.
 */
export async function expandCommunities(
  lines: GroupLine[],
  client: RyzeClient,
  options: PlanOptions
): Promise<PlannedGroup[]> {
  // A group listed on a line of its own is rotated there, by that line.
  const seen = new Set(
    lines.flatMap((line) => (!isCommunityLine(line) && line.identifier.kind === 'jid' ? [line.identifier.jid] : []))
  )
  const planned: PlannedGroup[] = []
  let stoppedBecause: string | undefined
  for (const line of lines) {
    if (!isCommunityLine(line)) {
      planned.push(line)
      continue
    }
    const entry = { group: line.input, groupJid: '', community: line.communityJid }
    if (stoppedBecause) {
      planned.push({ ...entry, status: 'skipped', error: `Not attempted: ${stoppedBecause}.` })
      continue
    }
    let subgroups: Subgroup[]
    try {
      subgroups = await withRetries(() => client.listSubGroups(line.communityJid, options.signal), {
        policy: options.policy,
        signal: options.signal,
        onRetry: (notice) => options.onRetry?.(notice, line)
      })
    } catch (error) {
      planned.push({
        ...entry,
        status: 'failed',
        error: redactSecrets(messageOf(withNote(error, 'Nothing was reset.')))
      })
      if (options.failFast) stoppedBecause = 'a community could not be listed and fail-fast is set'
      continue
    }
    const rotated = subgroups.filter((subgroup) => !subgroup.isDefaultSubGroup)
    if (rotated.length === 0) {
      planned.push({
        ...entry,
        status: 'failed',
        error:
          'RyzeAPI listed no subgroup of this community other than its announcements group. The list holds only ' +
          'the groups the instance is in, and a newly linked group can take a few seconds to appear. Nothing was reset.'
      })
      if (options.failFast) stoppedBecause = 'a community could not be listed and fail-fast is set'
      continue
    }
    const fresh = rotated.filter((subgroup) => !seen.has(subgroup.jid))
    for (const subgroup of fresh) {
      seen.add(subgroup.jid)
      planned.push({
        input: subgroup.jid,
        identifier: { kind: 'jid', jid: subgroup.jid },
        ...(subgroup.name === undefined ? {} : { name: subgroup.name }),
        community: line.communityJid
      })
    }
    core.info(describeExpansion(line, subgroups, fresh, options.dryRun))
  }
  return planned
}

function describeExpansion(line: CommunityRequest, listed: Subgroup[], fresh: Subgroup[], dryRun: boolean): string {
  const announcements = listed.filter((subgroup) => subgroup.isDefaultSubGroup)
  const repeated = listed.length - announcements.length - fresh.length
  const notes = [
    ...announcements.map((subgroup) => `the announcements group ${label(subgroup)} is left out`),
    ...(repeated > 0 ? [`${repeated} already named on another line`] : [])
  ]
  const verb = dryRun ? 'would rotate' : 'rotates'
  return `${line.input} ${verb} ${fresh.length} subgroup(s): ${fresh.map(label).join(', ') || 'none'}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}.`
}

function label(subgroup: Subgroup): string {
  return subgroup.name === undefined ? subgroup.jid : `"${subgroup.name}" (${subgroup.jid})`
}
