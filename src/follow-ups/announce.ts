import * as core from '@actions/core'
import { messageOf } from '../safety/errors.js'
import { type RetryNotice, type RetryPolicy, mayHaveTakenEffect, timingOn, withRetries } from '../ryze/retry.js'
import type { Announcement, GroupResult, LinkedGroup } from '../report/outcome.js'
import type { RyzeClient } from '../ryze/ryze-client.js'
import { maskPhoneNumbers, maskedNotice } from '../safety/personal-data.js'
import { redactSecrets } from '../safety/secrets.js'
import { type AnnounceSettings, PLACEHOLDER } from '../inputs/announce-input.js'

export interface AnnounceReport {
  announcements: Announcement[]
  /** One failure per chat that did not get its message for sure, titled with the chat (masked). */
  problems: Array<{ title: string; message: string }>
  /** One line per chat for the job summary. */
  summary: string[]
}

export interface AnnounceOptions {
  dryRun: boolean
  /** mask-invite-link: the message is sent all the same, but its text (the links) is never logged. */
  masked: boolean
  policy: RetryPolicy
  signal?: AbortSignal
  onRetry?: (notice: RetryNotice, chat: string) => void
}

/**
 * Sends each chat one message that lists every group's new link: fewer requests under the rate
 * limit, and one notification per person. Only groups that were reset are announced. A message is
 * not idempotent, so a failure that may have been delivered is reported, never sent again.
 */
export async function announceLinks(
  settings: AnnounceSettings,
  results: GroupResult[],
  client: RyzeClient,
  options: AnnounceOptions
): Promise<AnnounceReport> {
  const groups = results.filter(
    (result): result is LinkedGroup => result.status === (options.dryRun ? 'dry-run' : 'reset')
  )
  if (groups.length === 0) {
    core.info('announce-to: no group has a new link, so no message is sent.')
    return { announcements: [], problems: [], summary: [] }
  }
  const parts = messageParts(settings.template, groups)
  const announcements: Announcement[] = []
  for (const chat of settings.chats) {
    for (const [index, part] of parts.entries()) {
      const numbered = parts.length > 1 ? { part: index + 1, parts: parts.length } : {}
      announcements.push(await sendPart(chat, part, numbered, client, options))
    }
  }
  const problems = announcements
    .filter((announcement) => announcement.error !== undefined)
    .map((announcement) => ({
      title: maskPhoneNumbers(`announce-to ${announcement.chat}${partLabel(announcement)}`),
      message: maskPhoneNumbers(announcement.error!)
    }))
  return {
    // As in the log: the chats' numbers are in announce-to, in the same order as the entries.
    announcements: announcements.map((entry) => ({
      ...entry,
      chat: maskPhoneNumbers(entry.chat),
      ...(entry.error === undefined ? {} : { error: maskPhoneNumbers(entry.error) })
    })),
    problems,
    summary: announcements.map((entry) => maskPhoneNumbers(`${entry.chat}${partLabel(entry)}: ${summaryText(entry)}`))
  }
}

/**
 * WhatsApp shows long texts, but its Business API caps a text message at 4,096 characters; a
 * longer announcement is split at group boundaries, so that no link is ever cut.
 */
export const MAX_MESSAGE_LENGTH = 4096

interface MessagePart {
  text: string
  groups: LinkedGroup[]
}

/** The message for `groups`, as few parts as fit MAX_MESSAGE_LENGTH each; a group's text is never split. */
export function messageParts(template: string, groups: LinkedGroup[]): MessagePart[] {
  const separator = template.includes('\n') ? '\n\n' : '\n'
  const parts: MessagePart[] = []
  for (const group of groups) {
    const text = groupText(template, group)
    const last = parts.at(-1)
    if (last && last.text.length + separator.length + text.length <= MAX_MESSAGE_LENGTH) {
      last.text += separator + text
      last.groups.push(group)
    } else parts.push({ text, groups: [group] })
  }
  return parts
}

function partLabel(entry: Pick<Announcement, 'part' | 'parts'>): string {
  return entry.parts === undefined ? '' : ` (part ${entry.part} of ${entry.parts})`
}

async function sendPart(
  chat: string,
  { text, groups }: MessagePart,
  numbered: { part?: number; parts?: number },
  client: RyzeClient,
  options: AnnounceOptions
): Promise<Announcement> {
  const entry = { chat, groups: groups.map(idOf), ...numbered }
  // The output keeps the chat whole; the log and the summary show a phone number masked.
  const shown = maskPhoneNumbers(chat)
  if (options.dryRun) {
    core.info(
      options.masked
        ? `Would send ${shown} one message with ${countOf(groups.length, 'link')} (dry run); its text is not shown, as mask-invite-link is true.`
        : `Would send ${shown} this message (dry run), with the new links in place of the current ones. ${JSON.stringify(text)}`
    )
    return { ...entry, status: 'dry-run' }
  }
  if (options.signal?.aborted) {
    return { ...entry, status: 'failed', error: 'Not sent: the job was cancelled.' }
  }
  try {
    const { messageId } = await withRetries(() => client.sendText(chat, text, options.signal), {
      policy: { ...options.policy, idempotent: false },
      timing: timingOn(client.clock),
      signal: options.signal,
      onRetry: (notice) => options.onRetry?.(maskedNotice(notice), shown)
    })
    core.info(
      `Sent ${shown}${partLabel(entry)} the new ${groups.length === 1 ? 'link' : 'links'} of ${countOf(groups.length, 'group')}.`
    )
    return { ...entry, status: 'sent', ...(messageId === undefined ? {} : { messageId }) }
  } catch (error) {
    const unknown = mayHaveTakenEffect(error)
    const note = unknown ? 'The message may or may not have been delivered.' : 'The message was not delivered.'
    return { ...entry, status: unknown ? 'unknown' : 'failed', error: redactSecrets(`${messageOf(error)} ${note}`) }
  }
}

function summaryText(entry: Announcement): string {
  const links = countOf(entry.groups.length, 'link')
  switch (entry.status) {
    case 'sent':
      return `sent, ${links}`
    case 'dry-run':
      return `not sent (dry run), ${links}`
    case 'failed':
      return `not sent: ${entry.error}`
    case 'unknown':
      return `may or may not have been delivered: ${entry.error}`
  }
}

/** One group's line (or paragraph, for a template of several lines), placeholders replaced. */
function groupText(template: string, group: LinkedGroup): string {
  const values: Record<string, string> = {
    link: group.inviteLink,
    code: group.inviteCode,
    name: group.name ?? idOf(group),
    group: idOf(group)
  }
  // settings.ts refused any other placeholder; an unknown one would be left as it is.
  return template.replace(PLACEHOLDER, (placeholder, name: string) => values[name] ?? placeholder)
}

/** The whole message for `groups`, in one piece: one line (or paragraph) per group. */
export function messageText(template: string, groups: LinkedGroup[]): string {
  return messageParts(template, groups)
    .map((part) => part.text)
    .join(template.includes('\n') ? '\n\n' : '\n')
}

function idOf(group: LinkedGroup): string {
  return group.groupJid || group.group
}

/** "1 link", "2 links": a count in words, without "(s)". */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
