import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withheldSecretsNote } from '../../src/safety/withheld-secrets.js'

describe('withheldSecretsNote', () => {
  let dir: string
  const event = async (payload: string): Promise<string> => {
    const path = join(dir, `${Math.random()}.json`)
    await writeFile(path, payload)
    return path
  }
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ryze-withheld-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('explains a pull request from a fork, with the guard to use', async () => {
    const path = await event('{"pull_request":{"head":{"repo":{"fork":true}}}}')
    expect(withheldSecretsNote({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path })).toContain(
      'if: github.event.pull_request.head.repo.full_name == github.repository, so that it runs only for pull requests from this repository.'
    )
  })

  it('explains a run Dependabot started, on push too', () => {
    expect(withheldSecretsNote({ GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: 'dependabot[bot]' })).toMatch(
      /^This run was started by Dependabot/
    )
  })

  it.each<[string, Record<string, string>, string | undefined]>([
    [
      'a pull request from this repository',
      { GITHUB_EVENT_NAME: 'pull_request' },
      '{"pull_request":{"head":{"repo":{"fork":false}}}}'
    ],
    [
      'pull_request_target, which gets secrets',
      { GITHUB_EVENT_NAME: 'pull_request_target' },
      '{"pull_request":{"head":{"repo":{"fork":true}}}}'
    ],
    ['a payload that is not JSON', { GITHUB_EVENT_NAME: 'pull_request' }, 'not json'],
    ['a deleted head repository', { GITHUB_EVENT_NAME: 'pull_request' }, '{"pull_request":{"head":{"repo":null}}}'],
    ['no payload', { GITHUB_EVENT_NAME: 'pull_request' }, undefined],
    ['a push', { GITHUB_EVENT_NAME: 'push', GITHUB_ACTOR: 'octocat' }, undefined]
  ])('says nothing for %s', async (_case, env, payload) => {
    const path = payload === undefined ? undefined : await event(payload)
    expect(withheldSecretsNote({ ...env, ...(path ? { GITHUB_EVENT_PATH: path } : {}) })).toBeUndefined()
  })
})
