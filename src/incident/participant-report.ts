import { nameOf } from '../report/outputs.js'
import { maskPhoneNumbers } from '../safety/personal-data.js'
import type { GroupResult, ParticipantResult } from '../report/outcome.js'

/** What the step says of remove, demote and reject-join-requests; phone numbers and LIDs masked. */
export interface ParticipantReport {
  /** One failure per group where a participant was not handled for sure, with what became of the link. */
  problems: Array<{ title: string; message: string }>
  /** One line per participant, for the job summary. */
  summary: string[]
}

const DONE = { demote: 'demoted', remove: 'removed', reject: 'rejected' } as const

export function participantReport(results: GroupResult[]): ParticipantReport {
  const problems: ParticipantReport['problems'] = []
  const summary: string[] = []
  for (const result of results) {
    const participants = result.participants ?? []
    for (const entry of participants) summary.push(maskPhoneNumbers(`${nameOf(result)}: ${summaryText(entry)}`))
    const unsettled = participants.filter((entry) => entry.status === 'failed' || entry.status === 'unknown')
    if (unsettled.length === 0) continue
    problems.push({
      title: `Participant changes in ${nameOf(result)}`,
      message: maskPhoneNumbers(`${unsettled.map(problemText).join(' ')} ${linkState(result)}`)
    })
  }
  return { problems, summary }
}

function who(entry: ParticipantResult): string {
  return entry.action === 'reject' ? `the join request of ${entry.participant}` : entry.participant
}

function summaryText(entry: ParticipantResult): string {
  if (entry.participant === '*') return `join requests not listed: ${entry.error}`
  switch (entry.status) {
    case 'done':
      if (!entry.readBack) return `${who(entry)} ${DONE[entry.action]}`
      return entry.action === 'reject'
        ? `${who(entry)} no longer pending (read back)`
        : `${who(entry)} ${DONE[entry.action]} (answer lost; read back)`
    case 'dry-run':
      return `${who(entry)} would be ${DONE[entry.action]} (dry run)`
    case 'failed':
      return `${who(entry)} not ${DONE[entry.action]}: ${entry.error}`
    case 'unknown':
      return `${who(entry)} may or may not have been ${DONE[entry.action]}: ${entry.error}`
  }
}

function problemText(entry: ParticipantResult): string {
  if (entry.participant === '*') return entry.error ?? ''
  const whom = who(entry)
  return entry.status === 'unknown'
    ? because(`Whether ${whom} was ${DONE[entry.action]} is unknown`, entry.error)
    : because(`${whom.charAt(0).toUpperCase()}${whom.slice(1)} was not ${DONE[entry.action]}`, entry.error)
}

/** What happened, then why: a sentence of its own when the reason is one ("RyzeAPI answered …"), else after a colon. */
function because(what: string, why = ''): string {
  return /^[A-Z]/.test(why) ? `${what}. ${why}` : `${what}: ${why}`
}

function linkState(result: GroupResult): string {
  switch (result.status) {
    case 'reset':
      return 'The link was reset all the same: the new link is live.'
    case 'dry-run':
      return 'Nothing was changed (dry run).'
    case 'unknown':
      return 'Whether the link is new is unknown (see its error).'
    default:
      return 'The link was not reset.'
  }
}
