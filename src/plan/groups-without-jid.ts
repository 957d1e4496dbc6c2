import type { KnownGroup } from './known-group.js'
import type { UnlinkedGroup } from '../report/outcome.js'

/*
 * Loaded only when RyzeAPI's info named no JID for a line given by code or link: such a line is
 * keyed by its code, and only the group's live code can tell whether another line names it too.
 */

/**
 * The plan with every group known only by its code joined to a line whose group shows the same
 * live code (a code is live in one group only): one group, reset once, named by its JID where
 * either line knew it. A group that no other line's code matches may still be one of them (the
 * plan cannot tell), so each is reset once, and a warning says so.
 */
export function joinByLiveCode(
  planned: Array<KnownGroup | UnlinkedGroup>,
  onWarning?: (title: string, message: string) => void
): Array<KnownGroup | UnlinkedGroup> {
  const joined: Array<KnownGroup | UnlinkedGroup> = []
  const known: KnownGroup[] = []
  for (const group of planned) {
    if ('status' in group) {
      joined.push(group)
      continue
    }
    const same = known.find(
      (other) => other.inviteCode === group.inviteCode && (other.groupJid === '' || group.groupJid === '')
    )
    if (same === undefined) {
      joined.push(group)
      known.push(group)
      continue
    }
    same.alsoNamedBy.push(group.input, ...group.alsoNamedBy)
    if (same.groupJid === '') {
      same.groupJid = group.groupJid
      same.identifier = group.identifier
      // Stryker disable next-line ConditionalExpression: giving an unnamed group an undefined name leaves it unnamed
      if (same.name === undefined && group.name !== undefined) same.name = group.name
    }
  }
  if (known.length > 1) {
    for (const group of known.filter((candidate) => candidate.groupJid === '')) {
      onWarning?.(
        `Cannot tell whether ${group.input} is another line's group`,
        `RyzeAPI's info about ${group.input} names no JID, and no other line's group shows its live code, ` +
          'so the plan cannot tell whether it is one of the other groups: each is reset once.'
      )
    }
  }
  return joined
}
