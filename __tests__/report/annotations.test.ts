import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { InputError } from '../../src/safety/errors.js'
import { failRun, reportFailures } from '../../src/report/failure-report.js'
import type { GroupResult } from '../../src/report/outcome.js'
import { colonChains, messageRuleProblems } from '../helpers/message-rules.js'
import { type Annotation, annotationsOf, bundleBuilt, runAction } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator, adminGroups, groupJids } from '../simulator/ryze-simulator.js'

/*
 * Every annotation has a title that names what happened (issue #32, item 3). runAction and
 * runInProcess check every run of the suite for it (helpers/message-rules.ts); here, the rules
 * themselves, the titles the failure report gives, and a few bundle runs read title by title.
 */

describe('the message rules the test helpers apply to every run', () => {
  it('finds an annotation without a title', () => {
    expect(messageRuleProblems('::error::Something failed.\n::warning title=Fine::Fine.\n')).toEqual([
      'An error annotation without a title: Something failed.'
    ])
  })

  it('finds an "(s)" plural on any line the run prints', () => {
    expect(messageRuleProblems('Updated 2 file(s): a.md, b.md\n')).toEqual([
      'A "(s)" plural: Updated 2 file(s): a.md, b.md'
    ])
  })

  it('finds a chain of colons in an annotation, and not the colons of a server message, a quote or parentheses', () => {
    expect(
      colonChains('Attempt 1 of 3 failed: RyzeAPI answered HTTP 429: Rate limit exceeded. Retrying in 1.0 s.')
    ).toEqual(['Attempt 1 of 3 failed: RyzeAPI answered HTTP 429: Rate limit exceeded.'])
    expect(colonChains('RyzeAPI answered HTTP 400: invalid community JID: x. Check the JID.')).toEqual([])
    expect(colonChains('Could not update a.md: ENAMETOOLONG: name too long.')).toEqual([])
    expect(colonChains('Input "a: b: c" holds (one: two: three) nothing: here.')).toEqual([])
    expect(messageRuleProblems('::error title=T::Failed: group: reason.\n')).toEqual([
      'A chain of colons: Failed: group: reason.'
    ])
  })

  it('finds a chain of colons in a plain log line, where the group and its colon may lead', () => {
    const group = '120363012345678901@g.us'
    expect(messageRuleProblems(`${group}: Did not remove +49 ••• 5678: RyzeAPI answered HTTP 403.\n`)).toEqual([
      `A chain of colons: ${group}: Did not remove +49 ••• 5678: RyzeAPI answered HTTP 403.`
    ])
    expect(
      messageRuleProblems(
        [
          `${group}: Did not remove +49 ••• 5678. RyzeAPI answered HTTP 403: not an admin: sorry.`,
          `https://chat.whatsapp.com/AbCdEfGhIjK: Reset at 12:30:05. New link: https://chat.whatsapp.com/XyZ.`,
          'RyzeAPI rate limit: 9 of 10 requests left in this window.'
        ].join('\n')
      )
    ).toEqual([])
  })
})

