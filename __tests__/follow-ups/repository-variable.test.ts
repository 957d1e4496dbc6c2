import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GitHubApiSimulator } from '../simulator/github-api.js'

const TOKEN = 'ghp_unit0123456789'

describe('storeRepositoryVariable against a GitHub API on 127.0.0.1', () => {
  const github = new GitHubApiSimulator(TOKEN)
  const savedApiUrl = process.env.GITHUB_API_URL
  const settings = { name: 'LINKS', githubToken: TOKEN, owner: 'octo', repo: 'site' }

  let storeRepositoryVariable: typeof import('../../src/follow-ups/repository-variable.js').storeRepositoryVariable

  beforeAll(async () => {
    // @actions/github reads GITHUB_API_URL when it is loaded, as the action loads it: on first use.
    process.env.GITHUB_API_URL = await github.start()
    ;({ storeRepositoryVariable } = await import('../../src/follow-ups/repository-variable.js'))
  })
  afterAll(async () => {
    await github.stop()
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = savedApiUrl
  })
  beforeEach(() => {
    github.variables.clear()
    github.requests.length = 0
    github.canWrite = true
    github.redirectTo = undefined
    github.failWith = undefined
    github.successStatus = undefined
    github.beforeCreate = undefined
  })

  it('creates a missing variable, then updates it, never reading it first', async () => {
    expect(await storeRepositoryVariable(settings, 'https://chat.whatsapp.com/A1')).toBe('created')
    expect(await storeRepositoryVariable(settings, 'https://chat.whatsapp.com/B2')).toBe('updated')
    expect(github.variables.get('LINKS')).toBe('https://chat.whatsapp.com/B2')
    expect(github.requests[0]!.authorization).toBe(`token ${TOKEN}`)
    expect(github.requests.map((request) => request.method)).toEqual(['PATCH', 'POST', 'PATCH'])
  })

  it('updates a variable that another job created between its update and its create', async () => {
    // The update finds nothing; the create then finds the variable another job has just made (409).
    github.beforeCreate = (name) => github.variables.set(name, 'made by another job')
    expect(await storeRepositoryVariable(settings, 'https://chat.whatsapp.com/C3')).toBe('updated')
    expect(github.variables.get('LINKS')).toBe('https://chat.whatsapp.com/C3')
    expect(github.requests.map((request) => request.method)).toEqual(['PATCH', 'POST', 'PATCH'])
  })

  it('merges a JSON object into the one stored, and replaces a value that is not one', async () => {
    github.variables.set('LINKS', '{"a@g.us":"old-a","c@g.us":"kept-c"}')
    await storeRepositoryVariable(settings, { 'a@g.us': 'new-a', 'b@g.us': 'new-b' })
    expect(JSON.parse(github.variables.get('LINKS')!)).toEqual({
      'a@g.us': 'new-a',
      'b@g.us': 'new-b',
      'c@g.us': 'kept-c'
    })

    github.variables.set('LINKS', 'not json')
    await storeRepositoryVariable(settings, { 'a@g.us': 'x' })
    expect(github.variables.get('LINKS')).toBe('{"a@g.us":"x"}')
    github.variables.set('LINKS', '["a list"]')
    await storeRepositoryVariable(settings, { 'a@g.us': 'y' })
    expect(github.variables.get('LINKS')).toBe('{"a@g.us":"y"}')
  })

  it.each<[string, { githubToken?: string; repo?: string }, boolean, string]>([
    ['HTTP 401', { githubToken: 'ghp_wrong' }, false, 'HTTP 401, so github-token is not a valid token'],
    ['HTTP 403', {}, true, 'HTTP 403, so github-token may not write variables. The default GITHUB_TOKEN cannot'],
    ['HTTP 404', { repo: 'missing' }, false, 'HTTP 404, so the repository was not found or github-token cannot see it']
  ])('explains %s', async (_status, overrides, readOnly, message) => {
    github.canWrite = !readOnly
    await expect(storeRepositoryVariable({ ...settings, ...overrides }, 'x')).rejects.toThrow(
      `Could not write the repository variable LINKS of octo/${overrides.repo ?? 'site'}: GitHub answered ${message}`
    )
  })

  it('names any other status GitHub answers with', async () => {
    github.failWith = 500
    try {
      await expect(storeRepositoryVariable(settings, 'x')).rejects.toThrow(
        'Could not write the repository variable LINKS of octo/site: GitHub answered HTTP 500.'
      )
    } finally {
      github.failWith = undefined
    }
  })

  describe('redirects and statuses that are not the documented success', () => {
    let elsewhere: Server
    let elsewhereRequests: string[]

    beforeAll(async () => {
      elsewhereRequests = []
      elsewhere = createServer((request, response) => {
        elsewhereRequests.push(`${request.method} ${request.url} ${request.headers.authorization}`)
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end('{}')
      })
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve))
    })
    afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())))

    const redirected = 'GitHub answered HTTP 302, a redirect, which is not followed'

    it('does not follow a redirect to a path on the same server', async () => {
      github.redirectTo = `${github.url}/moved`
      await expect(storeRepositoryVariable(settings, 'x')).rejects.toThrow(
        `Could not write the repository variable LINKS of octo/site: ${redirected}`
      )
      expect(github.requests).toHaveLength(1)
    })

    it('does not follow a redirect to another server that answers 200, nor count that as stored', async () => {
      github.redirectTo = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`
      await expect(storeRepositoryVariable(settings, 'x')).rejects.toThrow(redirected)
      expect(github.requests.map((request) => request.method)).toEqual(['PATCH'])
      expect(elsewhereRequests).toEqual([])
    })

    it.each<[string, number, () => void, string | Record<string, string>]>([
      ['create', 200, () => undefined, 'x'],
      ['update', 200, () => github.variables.set('LINKS', 'old'), 'x'],
      ['read', 203, () => github.variables.set('LINKS', '{}'), { 'a@g.us': 'x' }]
    ])('fails when the %s answers HTTP %i instead of its documented success', async (_call, status, arrange, value) => {
      arrange()
      github.successStatus = status
      await expect(storeRepositoryVariable(settings, value)).rejects.toThrow(
        `Could not write the repository variable LINKS of octo/site: GitHub answered HTTP ${status}, which is not the documented success; nothing was stored.`
      )
    })
  })
})
