import { InputError } from '../safety/errors.js'
import { isGroupJid } from '../ryze/identifier.js'
import { meaningfulLines } from './input-reading.js'
import { maskPhoneNumbers } from '../safety/personal-data.js'
import { redactSecrets } from '../safety/secrets.js'
import { findUnprintable, quotedInput } from '../safety/text-safety.js'

/* announce-to and announce-message, read only when announce-to is set. */

/*
 * What RyzeAPI's `number` takes besides a group JID. A phone number in E.164 has at most 15 digits,
 * country code included, and the shortest in use (4-digit subscriber numbers behind a 3-digit
 * country code, as in Niue) have 7: fewer is a local number that WhatsApp cannot place.
 */
const PHONE_NUMBER = /^\d{7,15}$/
const CHAT_JID = /^(\d{7,15}@s\.whatsapp\.net|\d{1,32}@lid|\d{1,32}@newsletter)$/

export interface AnnounceSettings {
  /** The chats, as RyzeAPI's `number` takes them, without repeats. */
  chats: string[]
  /** The text for one group, with its placeholders still in it. */
  template: string
}

/** What announce-message may hold, each replaced for each group. */
export const MESSAGE_PLACEHOLDERS = ['link', 'code', 'name', 'group']

/** A word in braces; other braces (`{}`, `{ }`) are text. */
export const PLACEHOLDER = /\{([A-Za-z_][\w-]*)\}/g

export const DEFAULT_MESSAGE = 'New invite link for {name}: {link}'

export function parseAnnounce(rawChats: string, rawMessage: string): AnnounceSettings | undefined {
  const lines = meaningfulLines(rawChats, 'announce-to')
  if (lines.length === 0) return undefined
  const chats = lines.map(({ text, line }) => {
    const chat = parseChat(text)
    if (chat === undefined) {
      throw new InputError(
        'announce-to',
        // A phone number is personal data: a line that may hold one is never echoed whole.
        `holds ${quotedInput(maskPhoneNumbers(text))}, which is not a chat; expected a phone number with its country code (5511999999999), or a JID ending in @s.whatsapp.net, @lid, @g.us or @newsletter`,
        lines.length > 1 ? line : undefined
      )
    }
    return chat
  })
  return { chats: [...new Set(chats)], template: parseMessage(rawMessage) }
}

/** A group's text, its link included, must fit in one message (4,096 characters) with room to spare. */
export const MAX_TEMPLATE_LENGTH = 2000

export function parseMessage(raw: string): string {
  const template = raw.replace(/\r\n?/g, '\n').trim() || DEFAULT_MESSAGE
  const expected = `expected text with {link}, {code}, {name} or {group}, such as "${DEFAULT_MESSAGE}"`
  // Never echo the text here: it may hold the secret it is refused for.
  if (redactSecrets(template) !== template) {
    throw new InputError(
      'announce-message',
      `holds a secret (token or github-token), which must never be sent; ${expected}`
    )
  }
  const found = findUnprintable(template, { tab: true, lineFeed: true })
  if (found !== undefined) {
    throw new InputError(
      'announce-message',
      `holds ${found.kind === 'control' ? 'a control character other than a line break or a tab' : 'an invisible formatting character'} (${found.description}); ${expected}`
    )
  }
  if (template.length > MAX_TEMPLATE_LENGTH) {
    throw new InputError(
      'announce-message',
      `holds ${template.length} characters; expected at most ${MAX_TEMPLATE_LENGTH}, so that each group's text fits in one WhatsApp message`
    )
  }
  for (const [placeholder, name] of template.matchAll(PLACEHOLDER)) {
    if (!MESSAGE_PLACEHOLDERS.includes(name!)) {
      throw new InputError('announce-message', `holds the unknown placeholder ${placeholder}; ${expected}`)
    }
  }
  return template
}

/**
 * A chat to send a message to, as RyzeAPI's `number` takes it: a phone number (digits only: a
 * leading + and the spaces, dots, hyphens and brackets people write are dropped), a contact
 * (`@s.whatsapp.net`), a hidden contact (`@lid`), a group (`@g.us`) or a channel (`@newsletter`).
 * Undefined when the text is none of these.
 */
export function parseChat(raw: string): string | undefined {
  const jid = raw.trim().toLowerCase()
  // A contact's JID is the person's number: one chat, however it is written.
  const contact = /^(\d{7,15})@s\.whatsapp\.net$/.exec(jid)
  if (contact) return contact[1]
  if (isGroupJid(jid) || CHAT_JID.test(jid)) return jid
  const phone = jid.replace(/[\s().-]/g, '').replace(/^\+/, '')
  return PHONE_NUMBER.test(phone) ? phone : undefined
}
