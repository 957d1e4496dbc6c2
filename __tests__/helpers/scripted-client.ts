import { RequestError } from '../../src/safety/errors.js'
import type { GroupIdentifier } from '../../src/ryze/identifier.js'
import type { GroupInfo, InviteLink, RyzeClient, SubgroupList } from '../../src/ryze/ryze-client.js'
import type { ManualClock } from './manual-clock.js'

/** What one reset call does instead of an honest reset. */
export type ResetStep =
  /** An honest reset, as when nothing is scripted. */
  | 'honest'
  /** Nothing is done; the call fails with this error. */
  | { fail: RequestError }
  /** Nothing is done; this is the answer. */
  | { answer: InviteLink }
  /**
   * The reset is carried out (now, or `carriedOutAfterMs` later), and the call fails with this error;
   * with `assignedAgainAfterMs`, the server gives the group yet another code that long after the call
   * (a link assigned twice).
   */
  | { lost: RequestError; carriedOutAfterMs?: number; assignedAgainAfterMs?: number }

/** What one info call does instead of an honest read. */
export type InfoStep = 'honest' | { fail: RequestError } | { answer: GroupInfo }

export interface Reset {
  jid: string
  oldCode: string
  newCode: string
  at: number
}

interface Group {
  jid: string
  name?: string
  /** Every code the group had, with the time it became live, oldest first. */
  codes: Array<{ code: string; since: number }>
}

/**
 * A stand-in for RyzeClient that the plan and the rotation talk to as they would to RyzeAPI: groups
 * with codes that change on a reset, reads that may lag `readLagMs` behind, and per-call scripts for
 * the unkind answers (failures, lost answers, late resets, answers about other groups).
 */
export class ScriptedClient {
  /** Every call, as `info <group>`, `reset <group>` or `list <community>`, in order. */
  readonly calls: string[] = []
  /** When each info call was made, on the clock. */
  readonly readTimes: number[] = []
  /** Every reset carried out, in order. */
  readonly resets: Reset[] = []
  readLagMs = 0
  /** When the latest call was made, on the clock: what RyzeClient reports as `sentAt`. */
  sentAt = 0
  /** When the first call was made: what RyzeClient reports as `firstSentAt`. */
  firstSentAt = 0
  private readonly groups = new Map<string, Group>()
  private readonly infoSteps: InfoStep[] = []
  private readonly resetSteps: ResetStep[] = []
  private readonly listSteps: Array<SubgroupList | RequestError> = []
  private readonly late: Array<{ jid: string; at: number }> = []
  private issued = 0
  /** Runs as each call is sent, such as to cancel the job in the middle of one. */
  onCall?: (call: string) => void

  constructor(readonly clock: ManualClock) {}

  /** Adds a group; its first code is `<jid's first part>0`. */
  group(jid: string, name?: string): this {
    const code = `${jid.split('@')[0]}x0`
    this.groups.set(jid, { jid, ...(name === undefined ? {} : { name }), codes: [{ code, since: -Infinity }] })
    return this
  }

  /** The group's live code, as RyzeAPI holds it. */
  code(jid: string): string {
    this.carryOutLateResets()
    return this.groups.get(jid)!.codes.at(-1)!.code
  }

  /** Scripts the next info calls, one step each; after them, reads are honest. */
  info(...steps: InfoStep[]): this {
    this.infoSteps.push(...steps)
    return this
  }

  reset(...steps: ResetStep[]): this {
    this.resetSteps.push(...steps)
    return this
  }

  list(...steps: Array<SubgroupList | RequestError>): this {
    this.listSteps.push(...steps)
    return this
  }

  /** Carries out a reset now, as a request that came from elsewhere would. */
  resetNow(jid: string): string {
    const group = this.groups.get(jid)!
    const oldCode = group.codes.at(-1)!.code
    const newCode = `${jid.split('@')[0]}x${++this.issued}`
    group.codes.push({ code: newCode, since: this.clock.now() })
    this.resets.push({ jid, oldCode, newCode, at: this.clock.now() })
    return newCode
  }

