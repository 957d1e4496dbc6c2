import { dirname, isAbsolute, resolve } from 'node:path'
import { InputError } from './errors.js'
import { globRefuses, rootedPattern } from './file-patterns.js'
import { parseChat } from './identifier.js'
import { meaningfulLines } from './input-reading.js'
import { maskPhoneNumbers } from './personal-data.js'
import { isInside, staysInRoots } from './paths.js'
import { redactSecrets } from './secrets.js'
import { findUnprintable, quotedInput } from './text-safety.js'

/* The inputs of the optional features: update-files, qr-code, variable and announce-to. */

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

export interface VariableSettings {
  name: string
  githubToken: string
  owner: string
  repo: string
}

export interface QrCodeSettings {
  /** The path, resolved against the workspace, with `{group}` still in it. */
  template: string
  /** The folders QR codes may be written in: the workspace, and RUNNER_TEMP when set. */
  roots: string[]
}

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
 * Patterns must stay inside the workspace, since the action rewrites the files they match, and must
 * be patterns that @actions/glob takes, since it would refuse them only after the links are reset.
 */
export function parseFilePatterns(raw: string, workspace: string): string[] {
  const lines = meaningfulLines(raw, 'update-files')
  return lines.map(({ text, line }) => {
    const pattern = text.replace(/^!/, '')
    const where = lines.length > 1 ? line : undefined
    const expected = 'expected a glob pattern relative to the workspace, such as docs/**/*.md'
    if (isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern) || pattern.startsWith('~')) {
      throw new InputError('update-files', `holds ${quotedInput(text)}, an absolute path; ${expected}`, where)
    }
    if (pattern.split(/[\\/]/).includes('..')) {
      throw new InputError(
        'update-files',
        `holds ${quotedInput(text)}, which reaches outside the workspace; ${expected}`,
        where
      )
    }
    if (globRefuses(rootedPattern(workspace, text))) {
      throw new InputError(
        'update-files',
        `holds ${quotedInput(text)}, with a "." or ".." segment (also written [.] or \\.), which @actions/glob refuses; ${expected}`,
        where
      )
    }
    return text
  })
}

/** A QR code may be written in the workspace, or in the runner's temporary folder (RUNNER_TEMP). */
export function parseQrCodePath(
  raw: string,
  groupCount: number,
  workspace: string,
  runnerTemp: string | undefined
): QrCodeSettings | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  if (!/\.(png|svg)$/i.test(value)) {
    throw new InputError('qr-code', `holds ${quotedInput(value)}; expected a file path ending in .png or .svg`)
  }
  if (groupCount > 1 && !value.includes('{group}')) {
    throw new InputError(
      'qr-code',
      `holds ${quotedInput(value)} without {group}; with several groups, expected a path such as qr/{group}.png`
    )
  }
  // {group} becomes digits, hyphens or an invite code's letters: it cannot lead anywhere else.
  const template = resolve(workspace, value)
  const roots = runnerTemp ? [workspace, resolve(runnerTemp)] : [workspace]
  // The folder as it is on disk now, symbolic links resolved: a link leading out is refused before
  // any request (the part that {group} names is checked again when the file is written).
  const fixedFolder = dirname(`${template.split('{group}')[0]}x`)
  if (!roots.some((root) => isInside(root, template)) || !staysInRoots(roots, fixedFolder)) {
    throw new InputError(
      'qr-code',
      `holds ${quotedInput(value)}, which is outside the workspace and RUNNER_TEMP; expected a path inside one of them, such as qr/{group}.png`
    )
  }
  return { template, roots }
}

export function parseVariable(
  raw: string,
  githubToken: string,
  repository: string | undefined
): VariableSettings | undefined {
  const name = raw.trim()
  if (name === '') return undefined
  // {group} becomes a JID's digits (see variable-name.ts): the worst case is a name starting with one.
  const worstCase = name.replaceAll('{group}', '0')
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(worstCase) || /^GITHUB_/i.test(worstCase)) {
    const perGroup = worstCase !== name ? ', where {group} becomes digits, so it cannot come first' : ''
    throw new InputError(
      'variable',
      `holds ${quotedInput(name)}; expected a variable name of letters, digits and underscores, not starting with a digit or GITHUB_${perGroup}, such as WHATSAPP_LINK or WHATSAPP_LINK_{group}`
    )
  }
  if (githubToken === '') {
    throw new InputError(
      'github-token',
      'is empty, but "variable" is set; expected a token that may write repository variables (Variables: write)'
    )
  }
  const [owner, repo, ...rest] = (repository ?? '').split('/')
  if (!owner || !repo || rest.length > 0) {
    throw new InputError('variable', 'is set, but GITHUB_REPOSITORY does not name a repository (owner/name)')
  }
  return { name, githubToken, owner, repo }
}
