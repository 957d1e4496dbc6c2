import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** The simulated RyzeAPI's data: groups, communities, instances, endpoints, and what it records. */

export interface SimulatedGroup {
  jid: string
  subject: string
  inviteCode: string
  /** Whether the instance's number is an admin (needed to reset) and a member (needed to see it). */
  admin: boolean
  member: boolean
  /** Whether the instance's number is a super-admin (needed to promote and demote). */
  superAdmin?: boolean
  /** The other members. */
  members?: SimulatedMember[]
  /** Pending join requests (groups with admin approval). */
  requests?: SimulatedRequest[]
  /**
   * How the member list names members: by contact JID (the default), or by LID (`jid` is the LID,
   * with `phoneNumber` beside it unless the member hides it), as some gateways do.
   */
  listsMembersBy?: 'phone' | 'lid'
  /** Per-participant results in the reverse of the order asked, as nothing promises that order. */
  reversesResults?: boolean
  /** Per-participant results in an order drawn from this seed: the same seed, the same order. */
  shufflesResults?: number
  /** Per-participant results that name nobody: only their place could tell whose they are. */
  unnamedResults?: boolean
  /** After each participants call or join-request listing, this many member lists come back empty. */
  emptyMemberListsAfterCall?: number
  /** Join requests listed this many a page (`page`, 1-based); all on one page by default. */
  requestsPerPage?: number
  /** The listing ignores `page`, always sending the first page: a listing that stops short. */
  ignoresPage?: boolean
  /** How its info and reset answers write its JID, when not whole: left out, or without `@g.us`. */
  jidForm?: 'omitted' | 'without-suffix'
  /**
   * What its own info says of its community, where that disagrees with `communities:` (which the
   * list of subgroups follows): whether it is the announcements group, and the community it is in.
   */
  ownInfo?: { isDefaultSubGroup?: boolean; linkedParentJid?: string }
}

export interface SimulatedMember {
  /** A contact JID (digits@s.whatsapp.net) or a LID. */
  jid: string
  isAdmin: boolean
  /** The group's creator, or promoted by one. */
  isSuperAdmin?: boolean
  /** The member's LID, when the member list names members by LID (see listsMembersBy). */
  lid?: string
  /** Listed by LID without a phone number. */
  hidesPhoneNumber?: boolean
  /** The instance's own number: removing or demoting it takes the instance's rights away. */
  isInstance?: boolean
}

export interface SimulatedRequest {
  jid: string
  phoneNumber: string | null
  /** Sent while the run works: pending only once this many listings of the group's requests were answered. */
  arrivesAfterListings?: number
  /** Withdrawn while the run works (or decided by another admin): no longer pending once this many listings were answered. */
  withdrawnAfterListings?: number
}

/** A community: its subgroups are groups of `groups:`, the announcements group among them. */
export interface SimulatedCommunity {
  jid: string
  /** The JIDs of its subgroups; the instance sees those it is a member of. */
  subgroups: string[]
  /** The JID of the announcements group (isDefaultSubGroup: true), one of `subgroups`. */
  announcements: string
}

export interface SimulatedInstance {
  name: string
  connected: boolean
}

export type Endpoint = 'resetLink' | 'info' | 'listSubGroups' | 'text' | 'participants' | 'requests'

/** Each endpoint's path, before the instance, and its method. */
export const ENDPOINTS: Record<Endpoint, { path: string; method: 'GET' | 'POST' }> = {
  resetLink: { path: '/api/group/resetLink/', method: 'POST' },
  info: { path: '/api/group/info/', method: 'GET' },
  listSubGroups: { path: '/api/community/listSubGroups/', method: 'GET' },
  text: { path: '/api/message/text/', method: 'POST' },
  participants: { path: '/api/group/participants/', method: 'POST' },
  requests: { path: '/api/group/requests/', method: 'GET' }
}

/** A text message RyzeAPI accepted, whatever became of its answer. */
export interface DeliveredMessage {
  number: string
  message: string
  messageId: string
}

/** A reset RyzeAPI carried out, whatever became of its answer. */
export interface CarriedOutReset {
  jid: string
  oldCode: string
  newCode: string
}

