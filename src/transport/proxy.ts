/** A proxy that applies to a request: its URL and the environment variable that named it. */
export interface Proxy {
  /** The variable as it is set, such as `https_proxy` or `HTTPS_PROXY`, for messages. */
  variable: string
  /** Always http: or https:, credentials (if any) still percent-encoded as in the variable. */
  url: URL
}

/** A proxy variable that holds no usable proxy URL. The message names the variable and never repeats its value. */
export class ProxyUrlError extends Error {
  constructor(variable: string, cause?: unknown) {
    super(
      `${variable} does not hold an http:// or https:// proxy URL such as http://proxy.example:3128 ` +
        'or proxy.example:3128.',
      { cause }
    )
    this.name = 'ProxyUrlError'
  }
}

type Environment = Record<string, string | undefined>

/**
 * The proxy that a request to `target` goes through, as the environment says, or undefined for a
 * direct connection. The lower-case variable wins over the upper-case one, as in curl; loopback and
 * the hosts in NO_PROXY are reached directly.
 */
export function proxyFor(target: URL, env: Environment = process.env): Proxy | undefined {
  const variable = proxyVariable(target, env)
  const value = env[variable]?.trim()
  if (!value || bypassesProxy(target, env)) return undefined
  return { variable, url: parseProxyUrl(variable, value) }
}

/**
 * The name of the variable that would hold the proxy for `target`: the lower-case one if it is set,
 * else the upper-case one. Windows' environment ignores case when read (`env.https_proxy` there reads
 * HTTPS_PROXY too), so the name is looked for among the names as they were set.
 */
export function proxyVariable(target: URL, env: Environment = process.env): string {
  const upper = target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'
  const lower = upper.toLowerCase()
  if (env[lower]?.trim() && Object.keys(env).includes(lower)) return lower
  return upper
}

/** A URL without a scheme (`proxy.example:3128`) is taken as http://, as curl and @actions/http-client do. */
export function parseProxyUrl(variable: string, value: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch (error) {
    throw new ProxyUrlError(variable, error)
  }
  // Anything else (socks5://) would need a client this action does not have: refused, never gone around.
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ProxyUrlError(variable)
  }
  return url
}

/** Loopback, and any host that NO_PROXY (or no_proxy) lists. */
export function bypassesProxy(target: URL, env: Environment = process.env): boolean {
  const host = bareHost(target.hostname)
  if (isLoopback(host)) return true
  const list = env.no_proxy || env.NO_PROXY || ''
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => matchesNoProxyEntry(host, port, entry.toLowerCase()))
}

/**
 * One NO_PROXY entry, as curl reads it: `*` for every host; a name for that name and its subdomains
 * (a leading `.` or `*.` changes nothing); an IP address for itself; an optional `:port` limits it.
 */
function matchesNoProxyEntry(host: string, port: string, entry: string): boolean {
  if (entry === '*') return true
  const { name, entryPort } = splitEntry(entry)
  if (entryPort !== undefined && entryPort !== port) return false
  const domain = name.replace(/^\*?\./, '')
  if (domain === '') return false
  return host === domain || host.endsWith(`.${domain}`)
}

function splitEntry(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] }
  const withPort = /^([^:]+):(\d+)$/.exec(entry)
  if (withPort) return { name: withPort[1]!, entryPort: withPort[2] }
  return { name: entry }
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase()
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

let honoured: boolean | undefined

/**
 * Whether Node's own agents carry a proxy given in their `proxyEnv` option (Node 24.5 and later).
 * Asked of an agent itself, not of the version: one built with a proxyEnv that names a proxy keeps
 * a proxy configuration (Node's internal kProxyConfig). Should a later Node keep it another way,
 * the answer is false and the action's own tunnel carries the proxy: slower to load, never direct.
 */
export function agentsHonourProxyEnv(): boolean {
  if (honoured === undefined) {
    const { Agent } = process.getBuiltinModule('node:https')
    const probe = new Agent({ proxyEnv: { HTTPS_PROXY: 'http://proxy.invalid:3128' } })
    const record = probe as unknown as Record<symbol, unknown>
    honoured = Object.getOwnPropertySymbols(probe).some(
      (symbol) => symbol.description === 'kProxyConfig' && record[symbol] != null
    )
    probe.destroy()
  }
  return honoured
}
