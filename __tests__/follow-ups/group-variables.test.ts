import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import type { LinkedGroup } from '../../src/report/outcome.js'
import { GitHubApiSimulator } from '../simulator/github-api.js'

const TOKEN = 'ghp_groups0123456789'

describe('storeGroupVariables against a GitHub API on 127.0.0.1', () => {
  const github = new GitHubApiSimulator(TOKEN)
  const savedApiUrl = process.env.GITHUB_API_URL
  const variable = { name: 'LINK_{group}', githubToken: TOKEN, owner: 'octo', repo: 'site' }
  let storeGroupVariables: typeof import('../../src/follow-ups/group-variables.js').storeGroupVariables
  let store: typeof import('../../src/follow-ups/repository-variable.js').storeRepositoryVariable

  const reset = (groupJid: string, code: string, group = groupJid): LinkedGroup => ({
    group,
    groupJid,
    status: 'reset',
    inviteCode: code,
    inviteLink: `https://chat.whatsapp.com/${code}`
  })

  beforeAll(async () => {
    process.env.GITHUB_API_URL = await github.start()
    ;({ storeGroupVariables } = await import('../../src/follow-ups/group-variables.js'))
    ;({ storeRepositoryVariable: store } = await import('../../src/follow-ups/repository-variable.js'))
  })
  afterAll(async () => {
    await github.stop()
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = savedApiUrl
  })
  // What storeGroupVariables tells the log (core.info writes to stdout), which its error points to.
  let log: string[]
  beforeEach(() => {
    github.variables.clear()
    github.canWrite = true
    log = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      log.push(...chunk.toString().split(/\r?\n/).filter(Boolean))
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('writes one variable per group, named by the JID, characters GitHub refuses made _', async () => {
    await storeGroupVariables(variable, [reset('120363@g.us', 'Aaa111'), reset('5511-1600@g.us', 'Bbb222')], store)
    expect(Object.fromEntries(github.variables)).toEqual({
      LINK_120363: 'https://chat.whatsapp.com/Aaa111',
      LINK_5511_1600: 'https://chat.whatsapp.com/Bbb222'
    })
    expect(log).toEqual([
      'Created the repository variable LINK_120363.',
      'Created the repository variable LINK_5511_1600.'
    ])
  })

  it('stores every group it can, then tells what it could not', async () => {
    const groups = [
      reset('', 'Ccc333', 'https://chat.whatsapp.com/Old333'),
      reset('120363@g.us', 'Aaa111'),
      reset('120363@lid', 'Ddd444')
    ]
    await expect(storeGroupVariables(variable, groups, store)).rejects.toThrow(
      /^2 of 3 repository variables were not stored\. RyzeAPI did not report the group JID of https:\/\/chat\.whatsapp\.com\/Old333, so \{group\} cannot name its variable\. \(1 more: see the log\.\)$/
    )
    expect(Object.fromEntries(github.variables)).toEqual({ LINK_120363: 'https://chat.whatsapp.com/Aaa111' })
    // "See the log": it names every group that was not stored, the one left out of the error too.
    expect(log).toEqual([
      'Created the repository variable LINK_120363.',
      'RyzeAPI did not report the group JID of https://chat.whatsapp.com/Old333, so {group} cannot name its variable.',
      'The variable name LINK_120363 for 120363@lid is the name 120363@g.us has already, so its link was not stored.'
    ])
  })

  it('says why GitHub refused, when one group could not be stored', async () => {
    github.canWrite = false
    await expect(storeGroupVariables(variable, [reset('120363@g.us', 'Aaa111')], store)).rejects.toThrow(
      'Could not write the repository variable LINK_120363 of octo/site: GitHub answered HTTP 403'
    )
  })
})
