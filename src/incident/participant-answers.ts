import { RequestError } from '../safety/errors.js'
import type { Answer } from '../ryze/ryze-client.js'
import { type Member, type Named, identitiesOf, samePerson } from './participant-identity.js'
import { serverText } from '../safety/text-safety.js'

/*
 * Reads RyzeAPI's answers about participants. Their shapes are documented only in outline, so each
 * list is looked for at the top level and under `data` (and a group's members under `group`).
 */

/** What RyzeAPI said of one participant of a participants call. */
export interface Outcome {
  success: boolean
  /** RyzeAPI's reason for a failure, made safe to print. */
  error?: string
}

/** A pending join request: its LID, and the phone number when RyzeAPI knows it. */
export interface JoinRequest extends Named {
  jid: string
  phoneNumber?: string
}

/** One page of the pending join requests, and how many RyzeAPI says there are in all. */
export interface RequestPage {
  requests: JoinRequest[]
  /** `meta.total`, when RyzeAPI gave a count. */
  total?: number
}

/**
 * Each participant's outcome, by the person as sent (a key of `sent`, with every identity the plan
 * knows them by). An entry counts only when it names one of them: never by its place in the list,
 * which RyzeAPI does not promise to keep. A participant no entry names is left out.
 */
export function participantOutcomes(answer: Answer, sent: ReadonlyMap<string, Named>): Map<string, Outcome> {
  const entries = listIn(answer, 'results', 'participants') ?? []
  const outcomes = new Map<string, Outcome>()
  for (const entry of entries) {
    const named = { identities: identitiesOf(...strings(entry, 'participant', 'jid', 'lid', 'phoneNumber', 'number')) }
    const participant = [...sent].find(([, person]) => samePerson(person, named))?.[0]
    if (participant === undefined || typeof entry.success !== 'boolean') continue
    const error = reasonOf(entry.error)
    outcomes.set(participant, { success: entry.success, ...(error === undefined ? {} : { error }) })
  }
  return outcomes
}

export function membersOf(answer: Answer): Member[] {
  const members = listIn(answer, 'participants') ?? listIn(nested(answer, 'group'), 'participants')
  if (members === undefined) throw new RequestError('bad-answer', "RyzeAPI sent no list of the group's members.")
  return members.flatMap((entry) => {
    const jid = firstString(entry, 'jid', 'id')
    if (jid === undefined) return []
    const isSuperAdmin = entry.isSuperAdmin === true || (typeof entry.admin === 'string' && /super/i.test(entry.admin))
    const isAdmin =
      entry.isAdmin === true || isSuperAdmin || (typeof entry.admin === 'string' && /admin/i.test(entry.admin))
    const identities = identitiesOf(jid, ...strings(entry, 'lid', 'phoneNumber', 'phone_number', 'pn'))
    return [{ jid, identities, isAdmin, isSuperAdmin }]
  })
}

export function pendingRequestsOf(answer: Answer): RequestPage {
  const requests = listIn(answer, 'requests')
  if (requests === undefined) throw new RequestError('bad-answer', 'RyzeAPI sent no list of join requests.')
  const total = nested(answer, 'meta').total ?? nested(nested(answer, 'data'), 'meta').total
  return {
    requests: requests.flatMap((entry) => {
      const jid = firstString(entry, 'jid', 'id')?.toLowerCase()
      const phoneNumber = firstString(entry, 'phoneNumber')?.replace(/\D/g, '')
      if (jid === undefined) return []
      const identities = identitiesOf(jid, phoneNumber)
      return [{ jid, identities, ...(phoneNumber ? { phoneNumber } : {}) }]
    }),
    ...(typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? { total } : {})
  }
}

function reasonOf(error: unknown): string | undefined {
  const raw = typeof error === 'string' ? error : firstString(nested({ error }, 'error'), 'message')
  const text = raw === undefined ? '' : serverText(raw)
  return text === '' ? undefined : text
}

function listIn(answer: Answer, ...names: string[]): Answer[] | undefined {
  for (const source of [answer, nested(answer, 'data')]) {
    for (const name of names) {
      const value = source[name]
      if (Array.isArray(value))
        return value.filter((entry): entry is Answer => typeof entry === 'object' && entry !== null)
    }
  }
  return undefined
}

function nested(answer: Answer, name: string): Answer {
  const value = answer[name]
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Answer) : {}
}

function firstString(entry: Answer, ...names: string[]): string | undefined {
  const value = names.map((name) => entry[name]).find((candidate) => typeof candidate === 'string' && candidate !== '')
  return value as string | undefined
}

/** The non-empty strings among an entry's fields. */
function strings(entry: Answer, ...names: string[]): string[] {
  return names.map((name) => entry[name]).filter((value): value is string => typeof value === 'string' && value !== '')
}
