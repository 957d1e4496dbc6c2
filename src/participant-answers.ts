import { RequestError } from './errors.js'
import type { Answer } from './ryze-client.js'
import { serverText } from './text-safety.js'

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

/** A member of a group, from the info call with participants=true. */
export interface Member {
  jid: string
  phoneNumber?: string
  isAdmin: boolean
}

/** A pending join request: its LID, and the phone number when RyzeAPI knows it. */
export interface JoinRequest {
  jid: string
  phoneNumber?: string
}

/**
 * Each participant's outcome, by the participant as sent. An entry is matched by the participant
 * it names, or by its place when no entry names one; a participant no entry speaks of is left out.
 */
export function participantOutcomes(answer: Answer, sent: string[]): Map<string, Outcome> {
  const entries = listIn(answer, 'results', 'participants') ?? []
  const outcomes = new Map<string, Outcome>()
  entries.forEach((entry, index) => {
    const named = firstString(entry, 'participant', 'jid', 'phoneNumber', 'number')
    const participant =
      named === undefined ? sent[index] : sent.find((candidate) => isParticipant(candidate, named, undefined))
    if (participant === undefined || typeof entry.success !== 'boolean') return
    const error = reasonOf(entry.error)
    outcomes.set(participant, { success: entry.success, ...(error === undefined ? {} : { error }) })
  })
  return outcomes
}

export function membersOf(answer: Answer): Member[] {
  const members = listIn(answer, 'participants') ?? listIn(nested(answer, 'group'), 'participants')
  if (members === undefined) throw new RequestError('bad-answer', "RyzeAPI sent no list of the group's members.")
  return members.flatMap((entry) => {
    const jid = firstString(entry, 'jid', 'id')
    if (jid === undefined) return []
    const phoneNumber = firstString(entry, 'phoneNumber')
    const isAdmin =
      entry.isAdmin === true ||
      entry.isSuperAdmin === true ||
      (typeof entry.admin === 'string' && /admin/i.test(entry.admin))
    return [{ jid, ...(phoneNumber === undefined ? {} : { phoneNumber }), isAdmin }]
  })
}

export function pendingRequestsOf(answer: Answer): JoinRequest[] {
  const requests = listIn(answer, 'requests')
  if (requests === undefined) throw new RequestError('bad-answer', 'RyzeAPI sent no list of join requests.')
  return requests.flatMap((entry) => {
    const jid = firstString(entry, 'jid', 'id')
    const phoneNumber = firstString(entry, 'phoneNumber')?.replace(/\D/g, '')
    return jid === undefined ? [] : [{ jid: jid.toLowerCase(), ...(phoneNumber ? { phoneNumber } : {}) }]
  })
}

/**
 * Whether a JID (and phone number) that RyzeAPI reported is `participant`: a LID as given, or a
 * phone number's digits, matched against a contact JID (a device suffix ignored) or a phone number.
 */
export function isParticipant(participant: string, jid: string, phoneNumber: string | undefined): boolean {
  const reported = jid.toLowerCase().replace(/:\d+(?=@)/, '')
  if (participant.endsWith('@lid')) return reported === participant
  const [user, server = 's.whatsapp.net'] = reported.replace(/^\+/, '').split('@')
  const sameNumber = (server === 's.whatsapp.net' || server === 'c.us') && user === participant
  return sameNumber || phoneNumber?.replace(/\D/g, '') === participant
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
