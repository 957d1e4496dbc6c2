import { type SimulatedGroup, newInviteCode } from '../simulator/ryze-simulator.js'

/**
 * The community the community tests run against, end to end and in process alike: "Makers", its
 * announcements group and three ordinary subgroups; another community, and a group in none.
 */
export const COMMUNITY = '120363406289000100@g.us'
export const ANNOUNCEMENTS = '120363406289000101@g.us'
export const HELP = '120363406289000102@g.us'
export const EVENTS = '120363406289000103@g.us'
export const JOBS = '120363406289000104@g.us'
export const OTHER_COMMUNITY = '120363406289000200@g.us'
export const SOLO = '120363406289000999@g.us'

/** A group whose link the instance's number may reset: it is a member and an admin. */
export function adminGroup(jid: string, subject: string): SimulatedGroup {
  return { jid, subject, inviteCode: newInviteCode(), admin: true, member: true }
}
