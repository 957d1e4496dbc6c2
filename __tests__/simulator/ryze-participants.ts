import {
  type Answer,
  type Endpoint,
  type SimulatedGroup,
  type SimulatedMember,
  type SimulatedRequest,
  failure,
  findGroup
} from './ryze-model.js'

/** How many empty member lists each group still owes (see emptyMemberListsAfterCall). */
const emptyListsOwed = new WeakMap<SimulatedGroup, number>()
/** How many listings of its join requests each group has answered (see SimulatedRequest's arrivals and withdrawals). */
const listingsAnswered = new WeakMap<SimulatedGroup, number>()

/** The join requests pending now: those that have arrived and are not withdrawn, rejected or approved. */
export function pendingNow(group: SimulatedGroup): SimulatedRequest[] {
  const listings = listingsAnswered.get(group) ?? 0
  return (group.requests ?? []).filter(
    (request) =>
      (request.arrivesAfterListings ?? 0) <= listings &&
      (request.withdrawnAfterListings === undefined || listings < request.withdrawnAfterListings)
  )
}

/**
 * A participants call or a listing arrived (whatever its answer, faults included): a group with
 * emptyMemberListsAfterCall answers its next member lists empty.
 */
export function noteCall(
  groups: Map<string, SimulatedGroup>,
  endpoint: Endpoint | undefined,
  url: URL,
  body: string
): void {
  if (endpoint !== 'participants' && endpoint !== 'requests') return
  let identifier: unknown = url.searchParams.get('identifier')
  try {
    if (endpoint === 'participants') identifier = (JSON.parse(body) as { identifier?: unknown }).identifier
  } catch {
    return
  }
  const group = typeof identifier === 'string' ? findGroup(groups, identifier) : undefined
  if (group?.emptyMemberListsAfterCall) emptyListsOwed.set(group, group.emptyMemberListsAfterCall)
}

/** Whether `participant` (digits, a contact JID or a LID, as sent) names `member`: RyzeAPI resolves each. */
function names(participant: string, member: SimulatedMember): boolean {
  const jid = participant.includes('@') ? participant : `${participant}@s.whatsapp.net`
  return member.jid === jid || member.lid === participant
}

/** POST /api/group/participants: one result per participant, with RyzeAPI's admin and super-admin rules. */
export function changeParticipants(
  group: SimulatedGroup,
  fields: { action?: unknown; participants?: unknown }
): Answer {
  const { action, participants } = fields
  if (!Array.isArray(participants) || participants.some((p) => typeof p !== 'string')) {
    return failure(400, 'participants must be a list')
  }
  if (action === 'promote' || action === 'demote') {
    if (!group.superAdmin) return failure(403, 'Not authorized to change admins (must be super admin)')
  } else if (!['add', 'remove', 'approve', 'reject'].includes(String(action))) {
    return failure(400, 'invalid action')
  }
  if (!group.admin) return failure(403, 'Not authorized to change participants (must be admin)')
  const members = (group.members ??= [])
  const requests = (group.requests ??= [])
  const pending = pendingNow(group)
  const results = (participants as string[]).map((participant) => {
    const jid = participant.includes('@') ? participant : `${participant}@s.whatsapp.net`
    const member = members.find((m) => names(participant, m))
    const request = pending.find((r) => r.jid === jid || r.phoneNumber === participant)
    const fail = (error: string) => ({ participant, success: false, error })
    switch (action) {
      case 'remove':
        if (!member) return fail('not a participant of the group')
        // WhatsApp lets nobody remove the group's creator; the instance may leave, even as creator.
        if (member.isSuperAdmin && !member.isInstance) return fail('not authorized to remove the group creator')
        members.splice(members.indexOf(member), 1)
        // The instance's own number gone: it is no longer in the group, nor allowed to reset it.
        if (member.isInstance) group.admin = group.superAdmin = group.member = false
        break
      case 'add':
        if (member) return fail('already a participant')
        members.push({ jid, isAdmin: false })
        break
      case 'promote':
      case 'demote':
        if (!member) return fail('not a participant of the group')
        if (action === 'demote' && !member.isAdmin) return fail('not an admin')
        member.isAdmin = action === 'promote'
        if (action === 'demote' && member.isInstance) group.admin = group.superAdmin = false
        break
      default:
        if (!request) return fail('no pending join request')
        requests.splice(requests.indexOf(request), 1)
        if (action === 'approve') members.push({ jid: request.jid, isAdmin: false })
    }
    return { participant, success: true }
  })
  if (group.reversesResults) results.reverse()
  if (group.shufflesResults !== undefined) shuffle(results, group.shufflesResults)
  if (group.unnamedResults) for (const result of results) delete (result as { participant?: string }).participant
  return { status: 200, body: { success: true, message: 'Participants updated', results } }
}

/** The group's members as the info call with participants=true lists them: `members`, as this read sees them. */
export function memberList(group: SimulatedGroup, members: SimulatedMember[]): object[] {
  const owed = emptyListsOwed.get(group) ?? 0
  if (owed > 0) {
    emptyListsOwed.set(group, owed - 1)
    return []
  }
  return members.map((member) => {
    const roles = { isAdmin: member.isAdmin, isSuperAdmin: member.isSuperAdmin ?? false }
    if (group.listsMembersBy !== 'lid' || member.lid === undefined) return { jid: member.jid, ...roles }
    const phoneNumber = member.hidesPhoneNumber ? {} : { phoneNumber: member.jid.split('@')[0] }
    return { jid: member.lid, ...phoneNumber, ...roles }
  })
}

/**
 * GET /api/group/requests: the requests `pending` (as this read sees them), admins only, a page at a
 * time when the group pages them.
 */
export function pendingRequests(group: SimulatedGroup, page: string | null, pending: SimulatedRequest[]): Answer {
  if (!group.admin) return failure(403, 'Not authorized (must be admin)')
  const requests = pending.map(({ jid, phoneNumber }) => ({ jid, phoneNumber }))
  const perPage = group.requestsPerPage ?? Math.max(1, requests.length)
  const number = group.ignoresPage || page === null || !/^[1-9]\d*$/.test(page) ? 1 : Number(page)
  const listed = requests.slice((number - 1) * perPage, number * perPage)
  listingsAnswered.set(group, (listingsAnswered.get(group) ?? 0) + 1)
  return { status: 200, body: { success: true, requests: listed, meta: { total: requests.length } } }
}

/** Shuffles `items` in place, the same way for the same seed (Fisher-Yates on mulberry32). */
function shuffle(items: unknown[], seed: number): void {
  let state = seed >>> 0
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
}
