import { RequestError } from '../safety/errors.js'
import type { Proxy } from './proxy.js'

/** Where an exchange had got to when it failed: what a message needs to name the hop that failed. */
export interface ExchangeState {
  /** The proxy the request went through, if any. */
  proxy?: Proxy
  /** The proxy answered CONNECT with 200: from then on, a failure lies behind the proxy. */
  tunnelOpen: boolean
  /** The whole request was handed to the socket: the server may act on it. */
  requestSent: boolean
}

/** Why a request got no answer, told as sentences that name the hop that failed and what to do. */
export function networkError(error: unknown, url: URL, state: ExchangeState): RequestError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? ''
  const where = `Could not reach RyzeAPI at ${url.origin}`
  const { proxy } = state
  const notSent = { cause: error, requestSent: false }

  if (proxy && code === 'ERR_PROXY_TUNNEL') return tunnelRefused(error, url, proxy)
  if (proxy && !state.tunnelOpen) {
    return new RequestError(
      'network',
      `Could not reach the proxy in ${proxy.variable} at ${proxy.url.origin}: ${describeNetworkError(error)}. ` +
        `Nothing reached RyzeAPI; check that the proxy is running and that ${proxy.variable} names its host and port.`,
      notSent
    )
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new RequestError(
      'tls',
      `${where}: its TLS certificate is for another host name (${describeNetworkError(error)}). ` +
        `Check the host name in base-url${proxy ? '; a proxy that inspects TLS must present a certificate for it' : ''}.`,
      notSent
    )
  }
  if (isCertificateError(code)) {
    return new RequestError(
      'tls',
      `${where}: its TLS certificate is not trusted (${describeNetworkError(error)}). ` +
        'Check base-url; for a private CA, set NODE_EXTRA_CA_CERTS.',
      notSent
    )
  }
  if (!state.requestSent && (code === 'EPROTO' || code.startsWith('ERR_SSL_'))) {
    return new RequestError(
      'tls',
      `${where}: that address does not speak TLS (is it a plain-http port?). Check base-url's scheme and port.`,
      notSent
    )
  }
  const behind = proxy ? ` through the tunnel that the proxy in ${proxy.variable} had opened` : ''
  return new RequestError('network', `${where}${behind}: ${describeNetworkError(error)}.`, {
    cause: error,
    requestSent: state.requestSent
  })
}

/** The deadline passed: the message says which hop had not answered. */
export function timeoutError(url: URL, timeoutMs: number, state: ExchangeState): RequestError {
  return new RequestError(
    'timeout',
    `RyzeAPI at ${url.origin} timed out: no complete answer within ${timeoutMs / 1000} s${tunnelNote(state)}.`,
    { requestSent: state.requestSent }
  )
}

/** Through a proxy, whether the time went waiting for the proxy or for RyzeAPI behind it. */
export function tunnelNote({ proxy, tunnelOpen }: ExchangeState): string {
  if (!proxy) return ''
  return tunnelOpen
    ? `, through the tunnel that the proxy in ${proxy.variable} had opened`
    : `; the proxy in ${proxy.variable} had not opened a tunnel`
}

/** The proxy answered CONNECT with something other than 200. */
function tunnelRefused(error: unknown, url: URL, proxy: Proxy): RequestError {
  const statusCode = (error as { statusCode?: unknown }).statusCode
  const where = `Could not reach RyzeAPI at ${url.origin}`
  const { variable } = proxy
  const notSent = { cause: error, requestSent: false }
  if (statusCode === 407 && (proxy.url.username || proxy.url.password)) {
    return new RequestError(
      'proxy',
      `${where}: the proxy refused the credentials in ${variable} (HTTP 407 Proxy Authentication Required). ` +
        `Check the user name and password in ${variable}, written as http://user:password@proxy:port.`,
      notSent
    )
  }
  if (statusCode === 407) {
    return new RequestError(
      'proxy',
      `${where}: the proxy in ${variable} needs credentials (HTTP 407 Proxy Authentication Required). ` +
        `Put the user name and password in ${variable}, written as http://user:password@proxy:port.`,
      notSent
    )
  }
  if (statusCode === 403) {
    return new RequestError(
      'proxy',
      `${where}: the proxy in ${variable} refused to open a tunnel to ${url.host} (HTTP 403 Forbidden). ` +
        `Ask the proxy's administrators to allow ${url.hostname}, or list it in NO_PROXY if the runner may reach it directly.`,
      notSent
    )
  }
  const answer =
    typeof statusCode === 'number'
      ? `answered CONNECT with HTTP ${statusCode}, so no tunnel was opened`
      : `did not open a tunnel (${describeNetworkError(error)})`
  return new RequestError(
    'network',
    `${where}: the proxy in ${variable} ${answer}. Check that the proxy can reach ${url.host}.`,
    notSent
  )
}

/** A certificate problem does not pass by itself: retrying it only delays the error. */
function isCertificateError(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code)
}

/** A Node network error in a few words, with its code, any URL's credentials left out, and no period at the end. */
export function describeNetworkError(error: unknown): string {
  const text = (() => {
    if (!(error instanceof Error)) return String(error)
    const code = (error as NodeJS.ErrnoException).code
    return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message
  })()
  return text
    .replace(/\/\/[^/\s@]*@/g, '//')
    .trim()
    .replace(/[.\s]+$/, '')
}
