import * as core from '@actions/core'
import { messageOf } from '../safety/errors.js'
import { nameOf } from './outputs.js'
import { type GroupResult, hasLink } from './outcome.js'
import type { RateLimit } from '../ryze/rate-limit.js'
import { printable } from '../safety/text-safety.js'

/* The job summary: a table of the groups, then the announcements, the participants and the rate limit. */

export interface SummaryDetails {
  masked: boolean
  dryRun: boolean
  /** Files changed for each group, by the group's position in `results`; only when update-files is set. */
  filesByGroup?: string[][]
  /** The warnings a reader must act on, such as a group line that the run made dead. */
  warnings?: string[]
  /** One line per chat of announce-to, as announce.ts words it. */
  announcements?: string[]
  /** One line per participant of remove, demote and reject-join-requests, masked. */
  participants?: string[]
  rateLimit?: RateLimit
}

/** A cell with nothing to say; core.summary writes an empty one as an unclosed `<td>`. */
const NOTHING = '&#8212;'

export async function writeSummary(results: GroupResult[], details: SummaryDetails): Promise<void> {
  // Outside a runner there is no summary file; the work itself is done.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const files = details.filesByGroup
  const header = [
    { data: 'Group', header: true },
    { data: 'Result', header: true },
    { data: details.dryRun ? 'Current invite link' : 'New invite link', header: true },
    ...(files === undefined ? [] : [{ data: 'Files updated', header: true }])
  ]
  const rows = results.map((result, index) => [
    escapeHtml(nameOf(result)),
    escapeHtml(resultText(result)),
    linkCell(result, details.masked),
    ...(files === undefined ? [] : [escapeHtml(files[index]?.join(', ') ?? '') || NOTHING])
  ])
  const bucket = details.rateLimit
  try {
    core.summary
      .addHeading(
        details.dryRun ? 'WhatsApp invite links (dry run: nothing was reset)' : 'WhatsApp invite link reset',
        3
      )
      .addTable([header, ...rows])
    if (details.warnings?.length) core.summary.addRaw('Warnings:', true).addList(details.warnings.map(escapeHtml))
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
    core.warning(`Could not write the job summary (${messageOf(error)}).`, { title: 'Job summary not written' })
  }
}

/**
 * A live link as a link to click. An invite code is letters and digits (identifier.ts checks every
 * code it accepts); one that were not is shown as text, never put in an attribute.
 */
function linkCell(result: GroupResult, masked: boolean): string {
  if (!hasLink(result)) return NOTHING
  if (masked) return '(masked)'
  if (!/^[A-Za-z0-9]+$/.test(result.inviteCode)) return escapeHtml(result.inviteLink)
  const link = `https://chat.whatsapp.com/${result.inviteCode}`
  return `<a href="${link}">${link}</a>`
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
 * into live Markdown. So control characters become a space, and every character that HTML or
 * Markdown gives a meaning to is written as a numeric character reference, which both render as the
 * character itself: no link, image, tag, code span, emphasis or table cell can come from a value.
 */
const SUMMARY_SPECIAL_CHARACTERS = /[&<>"'`[\]()*_|~\\!]/g

function escapeHtml(text: string): string {
  return printable(text).replace(SUMMARY_SPECIAL_CHARACTERS, (character) => `&#${character.charCodeAt(0)};`)
}
