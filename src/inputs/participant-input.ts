import { InputError } from '../safety/errors.js'

/** A meaningful line of a multi-line input, with its number. */
export interface InputLine {
  text: string
  line: number
}

/** remove, demote and reject-join-requests as settings.ts reads them, the lines not yet checked. */
export interface IncidentInputs {
  remove: InputLine[]
  demote: InputLine[]
  /** reject-join-requests */
  reject: boolean
}

/** What remove, demote and reject-join-requests ask of every group. */
export interface IncidentSettings {
  /** Participants as RyzeAPI takes them: the phone number's digits, or a LID (`…@lid`). */
  remove: string[]
  demote: string[]
  rejectJoinRequests: boolean
  /** The input line each participant was first written on, by input: what a refusal names. */
  lines: { remove: Map<string, number>; demote: Map<string, number> }
}

// E.164: at most 15 digits with the country code; fewer than 7 is a local number (see identifier.ts).
const PHONE_DIGITS = /^\d{7,15}$/
const CONTACT_JID = /^(\d+)(:\d+)?@s\.whatsapp\.net$/
const LID = /^\d{1,32}@lid$/
const EXPECTED =
  'expected one participant per line: a phone number with its country code (+55 11 99999-0000), a contact JID (…@s.whatsapp.net) or a LID (…@lid)'

/** The inputs checked: throws an InputError naming the input and the line of the first bad participant. */
export function parseIncident(inputs: IncidentInputs): IncidentSettings {
  return {
    remove: parseParticipants(inputs.remove, 'remove'),
    demote: parseParticipants(inputs.demote, 'demote'),
    rejectJoinRequests: inputs.reject,
    lines: { remove: lineOf(inputs.remove), demote: lineOf(inputs.demote) }
  }
}

/**
 * The participants of a `remove` or `demote` input, one per meaningful line, the same person
 * written twice kept once. A bad line is refused without echoing it: it may be a phone number.
 */
export function parseParticipants(lines: InputLine[], input: string): string[] {
  const participants = lines.map(({ text, line }) => {
    const participant = participantOf(text)
    if (typeof participant === 'string') return participant
    throw new InputError(input, `${participant.problem}; ${EXPECTED}`, line)
  })
  return [...new Set(participants)]
}

/** Each participant's first line (the lines are checked by parseParticipants). */
function lineOf(lines: InputLine[]): Map<string, number> {
  const found = new Map<string, number>()
  for (const { text, line } of lines) {
    const participant = participantOf(text)
    if (typeof participant === 'string' && !found.has(participant)) found.set(participant, line)
  }
  return found
}

/** The participant as RyzeAPI takes it, or what is wrong with the text. */
function participantOf(text: string): string | { problem: string } {
  const value = text.toLowerCase()
  if (LID.test(value)) return value
  // (11) 99999-0000 is written for callers inside the country: RyzeAPI would read its area code as a country code.
  if (value.startsWith('(')) {
    return { problem: 'holds a number in national form, its area code in parentheses, without its country code' }
  }
  const digits = CONTACT_JID.exec(value)?.[1] ?? phoneDigits(value)
  if (digits === undefined) {
    if (value.endsWith('@g.us')) return { problem: 'holds a group JID, not a participant' }
    return { problem: value.includes('@') ? 'holds a JID that is not a contact or a LID' : 'is not a phone number' }
  }
  if (digits.startsWith('0')) return { problem: 'holds a number that starts with 0, not with a country code' }
  if (!PHONE_DIGITS.test(digits)) {
    return { problem: `holds a number of ${digits.length} digits; a phone number with its country code has 7 to 15` }
  }
  return digits
}

/** The digits of a phone number written with `+`, spaces, dashes or parentheses; undefined if it is not one. */
function phoneDigits(value: string): string | undefined {
  return /^\+?[\d\s()-]+$/.test(value) && /\d/.test(value) ? value.replace(/\D/g, '') : undefined
}
