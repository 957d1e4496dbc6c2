import { type SimulatedGroup, findGroup } from './ryze-model.js'

/**
 * The simulator's memory of each group's codes, for a server whose reads lag behind its writes:
 * `group/info` answers the code that was live `lagMs` ago (or a lag given for that one read).
 */
export class CodeHistory {
  private readonly codes = new Map<string, { code: string; since: number }[]>()

  constructor(
    private readonly lagMs: number,
    private readonly now: () => number
  ) {}

  /** `code` became the group's live code now (or, for its first code, since always). */
  record(jid: string, code: string, since = this.now()): void {
    const history = this.codes.get(jid) ?? []
    history.push({ code, since: history.length === 0 ? 0 : since })
    this.codes.set(jid, history)
  }

  /** The code a read shows now: the live one, or with a lag (this read's, else the simulator's), the one live then. */
  seenByReads(jid: string, live: string, lagMs = this.lagMs): string {
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
