import { describe, expect, it } from '@jest/globals'
import {
  ProxyUrlError,
  agentsHonourProxyEnv,
  bypassesProxy,
  proxyFor,
  proxyVariable
} from '../../src/transport/proxy.js'

const API = new URL('https://ryzeapi.cloud/api/group/resetLink/support')

describe('proxyFor', () => {
  it('is undefined when no proxy variable is set, or one is blank', () => {
    expect(proxyFor(API, {})).toBeUndefined()
    expect(proxyFor(API, { HTTPS_PROXY: '  ' })).toBeUndefined()
  })

  it('takes HTTPS_PROXY for https, and HTTP_PROXY only for http', () => {
    expect(proxyFor(API, { HTTPS_PROXY: 'http://proxy.corp:3128' })).toEqual({
      variable: 'HTTPS_PROXY',
      url: new URL('http://proxy.corp:3128')
    })
    expect(proxyFor(API, { HTTP_PROXY: 'http://proxy.corp:3128' })).toBeUndefined()
    expect(proxyFor(new URL('http://gateway.corp/x'), { HTTP_PROXY: 'http://proxy.corp:3128' })?.variable).toBe(
      'HTTP_PROXY'
    )
  })

  it('names the variable actually set: https_proxy wins over HTTPS_PROXY, as in curl', () => {
    const both = { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }
    expect(proxyFor(API, both)).toEqual({ variable: 'https_proxy', url: new URL('http://lower:1') })
    expect(proxyFor(API, { https_proxy: 'http://lower:1' })?.variable).toBe('https_proxy')
    expect(proxyVariable(API, {})).toBe('HTTPS_PROXY')
    // A blank lower-case variable is not set.
    expect(proxyFor(API, { https_proxy: ' ', HTTPS_PROXY: 'http://upper:2' })?.variable).toBe('HTTPS_PROXY')
  })

  it('names the variable as it was set on Windows, whose environment reads any case of a name', () => {
    expect(proxyFor(API, windowsEnvironment({ HTTPS_PROXY: 'http://upper:2' }))).toEqual({
      variable: 'HTTPS_PROXY',
      url: new URL('http://upper:2')
    })
    expect(proxyFor(API, windowsEnvironment({ https_proxy: 'http://lower:1' }))?.variable).toBe('https_proxy')
    expect(proxyVariable(new URL('http://gateway.corp/x'), windowsEnvironment({ HTTP_PROXY: 'http://upper:2' }))).toBe(
      'HTTP_PROXY'
    )
  })

  it('takes a URL without a scheme as http://, credentials included', () => {
    expect(proxyFor(API, { HTTPS_PROXY: '127.0.0.1:3128' })?.url.href).toBe('http://127.0.0.1:3128/')
    const url = proxyFor(API, { HTTPS_PROXY: 'bot:p%40ss@proxy.corp:8080' })?.url
    expect([url?.protocol, url?.username, url?.password, url?.host]).toEqual([
      'http:',
      'bot',
      'p%40ss',
      'proxy.corp:8080'
    ])
    expect(proxyFor(API, { HTTPS_PROXY: 'HTTPS://proxy.corp' })?.url.protocol).toBe('https:')
    // A :// further on is no scheme.
    expect(proxyFor(API, { HTTPS_PROXY: 'proxy.corp:3128/?from=http://x' })?.url.host).toBe('proxy.corp:3128')
  })

  it('refuses a proxy that is not http or https, naming the variable and not repeating its value', () => {
    for (const value of ['socks5://user:s3cret@127.0.0.1:1080', 'http://user:s3cret@[bad', 'http://']) {
      const attempt = () => proxyFor(API, { https_proxy: value })
      expect(attempt).toThrow(ProxyUrlError)
      expect(attempt).toThrow(/^https_proxy does not hold an http:\/\/ or https:\/\/ proxy URL .+\.$/)
      expect(attempt).not.toThrow(/s3cret/)
    }
  })

  it('never proxies loopback, whatever the variables say', () => {
    const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128' }
    for (const url of [
      'http://localhost:8080',
      'http://api.localhost:8080',
      'http://127.0.0.1:8080',
      'http://127.1.2.3',
      'http://127.0.0.100',
      'https://[::1]:8443'
    ]) {
      expect(proxyFor(new URL(url), env)).toBeUndefined()
    }
    for (const url of ['https://127.example.com', 'https://127.0.0.1.example.com', 'https://localhost.example.com']) {
      expect(proxyFor(new URL(url), env)).toBeDefined()
    }
  })
})

