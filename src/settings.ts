import * as core from '@actions/core'
import { dirname, isAbsolute, resolve } from 'node:path'
import { InputError } from './errors.js'
import { globRefuses, rootedPattern } from './file-patterns.js'
import { isInside, staysInRoots } from './paths.js'
import {
  type GroupIdentifier,
  canonicalIdentifier,
  parseChat,
  parseGroupIdentifier,
  parseGroupLine
} from './identifier.js'
import type { IncidentInputs } from './participant-input.js'
import { maskSecret, redactSecrets } from './secrets.js'
import { findUnprintable, quotedInput } from './text-safety.js'

/** A group to rotate: one line of the `group` input, or one subgroup of a community line. */
export interface GroupRequest {
  /** The line as given, trimmed, without its comment; a community's subgroup: its JID. */
  input: string
  identifier: GroupIdentifier
  /** A community's subgroup: its name in RyzeAPI's list, if any, and the community's JID. */
  name?: string
  community?: string
}

/** A `community:<JID>` line of the `group` input: it stands for the community's subgroups. */
export interface CommunityRequest {
  input: string
  communityJid: string
}

export type GroupLine = GroupRequest | CommunityRequest

export function isCommunityLine(line: GroupLine): line is CommunityRequest {
  return 'communityJid' in line
}

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
const DEFAULT_MESSAGE = 'New invite link for {name}: {link}'

export interface VariableSettings {
  name: string
  githubToken: string
  owner: string
  repo: string
}

/** Everything the action was asked to do, read and validated from the step's inputs. */
export interface Settings {
  instance: string
  token: string
  /** The `group` lines, community lines not yet expanded. */
  groups: GroupLine[]
  baseUrl: URL
  timeoutMs: number
  maskInviteLink: boolean
  /** Extra attempts after a failed one. */
  retries: number
  /** The longest wait for a rate-limit window. */
  maxWaitMs: number
  /** How long RyzeAPI may take to carry out a request whose answer was lost, and to show a write in its reads. */
  maxLagMs: number
  failFast: boolean
  dryRun: boolean
  /** Glob patterns rooted at the workspace; empty when no file is to be updated. */
  updateFiles: string[]
  qrCode?: QrCodeSettings
  summary: boolean
  variable?: VariableSettings
  /** Set when announce-to names at least one chat. */
  announce?: AnnounceSettings
  /** Set when remove, demote or reject-join-requests asks for something; checked by incident.ts. */
  incident?: IncidentInputs
  workspace: string
}

export interface QrCodeSettings {
  /** The path, resolved against the workspace, with `{group}` still in it. */
  template: string
  /** The folders QR codes may be written in: the workspace, and RUNNER_TEMP when set. */
  roots: string[]
}

export type InputReader = (name: string) => string

const MAX_TIMEOUT_SECONDS = 3600
const MAX_RETRIES = 10
const MAX_WAIT_SECONDS = 3600
/** A read that lags a minute behind a write is an outage, not a lag: the outcome is then unknown. */
const MAX_LAG_SECONDS = 60

/**
 * Reads and validates every input; nothing past this point calls `core.getInput`. Secrets are
 * masked before anything else happens, so that no later message can reveal them.
 */
export function readSettings(readInput: InputReader = core.getInput, env = process.env): Settings {
  const getInput = withoutControlCharacters(readInput)
  const token = getInput('token')
  maskSecret(token)
  const githubToken = getInput('github-token').trim()
  maskSecret(githubToken)

  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd())
  const groups = parseGroups(getInput('group'))
  // A community line stands for several groups, whose QR codes need {group} to stay apart.
  const groupCount = groups.some(isCommunityLine) ? Infinity : groups.length
  return {
    instance: parseInstance(getInput('instance')),
    token: parseToken(token),
    groups,
    baseUrl: parseBaseUrl(getInput('base-url')),
    timeoutMs: parseSeconds(getInput('timeout'), 'timeout', {
      fallback: '30',
      allowZero: false,
      max: MAX_TIMEOUT_SECONDS
    }),
    maskInviteLink: parseBoolean(getInput('mask-invite-link'), 'mask-invite-link'),
    retries: parseRetries(getInput('retries')),
    maxWaitMs: parseSeconds(getInput('max-wait'), 'max-wait', {
      fallback: '120',
      allowZero: true,
      max: MAX_WAIT_SECONDS
    }),
    maxLagMs: parseSeconds(getInput('max-lag'), 'max-lag', { fallback: '5', allowZero: true, max: MAX_LAG_SECONDS }),
    failFast: parseBoolean(getInput('fail-fast'), 'fail-fast'),
    dryRun: parseBoolean(getInput('dry-run'), 'dry-run'),
    updateFiles: parseFilePatterns(getInput('update-files'), workspace),
    qrCode: parseQrCodePath(getInput('qr-code'), groupCount, workspace, env.RUNNER_TEMP),
    summary: parseBoolean(getInput('summary'), 'summary', true),
    variable: parseVariable(getInput('variable'), githubToken, env.GITHUB_REPOSITORY),
    announce: parseAnnounce(getInput('announce-to'), getInput('announce-message')),
    incident: readIncident(getInput),
    workspace
  }
}

