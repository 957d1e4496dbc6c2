import { type SimulatedGroup, type SimulatedMember, type SimulatedRequest, findGroup } from './ryze-model.js'
import { pendingNow } from './ryze-participants.js'

/**
 * The simulator's memory of each group's codes, for a server whose reads lag behind its writes:
 * `group/info` answers the code that was live `lagMs` ago (or a lag given for that one read).
 */
export class CodeHistory {
  private readonly codes = new Map<string, { code: string; since: number }[]>()

  constructor(private readonly now: () => number) {}

  /** `code` became the group's live code now (or, for its first code, since always). */
  record(jid: string, code: string, since = this.now()): void {
    const history = this.codes.get(jid) ?? []
    history.push({ code, since: history.length === 0 ? 0 : since })
    this.codes.set(jid, history)
  }

  /** The code a read `lagMs` behind shows now: with no lag the live one, else the one live then. */
  seenByReads(jid: string, live: string, lagMs: number): string {
    if (lagMs === 0) return live
    const seenAt = this.now() - lagMs
    return (this.codes.get(jid) ?? []).filter((entry) => entry.since <= seenAt).at(-1)?.code ?? live
  }
}

/** The group a reset request's body names, if the instance may reset it: what a late reset revokes. */
export function resetTarget(groups: Map<string, SimulatedGroup>, body: string): string | undefined {
  try {
    const { identifier } = JSON.parse(body) as { identifier?: unknown }
    const group = typeof identifier === 'string' ? findGroup(groups, identifier) : undefined
    return group?.admin && group.member ? group.jid : undefined
  } catch {
    return undefined
  }
}

/** What a read of a group's people shows: its members and its pending join requests, at one moment. */
export interface PeopleView {
  members: SimulatedMember[]
  pending: SimulatedRequest[]
}

/**
 * The simulator's memory of each group's people, for a server whose reads lag behind its writes: a
 * member list or a listing of join requests `lagMs` behind shows the people as they were before the
 * first change made since then. Each change keeps what a read showed just before it, so that a
 * test's own edits of `members` or `requests` between changes are kept too.
 */
export class PeopleHistory {
  private readonly changes = new WeakMap<SimulatedGroup, { at: number; before: PeopleView }[]>()

  constructor(private readonly now: () => number) {}

  /** Runs `change` on the group's people (a participants call, a listing that lets requests arrive or go). */
  change<T>(group: SimulatedGroup, change: () => T): T {
    const before = viewOf(group)
    const result = change()
    if (JSON.stringify(viewOf(group)) !== JSON.stringify(before)) {
      const changes = this.changes.get(group) ?? []
      changes.push({ at: this.now(), before })
      this.changes.set(group, changes)
    }
    return result
  }

  /** The people a read `lagMs` behind shows now; with no lag, or no change since, the live ones. */
  seen(group: SimulatedGroup, lagMs: number): PeopleView {
    const seenAt = this.now() - lagMs
    const since = lagMs > 0 ? (this.changes.get(group) ?? []).find((entry) => entry.at > seenAt) : undefined
    return since?.before ?? { members: group.members ?? [], pending: pendingNow(group) }
  }
}

/** A copy of the group's people as they are now. */
function viewOf(group: SimulatedGroup): PeopleView {
  return {
    members: (group.members ?? []).map((member) => ({ ...member })),
    pending: pendingNow(group).map((request) => ({ ...request }))
  }
}
