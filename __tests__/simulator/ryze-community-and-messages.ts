import { randomBytes } from 'node:crypto'
import {
  type Answer,
  type DeliveredMessage,
  type SimulatedCommunity,
  type SimulatedGroup,
  failure
} from './ryze-model.js'

/** GET /api/community/listSubGroups: the subgroups the instance is a member of. */
export function listSubGroups(
  groups: Map<string, SimulatedGroup>,
  communities: Map<string, SimulatedCommunity>,
  communityJid: string | null
): Answer {
  if (communityJid === null || communityJid.trim() === '')
    return failure(400, 'communityJid query parameter is required')
  const jid = communityJid.includes('@') ? communityJid : `${communityJid}@g.us`
  if (!/^\d+@g\.us$/.test(jid)) return failure(400, `invalid community JID: ${jid} is not a group JID`)
  const community = communities.get(jid)
  const subgroups = (community?.subgroups ?? [])
    .map((subgroup) => groups.get(subgroup))
    .filter((group) => group !== undefined && group.member)
    .map((group) => ({
      jid: group!.jid,
      name: group!.subject,
      isDefaultSubGroup: group!.jid === community?.announcements
    }))
  return {
    status: 200,
    body: { success: true, message: `${subgroups.length} subgroup(s) found`, communityJid: jid, subgroups }
  }
}

/**
 * What a group's info says of its community, as a whatsmeow-style bridge names it: for a subgroup,
 * whether it is the announcements group and the community it is linked to; nothing for a group in
 * no community (or, as a test may have it, in two). `ownInfo` overrides either, for a group whose info disagrees with the list.
 */
export function communityFields(
  group: SimulatedGroup,
  communities: Map<string, SimulatedCommunity>
): { isDefaultSubGroup?: boolean; linkedParentJid?: string } {
  const containing = [...communities.values()].filter((candidate) => candidate.subgroups.includes(group.jid))
  // WhatsApp links a group to one community at most; a test that lists it in two learns of neither.
  const [community] = containing.length === 1 ? containing : []
  const listed = community
    ? { isDefaultSubGroup: group.jid === community.announcements, linkedParentJid: community.jid }
    : {}
  return { ...listed, ...group.ownInfo }
}

/** POST /api/message/text: records the message as delivered. */
export function sendText(messages: DeliveredMessage[], body: string): Answer {
  let fields: { number?: unknown; message?: unknown }
  try {
    fields = JSON.parse(body) as typeof fields
  } catch {
    return failure(400, 'Invalid JSON body')
  }
  if (typeof fields.number !== 'string' || fields.number.trim() === '') return failure(400, 'number is required')
  if (typeof fields.message !== 'string' || fields.message === '') return failure(400, 'message is required')
  const messageId = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`
  messages.push({ number: fields.number, message: fields.message, messageId })
  return {
    status: 200,
    body: { success: true, message: 'Message sent successfully', status: 'sent', data: { messageId } }
  }
}
