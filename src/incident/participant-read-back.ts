import { waitBeforeRequest } from '../ryze/clock.js'
import { RequestError } from '../safety/errors.js'
import type { GroupIdentifier } from '../ryze/identifier.js'
import { type JoinRequest, membersOf, pendingRequestsOf } from './participant-answers.js'
import { type Member, isPlausibleRoster } from './participant-identity.js'
import { maskedNotice } from '../safety/personal-data.js'
import { type RetryNotice, type RetryPolicy, timingOn, withRetries } from '../ryze/retry.js'
import type { RyzeClient } from '../ryze/ryze-client.js'
import { decidingReadAt } from '../ryze/time-rule.js'

/*
 * The reads of a group's people: its members (with admins) and its pending join requests. A read
 * that decides what a write did waits for the time rule (time-rule.ts); a member list that is not
 * plausible is read again, and never counts as evidence.
 */

export interface PeopleReads {
  client: RyzeClient
  policy: RetryPolicy
  /** max-lag, in milliseconds. */
  maxLagMs: number
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice) => void
}

/** The fewest retries a read gets, as for the reset's: it is what settles the outcome. */
const READ_RETRIES = 2
/** A member list that proves nothing is read again this many times, this long apart. */
const ROSTER_READS = 3
const ROSTER_REREAD_MS = 1000
/** More pages than any real listing has (a group holds up to 1,024 members): a server that never stops. */
const MAX_PAGES = 50

/** The members as one read lists them. */
export async function readMembers(group: GroupIdentifier, reads: PeopleReads): Promise<Member[]> {
  const answer = await withRetries(
    () => reads.client.readGroup('group/info', group, reads.signal, { participants: 'true' }),
    {
      policy: readPolicy(reads.policy),
      timing: timingOn(reads.client.clock),
      signal: reads.signal,
      onRetry: (notice) => reads.onRetry?.(maskedNotice({ ...notice, what: 'Reading the members' }))
    }
  )
  return membersOf(answer)
}

/**
 * A plausible member list read at or after `decidingReadAt(writeEndedAt)`, so that it decides every
 * write that ended by then; an empty or shallow list is read again. Throws, saying why, when no
 * read decides: cancelled (nothing waits the rule out then), failed, or never plausible.
 */
export async function readMembersDeciding(
  group: GroupIdentifier,
  reads: PeopleReads,
  writeEndedAt: number,
  expected: number
): Promise<Member[]> {
  await waitUntil(reads, decidingReadAt(writeEndedAt, reads.maxLagMs))
  let members: Member[] = []
  for (let read = 1; read <= ROSTER_READS; read++) {
    if (read > 1) await waitBeforeRequest(reads.client.clock, ROSTER_REREAD_MS, reads.signal)
    members = await readMembers(group, reads)
    if (isPlausibleRoster(members, expected)) return members
  }
  const admins = members.filter((member) => member.isAdmin).length
  throw new RequestError(
    'bad-answer',
    `The member list read back ${ROSTER_READS} times was empty or shallow (${members.length} ${members.length === 1 ? 'member' : 'members'} and ${admins} ${admins === 1 ? 'admin' : 'admins'}, where ${expected} were expected), so it proves nothing.`
  )
}

/** Every pending join request RyzeAPI listed, and how many more it said there are but never showed. */
export interface RequestListing {
  requests: JoinRequest[]
  unseen: number
}

/**
 * The pending join requests, page after page until `meta.total` is reached (RyzeAPI documents
 * only `meta.total`). The first page is asked for as documented, without a page parameter; the
 * next ones with `page=2`, `page=3` …, the name and 1-based numbering of most paginated REST APIs.
 * A server that ignores it sends the first page again, which brings nothing new: the listing stops
 * there, and `unseen` says how many it could not see.
 */
export async function listRequests(group: GroupIdentifier, reads: PeopleReads): Promise<RequestListing> {
  const seen = new Map<string, JoinRequest>()
  let total: number | undefined
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query: Record<string, string> = page === 1 ? {} : { page: String(page) }
    const answer = await withRetries(() => reads.client.readGroup('group/requests', group, reads.signal, query), {
      policy: readPolicy(reads.policy),
      timing: timingOn(reads.client.clock),
      signal: reads.signal,
      onRetry: (notice) => reads.onRetry?.(maskedNotice({ ...notice, what: 'Listing the join requests' }))
    })
    const listed = pendingRequestsOf(answer)
    total = listed.total ?? total
    const fresh = listed.requests.filter((request) => !seen.has(request.jid))
    for (const request of fresh) seen.set(request.jid, request)
    if (total === undefined || seen.size >= total || fresh.length === 0) break
  }
  return { requests: [...seen.values()], unseen: total === undefined ? 0 : Math.max(0, total - seen.size) }
}

/**
 * A listing sent at or after `at`, a time the rule gives (time-rule.ts): `decidingReadAt` for one
 * that decides what a rejection did, `currentReadAt` for one that shows every request sent through
 * a link before its reset. Throws when cancelled before then, as nothing waits the rule out.
 */
export async function listRequestsFrom(
  group: GroupIdentifier,
  reads: PeopleReads,
  at: number
): Promise<RequestListing> {
  await waitUntil(reads, at)
  return listRequests(group, reads)
}

/** Waits until `at` on the run's clock; a cancellation ends the wait at once (a RequestError). */
async function waitUntil(reads: PeopleReads, at: number): Promise<void> {
  const waitMs = at - reads.client.clock.now()
  if (reads.signal?.aborted) {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: the caller shows this error's message only, as the reason no read decided
    throw new RequestError('cancelled', 'The job was cancelled before a read could decide.', { requestSent: false })
  }
  if (waitMs > 0) await waitBeforeRequest(reads.client.clock, waitMs, reads.signal)
}

function readPolicy(policy: RetryPolicy): RetryPolicy {
  return { retries: Math.max(policy.retries, READ_RETRIES), maxWaitMs: policy.maxWaitMs }
}