export interface RecordedRequest {
  /** The status it was answered with; 0 when the connection was dropped or left silent. */
  status: number
  /** When it arrived, by the simulator's clock. */
  arrivedAt: number
  method: string
  /** The path exactly as sent, still percent-encoded. */
  rawPath: string
  headers: IncomingMessage['headers']
  body: string
}

export interface SimulatorOptions {
  /** Accepted tokens, each with the instances it may use ('*' for a TokenAccount). */
  tokens?: Record<string, string[] | '*'>
  instances?: SimulatedInstance[]
  groups?: SimulatedGroup[]
  communities?: SimulatedCommunity[]
  rateLimit?: { limit: number; windowMs: number }
  /** A gateway-style path prefix that every RyzeAPI path must start with, e.g. '/ryze'. */
  pathPrefix?: string
  /** Serve https with this key and certificate instead of plain http. */
  tls?: { key: string; cert: string }
  /** The loopback address to listen on: '127.0.0.1' (the default) or '::1'. */
  host?: '127.0.0.1' | '::1'
  /** Where the info call puts the group's fields: each shape RyzeAPI's guide allows. */
  infoShape?: InfoShape
  /** Leave the group's JID out of the info answer: RyzeAPI's info page does not list it among the fields. */
  infoOmitsJid?: boolean
  /**
   * How answers are framed: with a declared Content-Length, chunked, or (the default) the two in
   * turn, request by request, so that every test meets both.
   */
  framing?: Framing
  /** How far group/info lags behind resets: it answers the code that was live this long ago. */
  readLagMs?: number
  /**
   * The time the simulator keeps: read lag, rate-limit windows and faults carried out later. Real
   * time by default; a test's ManualClock, shared with the code under test, lets neither wait.
   */
  clock?: SimulatorClock
}

/** What the simulator needs of a clock: src/ryze/clock.ts's Clock, and the tests' ManualClock, have it. */
export interface SimulatorClock {
  now(): number
  /** A signal that aborts `ms` from now. */
  deadline(ms: number): AbortSignal
}

/** The info answer's fields inside `group` (as the reset page says to read), inside `data`, or at the top. */
export type InfoShape = 'group' | 'data' | 'top-level'

export type Framing = 'content-length' | 'chunked' | 'alternate'

export const DEFAULT_TOKEN = 'sim-token-4f9c2a7be1d04c3f'
export const DEFAULT_INSTANCE = 'support'
export const DEFAULT_GROUP_JID = '120363406289005073@g.us'

/** The JIDs of `count` simulated groups: the default group first. */
export function groupJids(count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    index === 0 ? DEFAULT_GROUP_JID : `1203634062890${String(index).padStart(5, '0')}@g.us`
  )
}

/** `count` groups where the instance's number is an admin, ready for `groups:`. */
export function adminGroups(count: number): SimulatedGroup[] {
  return groupJids(count).map((jid, index) => ({
    jid,
    subject: `Group ${index + 1}`,
    inviteCode: newInviteCode(),
    admin: true,
    member: true
  }))
}

/** RyzeAPI resolves a JID, a bare code or a link to the group. */
export function findGroup(groups: Map<string, SimulatedGroup>, identifier: string): SimulatedGroup | undefined {
  const value = identifier.trim()
  const byJid = groups.get(value)
  if (byJid) return byJid
  const code = /([A-Za-z0-9]+)\/?$/.exec(value.replace(/[?#].*$/, ''))?.[1]
  return [...groups.values()].find((group) => group.inviteCode === code)
}

/** The group's JID as its answers write it (see SimulatedGroup.jidForm); undefined when left out. */
export function writtenJid(group: SimulatedGroup): string | undefined {
  if (group.jidForm === 'omitted') return undefined
  return group.jidForm === 'without-suffix' ? group.jid.replace(/@g\.us$/, '') : group.jid
}

export function newInviteCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(22)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

export interface Answer {
  status: number
  headers?: Record<string, string>
  body: object
}

export function endpointOf(path: string): Endpoint | undefined {
  return (Object.keys(ENDPOINTS) as Endpoint[]).find((endpoint) => path.startsWith(ENDPOINTS[endpoint].path))
}

export function failure(status: number, message: string): Answer {
  return { status, body: { success: false, error: { message } } }
}

export function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.token
  if (typeof header === 'string' && header !== '') return header
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')
  return bearer?.[1]
}

export function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