describe('the titles of the failure report', () => {
  let printed = ''
  beforeAll(() => {
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += chunk.toString()
      return true
    })
  })
  afterEach(() => {
    printed = ''
    process.exitCode = undefined
  })
  afterAll(() => {
    jest.restoreAllMocks()
  })

  const errors = (): Annotation[] => annotationsOf(printed).filter((annotation) => annotation.level === 'error')
  const failed = (group: string, error: string, status: 'failed' | 'unknown' = 'failed'): GroupResult => ({
    group,
    groupJid: group.endsWith('@g.us') ? group : '',
    status,
    error
  })

  it('names the input of a bad input, and says when a secret input is empty', () => {
    failRun(new InputError('timeout', 'holds "soon"; expected a number of seconds'))
    failRun(new InputError('token', 'is empty; expected a RyzeAPI TokenAccount or TokenInstance'))
    failRun(new InputError('instance', 'is empty; expected the name of a RyzeAPI instance'))
    expect(errors().map((error) => error.title)).toEqual([
      'Input "timeout" is not valid',
      'Input "token" is empty',
      'Input "instance" is empty'
    ])
    expect(process.exitCode).toBe(1)
  })

  it('says that the run stopped on an unexpected error when it is not an input', () => {
    failRun(new Error('boom'))
    expect(errors()).toEqual([{ level: 'error', title: 'The run stopped on an unexpected error', message: 'boom' }])
  })

  it("titles one group's error with the group, and counts what else failed", () => {
    reportFailures(
      [failed(DEFAULT_GROUP_JID, 'RyzeAPI answered HTTP 403: No. Nothing was reset.')],
      [{ title: 'variable', message: 'Could not write the repository variable LINK.' }]
    )
    expect(errors()).toEqual([
      {
        level: 'error',
        title: `${DEFAULT_GROUP_JID} failed, and 1 more failure`,
        message: 'RyzeAPI answered HTTP 403: No. Nothing was reset. Could not write the repository variable LINK.'
      }
    ])
    expect(process.exitCode).toBe(1)
  })

  it('titles each failed group, a group that may have been reset, and the count', () => {
    const [first, second, third] = groupJids(3) as [string, string, string]
    reportFailures(
      [
        failed(first, 'RyzeAPI answered HTTP 403: No. Nothing was reset.'),
        failed(second, 'The reset may have taken effect.', 'unknown'),
        { group: third, groupJid: third, status: 'skipped', error: 'Not attempted.' }
      ],
      [{ title: 'qr-code', message: 'Could not write the QR code qr.png.' }]
    )
    expect(errors().map((error) => error.title)).toEqual([
      `${first} failed`,
      `${second} may have been reset`,
      'qr-code failed',
      '2 of 3 groups failed, 1 was skipped, 1 follow-up step failed'
    ])
  })

  it('gives the revoked-link hint only for a 404 on a line given by code or link', () => {
    const notFound = 'RyzeAPI answered HTTP 404: Group not found. Check the instance name. Nothing was reset.'
    reportFailures([failed('AbCdEf123456', notFound)], [])
    reportFailures([failed('community:120363406289000100@g.us', notFound)], [])
    reportFailures([failed('AbCdEf123456', 'RyzeAPI answered HTTP 403: No. Nothing was reset.')], [])
    const [byCode, community, forbidden] = errors()
    expect(byCode!.message).toMatch(
      /^RyzeAPI answered HTTP 404: Group not found\. Check the instance name\. This line gives the group by invite code or link, which an earlier rotation may have revoked\. .* Nothing was reset\.$/
    )
    expect(community!.message).toBe(notFound)
    expect(forbidden!.message).not.toContain('earlier rotation')
  })
})

describe('the titles the bundle prints', () => {
  let simulator: RyzeSimulator
  // npm test may still be building dist/: that wait is not these tests' time.
  beforeAll(async () => {
    await bundleBuilt()
    simulator = new RyzeSimulator({ groups: adminGroups(3) })
    await simulator.start()
  }, 180_000)
  afterAll(() => simulator.stop())

  const titles = (stdout: string): Array<[string, string | undefined]> =>
    annotationsOf(stdout).map((annotation) => [annotation.level, annotation.title])

  it('an input error and an empty token: what is wrong, and with which input', async () => {
    const bad = await runAction({ ...simulator.actionInputs(), timeout: 'soon' })
    const empty = await runAction({ ...simulator.actionInputs(), token: '' })
    expect([bad.exitCode, empty.exitCode]).toEqual([1, 1])
    expect(titles(bad.stdout)).toEqual([['error', 'Input "timeout" is not valid']])
    expect(titles(empty.stdout)).toEqual([['error', 'Input "token" is empty']])
  })

  it('a retry, a failed group and the count of several groups: each names the group', async () => {
    const [first, second, third] = groupJids(3) as [string, string, string]
    simulator.groups.get(second)!.admin = false
    simulator.injectFault({ route: 'info', status: 503, body: { success: false, error: { message: 'busy' } } })
    const result = await runAction({ ...simulator.actionInputs(), group: [first, second, third].join('\n') })
    expect(result.exitCode).toBe(1)
    expect(titles(result.stdout)).toEqual([
      ['warning', `Attempt 1 of 4 failed (${first})`],
      ['error', `"Group 2" (${second}) failed`],
      ['error', '1 of 3 groups failed']
    ])
  })
})
