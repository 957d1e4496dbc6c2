import * as core from '@actions/core'
import { parseGroupLine } from '../ryze/identifier.js'
import type { GroupResult } from './outcome.js'
import { nameOf } from './outputs.js'
import { quotedInput } from '../safety/text-safety.js'

/*
 * A `group` line given by invite code or link names the very link that the reset revokes: run
 * again, the line gets a 404. Each such line is told, after the reset, with the JID to write
 * instead. Loaded only when a line is given by code or link.
 */

/** An old group's JID starts with its creator's phone number, which the log never shows whole. */
const JID_WITH_PHONE_NUMBER = /^\d+-\d+@g\.us$/

/** Warns of every line that this run's resets made dead; returns the warnings, for the job summary. */
export function warnRevokedLines(results: GroupResult[]): string[] {
  const warnings: string[] = []
  for (const result of results) {
    if (result.status !== 'reset') continue
    for (const line of [result.group, ...(result.alsoNamedBy ?? [])].filter(givenByCode)) {
      const message = revokedLineMessage(line, result.groupJid)
      core.warning(message, { title: `The group line for ${groupName(result)} is now dead` })
      warnings.push(message)
    }
  }
  return warnings
}

/** Whether a `group` line gives its group by invite code or link (not by JID, not a community). */
export function givenByCode(line: string): boolean {
  try {
    return parseGroupLine(line).kind === 'code'
  } catch {
    return false
  }
}

/** The group's name and JID, less a JID that holds a phone number. */
function groupName(result: GroupResult): string {
  if (!JID_WITH_PHONE_NUMBER.test(result.groupJid)) return nameOf(result)
  return result.name === undefined ? 'a group' : `"${result.name}"`
}

function revokedLineMessage(line: string, groupJid: string): string {
  const dead = `The group line ${quotedInput(line)} gives the group by an invite code that this run revoked, so the line will fail on the next run.`
  if (groupJid === '') {
    return `${dead} RyzeAPI did not report the group's JID, so find it (it ends in @g.us) and write it in place of the line.`
  }
  if (JID_WITH_PHONE_NUMBER.test(groupJid)) {
    return `${dead} Take the group's JID from the group-jid output or the results output (it is not shown here, as it holds the phone number of the group's creator), and write it in place of the line.`
  }
  return `${dead} Write the group's JID, ${groupJid}, in place of the line.`
}
