import { describe, expect, it } from '@jest/globals'
import { describeNetworkError, networkError, timeoutError, tunnelNote } from '../../src/transport/network-errors.js'
import type { Proxy } from '../../src/transport/proxy.js'

const API = new URL('https://ryze.test:8443/api/group/resetLink/support')
const proxy: Proxy = { variable: 'https_proxy', url: new URL('http://127.0.0.1:3128') }
const withCredentials: Proxy = { variable: 'HTTPS_PROXY', url: new URL('http://bot:s3cret@127.0.0.1:3128') }

/** An error as Node raises it: a message and a code, and for a refused tunnel the proxy's status. */
const nodeError = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields)
const refused = nodeError('connect ECONNREFUSED 127.0.0.1:3128', { code: 'ECONNREFUSED' })
const tunnel = (statusCode?: number): Error =>
  nodeError(
    `Failed to establish tunnel to ryze.test:8443 via http://bot:s3cret@127.0.0.1:3128: HTTP/1.1 ${statusCode}`,
    {
      code: 'ERR_PROXY_TUNNEL',
      ...(statusCode === undefined ? {} : { statusCode })
    }
  )

const direct = { tunnelOpen: false, requestSent: false }
const beforeTunnel = { proxy, tunnelOpen: false, requestSent: false }

describe('networkError', () => {
  it('names RyzeAPI for a refused direct connection, in a sentence', () => {
    const error = networkError(refused, API, direct)
    expect(error).toMatchObject({ kind: 'network', requestSent: false })
    expect(error.message).toBe(
      'Could not reach RyzeAPI at https://ryze.test:8443: connect ECONNREFUSED 127.0.0.1:3128.'
    )
  })

  it('names the proxy, and not RyzeAPI, when the proxy cannot be reached', () => {
    const error = networkError(refused, API, beforeTunnel)
    expect(error).toMatchObject({ kind: 'network', requestSent: false })
    expect(error.message).toBe(
      'Could not reach the proxy in https_proxy at http://127.0.0.1:3128: connect ECONNREFUSED 127.0.0.1:3128. ' +
        'Nothing reached RyzeAPI; check that the proxy is running and that https_proxy names its host and port.'
    )
  })

  it('says that the proxy refused the credentials it was given (407), never to be retried', () => {
    const error = networkError(tunnel(407), API, { ...beforeTunnel, proxy: withCredentials })
    expect(error).toMatchObject({ kind: 'proxy', requestSent: false })
    expect(error.message).toMatch(/the proxy refused the credentials in HTTPS_PROXY \(HTTP 407 .+\)\. Check the user/)
    expect(error.message).not.toContain('s3cret')
  })

  it('says that the proxy refused the credentials of a URL with a user name only (407)', () => {
    const userOnly: Proxy = { variable: 'HTTPS_PROXY', url: new URL('http://bot@127.0.0.1:3128') }
    const error = networkError(tunnel(407), API, { ...beforeTunnel, proxy: userOnly })
    expect(error.message).toContain('the proxy refused the credentials in HTTPS_PROXY (HTTP 407')
  })

  it('says that the proxy needs credentials when the URL holds none (407)', () => {
    const error = networkError(tunnel(407), API, beforeTunnel)
    expect(error).toMatchObject({ kind: 'proxy', requestSent: false })
    expect(error.message).toBe(
      'Could not reach RyzeAPI at https://ryze.test:8443: the proxy in https_proxy needs credentials ' +
        '(HTTP 407 Proxy Authentication Required). Put the user name and password in https_proxy, ' +
        'written as http://user:password@proxy:port.'
    )
  })

  it('fails a 403 from the proxy at once, as a proxy refusal, naming the host it would not reach', () => {
    // Credentials in the proxy URL change nothing: the proxy took them, and refused the host.
    const error = networkError(tunnel(403), API, { ...beforeTunnel, proxy: withCredentials })
    expect(error).toMatchObject({ kind: 'proxy', requestSent: false })
    expect(error.message).toBe(
      'Could not reach RyzeAPI at https://ryze.test:8443: the proxy in HTTPS_PROXY refused to open a tunnel to ' +
        "ryze.test:8443 (HTTP 403 Forbidden). Ask the proxy's administrators to allow ryze.test, or list it in " +
        'NO_PROXY if the runner may reach it directly.'
    )
  })

  it('leaves another refusal of CONNECT to the retries, saying so in a sentence', () => {
    const error = networkError(tunnel(502), API, beforeTunnel)
    expect(error).toMatchObject({ kind: 'network', requestSent: false })
    expect(error.message).toBe(
      'Could not reach RyzeAPI at https://ryze.test:8443: the proxy in https_proxy answered CONNECT with HTTP 502, ' +
        'so no tunnel was opened. Check that the proxy can reach ryze.test:8443.'
    )
  })

  it('tells a tunnel that failed without a status, leaving out the credentials in Node’s message', () => {
    const error = networkError(tunnel(), API, beforeTunnel)
    expect(error.message).toMatch(/the proxy in https_proxy did not open a tunnel \(ERR_PROXY_TUNNEL .+\)\./)
    expect(error.message).not.toContain('s3cret')
  })

  it('places a failure after the tunnel opened behind the proxy, keeping whether the request was sent', () => {
    const reset = nodeError('socket hang up', { code: 'ECONNRESET' })
    const error = networkError(reset, API, { proxy, tunnelOpen: true, requestSent: true })
    expect(error).toMatchObject({ kind: 'network', requestSent: true })
    expect(error.message).toBe(
      'Could not reach RyzeAPI at https://ryze.test:8443 through the tunnel that the proxy in https_proxy had opened: ' +
        'ECONNRESET socket hang up.'
    )
  })

  it('gives a host-name mismatch its own hint, not the private-CA one', () => {
    const mismatch = nodeError("Hostname/IP does not match certificate's altnames", {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID'
    })
    const error = networkError(mismatch, API, direct)
    expect(error).toMatchObject({ kind: 'tls', requestSent: false })
    expect(error.message).toContain('its TLS certificate is for another host name (ERR_TLS_CERT_ALTNAME_INVALID')
    expect(error.message).toMatch(/Check the host name in base-url\.$/)
    expect(error.message).not.toContain('NODE_EXTRA_CA_CERTS')
    const throughProxy = networkError(mismatch, API, { proxy, tunnelOpen: true, requestSent: false })
    expect(throughProxy.message).toMatch(/a proxy that inspects TLS must present a certificate for it\.$/)
  })

  it('gives an untrusted certificate the private-CA hint', () => {
    const untrusted = nodeError('self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    expect(networkError(untrusted, API, direct)).toMatchObject({
      kind: 'tls',
      requestSent: false,
      message:
        'Could not reach RyzeAPI at https://ryze.test:8443: its TLS certificate is not trusted ' +
        '(DEPTH_ZERO_SELF_SIGNED_CERT self-signed certificate). Check base-url; for a private CA, set NODE_EXTRA_CA_CERTS.'
    })
  })

  it.each(['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO'])(
    'says that a plain-http port does not speak TLS (%s), only while nothing was sent',
    (code) => {
      const wrongVersion = nodeError('wrong version number', { code })
      expect(networkError(wrongVersion, API, direct)).toMatchObject({
        kind: 'tls',
        requestSent: false,
        message:
          'Could not reach RyzeAPI at https://ryze.test:8443: that address does not speak TLS (is it a plain-http port?). ' +
          "Check base-url's scheme and port."
      })
      expect(networkError(wrongVersion, API, { ...direct, requestSent: true })).toMatchObject({ kind: 'network' })
    }
  )
})

