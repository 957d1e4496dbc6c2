import * as core from '@actions/core'
import type { Announcement } from './announce.js'
import { messageOf } from './errors.js'
import { type GroupResult, hasLink } from './outcome.js'
import type { RateLimit } from './rate-limit.js'
import { maskSecret } from './secrets.js'
import { printable } from './text-safety.js'

/**
 * Sets the link outputs and logs each group's result. Every value here was validated or sanitised
 * on the way in, and JSON.stringify keeps `results` on one line.
 */
export function publishLinks(results: GroupResult[], masked: boolean): void {
  const withLinks = results.filter(hasLink)
  if (masked) {
    for (const result of withLinks) {
      maskSecret(result.inviteLink)
      maskSecret(result.inviteCode)
    }
  }
  for (const result of results) {
    if (result.status === 'reset' && result.readBack) {
      core.warning(
        `${nameOf(result)}: the answer to the reset was lost, so the link was read back from the group: the reset took effect.`
      )
    }
    const line = describe(result, masked, results.length > 1)
    if (line !== undefined) core.info(line)
  }
  if (withLinks.some((result) => result.groupJid === '')) {
    core.warning('RyzeAPI did not report the group JID of every group, so some group-jid values are empty.')
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
      return several ? `Failed: ${group}: ${result.error}` : undefined
    case 'unknown':
      return several ? `Unknown: ${group}: ${result.error}` : undefined
    case 'skipped':
      return `Skipped: ${group}: ${result.error}`
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

export interface SummaryDetails {
  masked: boolean
  dryRun: boolean
  /** Files changed for each group, by the group's position in `results`. */
  filesByGroup: string[][]
  /** One line per chat of announce-to, as announce.ts words it. */
  announcements?: string[]
  /** One line per participant of remove, demote and reject-join-requests, masked. */
  participants?: string[]
  rateLimit?: RateLimit
}

export async function writeSummary(results: GroupResult[], details: SummaryDetails): Promise<void> {
  // Outside a runner there is no summary file; the work itself is done.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const rows = results.map((result, index) => [
    escapeHtml(nameOf(result)),
    escapeHtml(resultText(result)),
    !hasLink(result) ? '' : details.masked ? '(masked)' : escapeHtml(result.inviteLink),
    escapeHtml(details.filesByGroup[index]?.join(', ') || '-')
  ])
  const bucket = details.rateLimit
  try {
    core.summary
      .addHeading(
        details.dryRun ? 'WhatsApp invite links (dry run: nothing was reset)' : 'WhatsApp invite link reset',
        3
      )
      .addTable([
        [
          { data: 'Group', header: true },
          { data: 'Result', header: true },
          { data: details.dryRun ? 'Current invite link' : 'New invite link', header: true },
          { data: 'Files updated', header: true }
        ],
        ...rows
      ])
    if (details.announcements?.length) {
      core.summary.addRaw('Announcements:', true).addList(details.announcements.map(escapeHtml))
    }
    if (details.participants?.length) {
      core.summary.addRaw('Participants:', true).addList(details.participants.map(escapeHtml))
    }
    // The bucket is sane (see readRateLimit); a date that cannot be printed is still left out.
    if (bucket && Number.isFinite(bucket.resetAt.getTime())) {
      core.summary.addRaw(
        `RyzeAPI rate limit left: ${bucket.remaining} of ${bucket.limit} requests, until ${bucket.resetAt.toISOString()}.`,
        true
      )
    }
    await core.summary.write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
}

function resultText(result: GroupResult): string {
  switch (result.status) {
    case 'reset':
      return result.readBack ? 'Reset (answer lost; link read back)' : 'Reset'
    case 'dry-run':
      return 'Dry run'
    case 'failed':
      return `Failed: ${result.error}`
    case 'unknown':
      return `Unknown, may have been reset: ${result.error}`
    case 'skipped':
      return 'Skipped'
  }
}

/*
 * The job summary is Markdown that may hold HTML. The table is one HTML block, in which Markdown is
 * not parsed, but a blank line (a CR or LF twice) would end the block and turn the rest of the cell
 * into live Markdown. So the text is made printable first (controls become a space, invisible
 * formatting is left out), and every character that HTML or
 * Markdown gives a meaning to is written as a numeric character reference, which both render as the
 * character itself: no link, image, tag, code span, emphasis or table cell can come from a value.
 */
const SUMMARY_SPECIAL_CHARACTERS = /[&<>"'`[\]()*_|~\\!]/g

function escapeHtml(text: string): string {
  return printable(text).replace(SUMMARY_SPECIAL_CHARACTERS, (character) => `&#${character.charCodeAt(0)};`)
}
