import * as core from '@actions/core'
import { InputError } from './errors.js'
import { type GroupIdentifier, parseGroupIdentifier } from './identifier.js'
import { maskSecret } from './secrets.js'

/** Everything the action was asked to do, read and validated from the step's inputs. */
export interface Settings {
  instance: string
  token: string
  group: GroupIdentifier
  baseUrl: URL
  timeoutMs: number
  maskInviteLink: boolean
  /** Extra attempts after a failed one. */
  retries: number
  /** The longest wait for a rate-limit window. */
  maxWaitMs: number
}

export type InputReader = (name: string) => string

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/
const MAX_TIMEOUT_SECONDS = 3600
const MAX_RETRIES = 10
const MAX_WAIT_SECONDS = 3600

/**
 * Reads and validates every input; nothing past this point calls `core.getInput`. The token is
 * masked before anything else happens, so that no later message can reveal it.
 */
export function readSettings(getInput: InputReader = core.getInput): Settings {
  const token = getInput('token')
  maskSecret(token)

  return {
    instance: parseInstance(getInput('instance')),
    token: parseToken(token),
    group: parseGroupIdentifier(getInput('group'), 'group'),
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
    })
  }
}

function parseToken(raw: string): string {
  const token = raw.trim()
  if (token === '') throw new InputError('token', 'is empty; expected a RyzeAPI TokenAccount or TokenInstance')
  // Never echo the token: say what is wrong with it, not what it is.
  if (CONTROL_CHARACTERS.test(token)) {
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
  if (instance === '')
    throw new InputError('instance', 'is empty; expected the name of a RyzeAPI instance, such as "support"')
  if (CONTROL_CHARACTERS.test(instance)) {
    throw new InputError(
      'instance',
      'holds a line break or another control character; expected an instance name on one line'
    )
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
    throw new InputError('base-url', `holds "${value}", which is not an absolute URL; ${expected}`)
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
    throw new InputError(input, `holds "${value}"; expected a number of seconds ${lowest} and at most ${rule.max}`)
  }
  return Math.round(seconds * 1000)
}

function parseRetries(raw: string): number {
  const value = raw.trim() || '3'
  if (!/^\d+$/.test(value) || Number(value) > MAX_RETRIES) {
    throw new InputError('retries', `holds "${value}"; expected a whole number from 0 to ${MAX_RETRIES}`)
  }
  return Number(value)
}

/** Like core.getBooleanInput, but with an error that names the input on one line. */
export function parseBoolean(raw: string, input: string, fallback = false): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(input, `holds "${value}"; expected true or false`)
}