/**
 * The meaningful lines of a multi-line input, each with its line number; `#` starts a comment. A
 * line ends at LF or CRLF; any other control character, a lone CR included, is refused, comments
 * too, before anything is sent anywhere.
 */
function meaningfulLines(raw: string, input: string): Array<{ text: string; line: number }> {
  return raw
    .split(/\r?\n/)
    .map((text, index) => {
      refuseControlCharacters(input, text, index + 1)
      return { text: text.replace(/(^|\s)#.*$/, '').trim(), line: index + 1 }
    })
    .filter(({ text }) => text !== '')
}

/** Inputs read line by line, each line checked on its own (see meaningfulLines). */
const MULTI_LINE_INPUTS = new Set(['group', 'update-files', 'announce-to', 'remove', 'demote'])

/**
 * Wraps the input reader so that every single-line input is refused if it holds a control
 * character, before it is parsed or echoed. The token is checked by parseToken, whose messages
 * never quote it.
 */
function withoutControlCharacters(read: InputReader): InputReader {
  return (name) => {
    const value = read(name)
    // announce-message may hold line breaks: parseMessage refuses the other control characters.
    const checkedElsewhere = name === 'token' || name === 'announce-message' || MULTI_LINE_INPUTS.has(name)
    return checkedElsewhere ? value : refuseControlCharacters(name, value)
  }
}

/**
 * Returns `value`, or throws an InputError naming the input, the line and the character, never
 * echoing the value. A tab is left alone in a line of a multi-line input, where it is only spacing
 * (before a comment, say).
 */
function refuseControlCharacters(input: string, value: string, line?: number): string {
  const found = findUnprintable(value, { tab: line !== undefined })
  if (found === undefined) return value
  const what =
    found.kind === 'control' ? 'a line break or another control character' : 'an invisible formatting character'
  throw new InputError(
    input,
    `holds ${what} (${found.description}) at position ${found.position}; ` +
      `expected plain text${line === undefined ? ' on one line' : ', one entry per line'}, without control or invisible formatting characters`,
    line
  )
}

function parseGroups(raw: string): GroupLine[] {
  const lines = meaningfulLines(raw, 'group')
  if (lines.length === 0) {
    parseGroupIdentifier('', 'group') // throws the "is empty" error, with what was expected
  }
  const several = lines.length > 1
  const seen = new Set<string>()
  const groups: GroupLine[] = []
  for (const { text, line } of lines) {
    const identifier = parseGroupLine(text, 'group', several ? line : undefined)
    const key = identifier.kind === 'community' ? `community:${identifier.jid}` : canonicalIdentifier(identifier)
    if (seen.has(key)) continue
    seen.add(key)
    groups.push(
      identifier.kind === 'community' ? { input: text, communityJid: identifier.jid } : { input: text, identifier }
    )
  }
  return groups
}

function parseAnnounce(rawChats: string, rawMessage: string): AnnounceSettings | undefined {
  const lines = meaningfulLines(rawChats, 'announce-to')
  if (lines.length === 0) return undefined
  const chats = lines.map(({ text, line }) => {
    const chat = parseChat(text)
    if (chat === undefined) {
      throw new InputError(
        'announce-to',
        `holds ${quotedInput(text)}, which is not a chat; expected a phone number with its country code (5511999999999), or a JID ending in @s.whatsapp.net, @lid, @g.us or @newsletter`,
        lines.length > 1 ? line : undefined
      )
    }
    return chat
  })
  return { chats: [...new Set(chats)], template: parseMessage(rawMessage) }
}

/** A group's text, its link included, must fit in one message (4,096 characters) with room to spare. */
const MAX_TEMPLATE_LENGTH = 2000

/** The participant lines are checked before any request, by a module loaded only when one is given. */
function readIncident(getInput: InputReader): IncidentInputs | undefined {
  const remove = meaningfulLines(getInput('remove'), 'remove')
  const demote = meaningfulLines(getInput('demote'), 'demote')
  const reject = parseBoolean(getInput('reject-join-requests'), 'reject-join-requests')
  return remove.length || demote.length || reject ? { remove, demote, reject } : undefined
}

function parseMessage(raw: string): string {
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

function parseToken(raw: string): string {
  const token = raw.trim()
  if (token === '') throw new InputError('token', 'is empty; expected a RyzeAPI TokenAccount or TokenInstance')
  // Never echo the token: say what is wrong with it, not what it is.
  if (findUnprintable(token)?.kind === 'control') {
    throw new InputError(
      'token',
      'holds a line break or another control character; expected the token alone, on one line'
    )
  }
  if (/\s/.test(token)) {
    throw new InputError('token', 'holds a space; expected the token alone (without a "Bearer " prefix)')
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InputError(
      'token',
      'holds characters outside printable ASCII; expected the token exactly as RyzeAPI issued it'
    )
  }
  return token
}

function parseInstance(raw: string): string {
  const instance = raw.trim()
  if (instance === '') {
    throw new InputError('instance', 'is empty; expected the name of a RyzeAPI instance, such as "support"')
  }
  // A lone dot segment would be resolved away by URL parsing, reaching another endpoint.
  if (instance === '.' || instance === '..') {
    throw new InputError('instance', `is "${instance}"; expected the name of a RyzeAPI instance, such as "support"`)
  }
  return instance
}

function parseBaseUrl(raw: string): URL {
  const value = raw.trim() || 'https://ryzeapi.cloud'
  const expected = 'expected an https URL such as https://ryzeapi.cloud (http only for localhost)'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError('base-url', `holds ${quotedInput(value)}, which is not an absolute URL; ${expected}`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError('base-url', 'holds a user name or password; pass credentials in "token", never in the URL')
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InputError(
      'base-url',
      `holds a query string or fragment ("${url.origin}${url.pathname}..."); ${expected}`
    )
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InputError(
      'base-url',
      `uses plain http for ${url.hostname}, which would send the token unencrypted; ${expected}`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('base-url', `uses ${url.protocol.replace(/:$/, '')}; ${expected}`)
  }
  return url
}

/** Loopback only: plain http is for a local simulator or gateway, never for the network. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

function parseSeconds(raw: string, input: string, rule: { fallback: string; allowZero: boolean; max: number }): number {
  const value = raw.trim() || rule.fallback
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  const inRange = (rule.allowZero ? seconds >= 0 : seconds > 0) && seconds <= rule.max
  if (!inRange) {
    const lowest = rule.allowZero ? 'from 0' : 'above 0'
    throw new InputError(
      input,
      `holds ${quotedInput(value)}; expected a number of seconds ${lowest} and at most ${rule.max}`
    )
  }
  return Math.round(seconds * 1000)
}

function parseRetries(raw: string): number {
  const value = raw.trim() || '3'
  if (!/^\d+$/.test(value) || Number(value) > MAX_RETRIES) {
    throw new InputError('retries', `holds ${quotedInput(value)}; expected a whole number from 0 to ${MAX_RETRIES}`)
  }
  return Number(value)
}

/**
 * Patterns must stay inside the workspace, since the action rewrites the files they match, and must
 * be patterns that @actions/glob takes, since it would refuse them only after the links are reset.
 */
function parseFilePatterns(raw: string, workspace: string): string[] {
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
function parseQrCodePath(
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

function parseVariable(raw: string, githubToken: string, repository: string | undefined): VariableSettings | undefined {
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

/** Like core.getBooleanInput, but with an error that names the input on one line. */
export function parseBoolean(raw: string, input: string, fallback = false): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(input, `holds ${quotedInput(value)}; expected true or false`)
}