describe('timeoutError and tunnelNote', () => {
  it('says nothing of a proxy on a direct connection', () => {
    expect(tunnelNote(direct)).toBe('')
    expect(timeoutError(API, 2000, { ...direct, requestSent: true })).toMatchObject({
      kind: 'timeout',
      requestSent: true,
      message: 'RyzeAPI at https://ryze.test:8443 timed out: no complete answer within 2 s.'
    })
  })

  it('says that the proxy had not opened a tunnel while it had not', () => {
    expect(timeoutError(API, 2000, beforeTunnel).message).toBe(
      'RyzeAPI at https://ryze.test:8443 timed out: no complete answer within 2 s; the proxy in https_proxy had not opened a tunnel.'
    )
  })

  it('says that the tunnel was open once it was, sending nobody to the proxy', () => {
    const message = timeoutError(API, 2000, { proxy, tunnelOpen: true, requestSent: true }).message
    expect(message).toBe(
      'RyzeAPI at https://ryze.test:8443 timed out: no complete answer within 2 s, through the tunnel that the proxy in https_proxy had opened.'
    )
    expect(message).not.toContain('had not opened')
  })
})

describe('describeNetworkError', () => {
  it('puts the code first when the message lacks it, and ends without a period', () => {
    expect(describeNetworkError(nodeError('socket hang up.', { code: 'ECONNRESET' }))).toBe('ECONNRESET socket hang up')
    expect(describeNetworkError(refused)).toBe('connect ECONNREFUSED 127.0.0.1:3128')
    expect(describeNetworkError('plain text')).toBe('plain text')
  })

  it('trims spaces at either end, and every period and space at the end', () => {
    expect(describeNetworkError(new Error('  socket hang up. .'))).toBe('socket hang up')
    expect(describeNetworkError(new Error('read ECONNRESET..'))).toBe('read ECONNRESET')
  })

  it('leaves out the credentials of any URL in the message', () => {
    expect(describeNetworkError(new Error('via http://bot:s3cret@proxy:3128 and https://x@host/'))).toBe(
      'via http://proxy:3128 and https://host/'
    )
  })
})