describe('bypassesProxy (NO_PROXY)', () => {
  const bypasses = (url: string, list: string): boolean => bypassesProxy(new URL(url), { NO_PROXY: list })

  it('matches a name and its subdomains, with or without a leading dot or *.', () => {
    expect(bypasses('https://ryzeapi.cloud', 'ryzeapi.cloud')).toBe(true)
    expect(bypasses('https://api.ryzeapi.cloud', 'ryzeapi.cloud')).toBe(true)
    expect(bypasses('https://api.ryzeapi.cloud', '.ryzeapi.cloud')).toBe(true)
    expect(bypasses('https://api.ryzeapi.cloud', '*.ryzeapi.cloud')).toBe(true)
    expect(bypasses('https://notryzeapi.cloud', 'ryzeapi.cloud')).toBe(false)
    expect(bypasses('https://RyzeAPI.Cloud', 'ryzeapi.CLOUD')).toBe(true)
  })

  it('reads a list separated by commas and spaces, and * for every host', () => {
    expect(bypasses('https://ryzeapi.cloud', 'example.org, ryzeapi.cloud')).toBe(true)
    expect(bypasses('https://ryzeapi.cloud', 'example.org ryzeapi.cloud')).toBe(true)
    expect(bypasses('https://ryzeapi.cloud', 'example.org,,')).toBe(false)
    expect(bypasses('https://ryzeapi.cloud', '*')).toBe(true)
    expect(bypasses('https://ryzeapi.cloud', '.')).toBe(false)
    expect(bypasses('https://ryzeapi.cloud.', '.')).toBe(false)
    expect(bypassesProxy(new URL('https://was'), {})).toBe(false)
  })

  it('limits an entry to its port when it names one', () => {
    expect(bypasses('https://ryzeapi.cloud', 'ryzeapi.cloud:443')).toBe(true)
    expect(bypasses('https://ryzeapi.cloud', 'ryzeapi.cloud:8443')).toBe(false)
    expect(bypasses('https://ryzeapi.cloud:8443', 'ryzeapi.cloud:8443')).toBe(true)
    expect(bypasses('http://gateway.corp', 'gateway.corp:80')).toBe(true)
    // An entry it cannot read matches nothing.
    expect(bypasses('https://ryzeapi.cloud', 'ryzeapi.cloud:443x')).toBe(false)
    expect(bypasses('https://ryzeapi.cloud', ':ryzeapi.cloud:443')).toBe(false)
  })

  it('matches IP addresses, IPv6 in brackets too', () => {
    expect(bypasses('https://10.0.0.5:8443', '10.0.0.5')).toBe(true)
    expect(bypasses('https://10.0.0.50:8443', '10.0.0.5')).toBe(false)
    expect(bypasses('https://[fd00::5]:8443', '[fd00::5]:8443')).toBe(true)
    expect(bypasses('https://[fd00::5]:8443', 'fd00::5')).toBe(true)
    expect(bypasses('https://[fd00::5]:8443', '[fd00::5]')).toBe(true)
    expect(bypasses('https://[fd00::5]:8443', 'x[fd00::5]')).toBe(false)
    expect(bypasses('https://[fd00::5]:8443', '[fd00::5]x')).toBe(false)
  })

  it('reads no_proxy before NO_PROXY', () => {
    expect(bypassesProxy(API, { no_proxy: 'ryzeapi.cloud', NO_PROXY: 'example.org' })).toBe(true)
    expect(bypassesProxy(API, { no_proxy: 'example.org', NO_PROXY: 'ryzeapi.cloud' })).toBe(false)
  })

  it('leaves no proxy for a host that NO_PROXY lists', () => {
    expect(proxyFor(API, { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'ryzeapi.cloud' })).toBeUndefined()
  })
})

describe('agentsHonourProxyEnv', () => {
  it('is true on this Node (24.5 or later), asked of an agent, and the same when asked again', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
    expect(agentsHonourProxyEnv()).toBe(major > 24 || (major === 24 && minor >= 5))
    expect(agentsHonourProxyEnv()).toBe(agentsHonourProxyEnv())
  })
})

/** An environment as Windows' process.env: a name is read in any case, and listed as it was set. */
function windowsEnvironment(variables: Record<string, string>): Record<string, string | undefined> {
  const find = (name: string | symbol) =>
    typeof name === 'string'
      ? Object.keys(variables).find((key) => key.toUpperCase() === name.toUpperCase())
      : undefined
  return new Proxy(variables, {
    get: (target, name) => {
      const key = find(name)
      return key === undefined ? undefined : target[key]
    },
    has: (_target, name) => find(name) !== undefined
  })
}
