import * as core from '@actions/core'
import { resolve } from 'node:path'
import { InputError } from '../safety/errors.js'
import type { AnnounceSettings } from './announce-input.js'
import { type GroupIdentifier, canonicalIdentifier, parseGroupIdentifier, parseGroupLine } from '../ryze/identifier.js'
import {
  type InputReader,
  meaningfulLines,
  parseBoolean,
  parseSeconds,
  withoutControlCharacters
} from './input-reading.js'
import type { IncidentInputs } from './participant-input.js'
import type { QrCodeSettings } from './qr-code-input.js'
import { maskSecret } from '../safety/secrets.js'
import { findUnprintable, quotedInput } from '../safety/text-safety.js'
import type { VariableSettings } from './variable-input.js'

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
  /** After every reset, read the group back under the time rule and publish only the code that read shows. */
  confirm: boolean
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

const MAX_TIMEOUT_SECONDS = 3600
const MAX_RETRIES = 10
const MAX_WAIT_SECONDS = 3600
/** A read that lags a minute behind a write is an outage, not a lag: the outcome is then unknown. */
const MAX_LAG_SECONDS = 60

/**
 * Reads and validates every input; nothing past this point calls `core.getInput`. Secrets are
 * masked before anything else happens, so that no later message can reveal them. An optional
 * feature's inputs are checked by a module of the feature's own, loaded only when they are set.
 */
export async function readSettings(readInput: InputReader = core.getInput, env = process.env): Promise<Settings> {
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
    confirm: parseBoolean(getInput('confirm'), 'confirm'),
    failFast: parseBoolean(getInput('fail-fast'), 'fail-fast'),
    dryRun: parseBoolean(getInput('dry-run'), 'dry-run'),
    updateFiles:
      (await whenSet(getInput('update-files'), async (raw) =>
        (await import('./update-files-input.js')).parseFilePatterns(raw, workspace)
      )) ?? [],
    qrCode: await whenSet(getInput('qr-code'), async (raw) =>
      (await import('./qr-code-input.js')).parseQrCodePath(raw, groupCount, workspace, env.RUNNER_TEMP)
    ),
    summary: parseBoolean(getInput('summary'), 'summary', true),
    variable: await whenSet(getInput('variable'), async (raw) =>
      (await import('./variable-input.js')).parseVariable(raw, githubToken, env.GITHUB_REPOSITORY)
    ),
    announce: await whenSet(getInput('announce-to'), async (raw) =>
      (await import('./announce-input.js')).parseAnnounce(raw, getInput('announce-message'))
    ),
    incident: readIncident(getInput),
    workspace
  }
}

/** An optional input's value, read by `parse` when it holds more than white space. */
async function whenSet<T>(raw: string, parse: (raw: string) => Promise<T>): Promise<T | undefined> {
  return raw.trim() === '' ? undefined : parse(raw)
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

/** The participant lines are checked before any request, by a module loaded only when one is given. */
function readIncident(getInput: InputReader): IncidentInputs | undefined {
  const remove = meaningfulLines(getInput('remove'), 'remove')
  const demote = meaningfulLines(getInput('demote'), 'demote')
  const reject = parseBoolean(getInput('reject-join-requests'), 'reject-join-requests')
  return remove.length || demote.length || reject ? { remove, demote, reject } : undefined
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

function parseRetries(raw: string): number {
  const value = raw.trim() || '3'
  if (!/^\d+$/.test(value) || Number(value) > MAX_RETRIES) {
    throw new InputError('retries', `holds ${quotedInput(value)}; expected a whole number from 0 to ${MAX_RETRIES}`)
  }
  return Number(value)
}
