import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HttpClient as RealHttpClient } from '@actions/http-client'
import { BearerCredentialHandler } from '@actions/http-client/lib/auth'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
// @ts-expect-error: a plain JavaScript package without types, the stand-in @actions/core is given
import { HttpClient as StandInClient, REQUEST_METHODS } from '../../packages/lazy-http-client/index.js'
// @ts-expect-error: as above
import { BearerCredentialHandler as StandInHandler } from '../../packages/lazy-http-client/auth.js'

/** The stand-in that package.json's "overrides" gives @actions/core instead of @actions/http-client. */
describe('lazy-http-client', () => {
  let server: Server
  let url: string
  const seen: Array<string | undefined> = []

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers.authorization)
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ value: 'id-token' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  it('has every request method of the real client', () => {
    const real = Object.getOwnPropertyNames(RealHttpClient.prototype).filter(
      (name) =>
        name !== 'constructor' &&
        !name.startsWith('_') &&
        !['dispose', 'getAgent', 'getAgentDispatcher', 'requestRawWithCallback'].includes(name)
    )
    expect([...(REQUEST_METHODS as string[])].sort()).toEqual(real.sort())
  })

  it("makes the real credential handler from the stand-in's arguments when the client loads", async () => {
    const HttpClient = StandInClient as typeof RealHttpClient
    const Handler = StandInHandler as typeof BearerCredentialHandler
    expect(Handler).not.toBe(BearerCredentialHandler)
    const client = new HttpClient('actions/oidc-client', [new Handler('stand-in-secret')], { allowRetries: false })
    await client.getJson(url)
    expect(seen.at(-1)).toBe('Bearer stand-in-secret')
    client.dispose()
  })

  it("makes core's OIDC request with the real client, loaded on first use", async () => {
    const HttpClient = StandInClient as typeof RealHttpClient
    const client = new HttpClient('actions/oidc-client', [new BearerCredentialHandler('oidc-secret')], {
      allowRetries: false
    })
    const response = await client.getJson<{ value: string }>(url)
    expect(response.result).toEqual({ value: 'id-token' })
    expect(seen.at(-1)).toBe('Bearer oidc-secret')
    client.dispose()
  })
})
