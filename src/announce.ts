import * as core from '@actions/core'
import { messageOf } from './errors.js'
import { type RetryNotice, type RetryPolicy, mayHaveTakenEffect, withRetries } from './retry.js'
import type { GroupResult, LinkedGroup } from './rotation.js'
import type { RyzeClient } from './ryze-client.js'
import { maskPhoneNumbers, maskedNotice } from './personal-data.js'
import { redactSecrets } from './secrets.js'
import { type AnnounceSettings, PLACEHOLDER } from './settings.js'

/** One entry of the `announcements` output: what became of the message to one chat. */
export interface Announcement {
  chat: string
  /** `unknown`: the answer was lost, and the message may or may not have been delivered. */
  status: 'sent' | 'failed' | 'unknown' | 'dry-run'
  /** The groups whose links the message holds (or would hold), by JID, else as given. */
  groups: string[]
  messageId?: string
  error?: string
}

export interface AnnounceReport {
  announcements: Announcement[]
  /** One line per chat that did not get its message for sure, naming the chat. */
  problems: string[]
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
  const text = messageText(settings.template, groups)
  const announced = groups.map(idOf)
  const announcements: Announcement[] = []
  for (const chat of settings.chats) {
    const entry = { chat, groups: announced }
    // The output keeps the chat whole; the log and the summary show a phone number masked.
    const shown = maskPhoneNumbers(chat)
    if (options.dryRun) {
      core.info(
        options.masked
          ? `Dry run: would send ${shown} one message with ${groups.length} link(s); its text is not shown (mask-invite-link: true).`
          : `Dry run: would send ${shown} (with the new links in place of the current ones): ${JSON.stringify(text)}`
      )
      announcements.push({ ...entry, status: 'dry-run' })
      continue
    }
    if (options.signal?.aborted) {
      announcements.push({ ...entry, status: 'failed', error: 'Not sent: the job was cancelled.' })
      continue
    }
    try {
      const { messageId } = await withRetries(() => client.sendText(chat, text, options.signal), {
        policy: { ...options.policy, idempotent: false },
        signal: options.signal,
        onRetry: (notice) => options.onRetry?.(maskedNotice(notice), shown)
      })
      core.info(`Sent ${shown} the new link(s) of ${groups.length} group(s).`)
      announcements.push({ ...entry, status: 'sent', ...(messageId === undefined ? {} : { messageId }) })
    } catch (error) {
      const unknown = mayHaveTakenEffect(error)
      const note = unknown ? 'The message may or may not have been delivered.' : 'The message was not delivered.'
      announcements.push({
        ...entry,
        status: unknown ? 'unknown' : 'failed',
        error: redactSecrets(`${messageOf(error)} ${note}`)
      })
    }
  }
  const problems = announcements
    .filter((announcement) => announcement.error !== undefined)
    .map((announcement) => maskPhoneNumbers(`announce-to ${announcement.chat}: ${announcement.error}`))
  return {
    announcements,
    problems,
    summary: announcements.map((entry) => maskPhoneNumbers(`${entry.chat}: ${summaryText(entry)}`))
  }
}

function summaryText(entry: Announcement): string {
  const links = `${entry.groups.length} link(s)`
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

/** One line (or paragraph, for a template of several lines) per group, placeholders replaced. */
export function messageText(template: string, groups: LinkedGroup[]): string {
  const separator = template.includes('\n') ? '\n\n' : '\n'
  return groups
    .map((group) => {
      const values: Record<string, string> = {
        link: group.inviteLink,
        code: group.inviteCode,
        name: group.name ?? idOf(group),
        group: idOf(group)
      }
      // settings.ts refused any other placeholder; an unknown one would be left as it is.
      return template.replace(PLACEHOLDER, (placeholder, name: string) => values[name] ?? placeholder)
    })
    .join(separator)
}

function idOf(group: LinkedGroup): string {
  return group.groupJid || group.group
}