  groupInfo(identifier: GroupIdentifier, signal?: AbortSignal): Promise<GroupInfo> {
    // The answer is made at once; a throw becomes a rejection, as from the real client.
    return new Promise((resolve) => resolve(this.readNow(identifier, signal)))
  }

  private readNow(identifier: GroupIdentifier, signal?: AbortSignal): GroupInfo {
    this.readTimes.push(this.clock.now())
    const call = this.begin('info', identifier, signal)
    const step = this.infoSteps.shift() ?? 'honest'
    if (step !== 'honest' && 'fail' in step) throw step.fail
    if (step !== 'honest') return step.answer
    const group = this.find(identifier, call)
    const seen = group.codes.filter(({ since }) => since <= this.clock.now() - this.readLagMs).at(-1)!.code
    return {
      groupJid: group.jid,
      inviteCode: seen,
      inviteLink: link(seen),
      ...(group.name ? { name: group.name } : {})
    }
  }

  resetInviteLink(identifier: GroupIdentifier, signal?: AbortSignal): Promise<InviteLink> {
    return new Promise((resolve) => resolve(this.resetLinkNow(identifier, signal)))
  }

  private resetLinkNow(identifier: GroupIdentifier, signal?: AbortSignal): InviteLink {
    const call = this.begin('reset', identifier, signal)
    const step = this.resetSteps.shift() ?? 'honest'
    if (step !== 'honest' && 'fail' in step) throw step.fail
    if (step !== 'honest' && 'answer' in step) return step.answer
    const group = this.find(identifier, call)
    if (step !== 'honest' && step.assignedAgainAfterMs !== undefined) {
      this.late.push({ jid: group.jid, at: this.clock.now() + step.assignedAgainAfterMs })
    }
    if (step !== 'honest' && step.carriedOutAfterMs !== undefined) {
      this.late.push({ jid: group.jid, at: this.clock.now() + step.carriedOutAfterMs })
      throw step.lost
    }
    const code = this.resetNow(group.jid)
    if (step !== 'honest') throw step.lost
    return { groupJid: group.jid, inviteCode: code, inviteLink: link(code) }
  }

  listSubGroups(communityJid: string, signal?: AbortSignal): Promise<SubgroupList> {
    return new Promise((resolve) => resolve(this.listNow(communityJid, signal)))
  }

  private listNow(communityJid: string, signal?: AbortSignal): SubgroupList {
    this.begin('list', { kind: 'jid', jid: communityJid }, signal)
    const step = this.listSteps.shift()
    if (step === undefined) throw new Error(`No list of subgroups was scripted for ${communityJid}.`)
    if (step instanceof Error) throw step
    return step
  }

  /** This stand-in where the code wants a RyzeClient. */
  get asClient(): RyzeClient {
    return this as unknown as RyzeClient
  }

  private begin(verb: string, identifier: GroupIdentifier, signal?: AbortSignal): string {
    const call = `${verb} ${identifier.kind === 'jid' ? identifier.jid : identifier.code}`
    this.calls.push(call)
    this.sentAt = this.clock.now()
    this.firstSentAt ||= this.sentAt
    if (signal?.aborted) {
      throw new RequestError('cancelled', 'Cancelled before the request reached RyzeAPI.', { requestSent: false })
    }
    // The request is on its way: a cancellation now cuts it short, or lets it finish.
    this.onCall?.(call)
    this.carryOutLateResets()
    return call
  }

  private find(identifier: GroupIdentifier, call: string): Group {
    const group =
      identifier.kind === 'jid'
        ? this.groups.get(identifier.jid)
        : [...this.groups.values()].find((candidate) => candidate.codes.at(-1)!.code === identifier.code)
    if (!group) throw new Error(`The stand-in has no group for ${call}.`)
    return group
  }

  private carryOutLateResets(): void {
    for (const due of this.late.filter(({ at }) => at <= this.clock.now())) {
      this.late.splice(this.late.indexOf(due), 1)
      this.resetNow(due.jid)
    }
  }
}

export function link(code: string): string {
  return `https://chat.whatsapp.com/${code}`
}
