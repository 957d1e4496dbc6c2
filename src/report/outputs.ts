import * as core from '@actions/core'
import { type Announcement, type GroupResult, hasLink } from './outcome.js'
import { maskSecret } from '../safety/secrets.js'

/**
 * Logs one group's result as soon as it is known (inside the group's folded section when there are
 * several); a masked link is masked before anything could print it. A single group's failure is
 * left to the step's error.
 */
export function logResult(result: GroupResult, masked: boolean, several: boolean): void {
  if (masked && hasLink(result)) {
    maskSecret(result.inviteLink)
    maskSecret(result.inviteCode)
  }
  if (result.status === 'reset' && result.readBack) {
    core.warning(
      "The reset's answer alone did not settle the outcome (it was lost, or a read showed another new code), so the link was read back from the group. The reset took effect.",
      {
        title: `${nameOf(result)} was reset, its link read back`
      }
    )
  }
  const line = describe(result, masked, several)
  if (line !== undefined) core.info(line)
}

/**
 * Sets the link outputs. Every value here was validated or sanitised on the way in, and
 * JSON.stringify keeps `results` on one line.
 */
export function publishLinks(results: GroupResult[], masked: boolean): void {
  const withLinks = results.filter(hasLink)
  if (masked) {
    for (const result of withLinks) {
      maskSecret(result.inviteLink)
      maskSecret(result.inviteCode)
    }
  }
  if (withLinks.some((result) => result.groupJid === '')) {
    core.warning('RyzeAPI did not report the group JID of every group, so some group-jid values are empty.', {
      title: 'Group JID missing'
    })
  }

  // What happened to each group is always told; it holds no link that is not live.
  core.setOutput('results', JSON.stringify(results.map(withoutUnknownJid)))
  // The link outputs are the first group's, and only when it has a live link: a later step can then
  // never mistake an old or unconfirmed value for the new one.
  const [first] = results
  if (first && hasLink(first)) {
    core.setOutput('invite-link', first.inviteLink)
    core.setOutput('invite-code', first.inviteCode)
    core.setOutput('group-jid', first.groupJid)
  }
}

/** A JID that is not known is left out rather than empty, so that `.groupJid // .group` reads well. */
function withoutUnknownJid(result: GroupResult): Partial<GroupResult> {
  if (result.groupJid !== '') return result
  const known: Partial<GroupResult> = { ...result }
  delete known.groupJid
  return known
}

/** The log line for a group; a single group's failure is left to the step's error. */
function describe(result: GroupResult, masked: boolean, several: boolean): string | undefined {
  const group = nameOf(result)
  switch (result.status) {
    case 'reset':
      return masked
        ? `Reset the invite link of ${group}; the new link is masked (mask-invite-link: true).`
        : `Reset the invite link of ${group}. New link: ${result.inviteLink}`
    case 'dry-run':
      return masked
        ? `Dry run: read the invite link of ${group} and reset nothing; the link is masked.`
        : `Dry run: read the invite link of ${group} and reset nothing. Current link: ${result.inviteLink}`
    case 'failed':
      return several ? `${group} failed. ${result.error}` : undefined
    case 'unknown':
      return several ? `${group} may have been reset. ${result.error}` : undefined
    case 'skipped':
      return `${group} was skipped. ${result.error}`
  }
}

/** How a person knows the group: its name and JID when RyzeAPI gave them, else the line as given. */
export function nameOf(result: GroupResult): string {
  const id = result.groupJid || result.group
  return result.name === undefined ? id : `"${result.name}" (${id})`
}

/** Set only when announce-to is; `undefined` means it is not (or the step could not run). */
export function publishAnnouncements(announcements: Announcement[] | undefined): void {
  if (announcements !== undefined) core.setOutput('announcements', JSON.stringify(announcements))
}

/** Each list is set only when its feature is in use; `undefined` means it is not. */
export function publishFileLists(updatedFiles: string[] | undefined, qrCodeFiles: string[] | undefined): void {
  if (updatedFiles !== undefined) core.setOutput('updated-files', updatedFiles.join('\n'))
  if (qrCodeFiles !== undefined) core.setOutput('qr-code-files', qrCodeFiles.join('\n'))
}
