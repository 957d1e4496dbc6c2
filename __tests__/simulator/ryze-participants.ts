import { type Answer, type SimulatedGroup, failure } from './ryze-model.js'

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
  const results = (participants as string[]).map((participant) => {
    const jid = participant.includes('@') ? participant : `${participant}@s.whatsapp.net`
    const member = members.find((m) => m.jid === jid)
    const request = requests.find((r) => r.jid === jid || r.phoneNumber === participant)
    const fail = (error: string) => ({ participant, success: false, error })
    switch (action) {
      case 'remove':
        if (!member) return fail('not a participant of the group')
        members.splice(members.indexOf(member), 1)
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
        break
      default:
        if (!request) return fail('no pending join request')
        requests.splice(requests.indexOf(request), 1)
        if (action === 'approve') members.push({ jid: request.jid, isAdmin: false })
    }
    return { participant, success: true }
  })
  return { status: 200, body: { success: true, message: 'Participants updated', results } }
}

/** GET /api/group/requests: the pending join requests, admins only. */
export function pendingRequests(group: SimulatedGroup): Answer {
  if (!group.admin) return failure(403, 'Not authorized (must be admin)')
  const requests = group.requests ?? []
  return { status: 200, body: { success: true, requests, meta: { total: requests.length } } }
}
