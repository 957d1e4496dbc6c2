import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { ESCAPED_DOTS } from '../helpers/platforms.js'
import { linkOutputs, visibleText, commandTexts } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, groupJids } from '../simulator/ryze-simulator.js'

/**
 * Bad input, each case run in process with the real toolkit against the simulator, on a clock the
 * simulator shares: the step fails with one error that names the input and says what was expected,
 * makes no request and publishes no link. The end-to-end files run one case of each kind through the
 * bundle; the others are here, where a case costs no Node start-up.
 */
describe('bad input, run in process', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  let workspace: string

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock })
    await simulator.start()
    workspace = await mkdtemp(join(tmpdir(), 'ryze-refusal-'))
  })
  afterEach(async () => {
    await simulator.stop()
    await rm(workspace, { recursive: true, force: true })
  })

  /** Runs with the simulator's inputs and `overrides`, and returns the run once it is known to have been refused. */
  async function refused(overrides: Record<string, string>, env: Record<string, string> = {}): Promise<InProcessRun> {
    const run = await runInProcess(
      { ...simulator.actionInputs(), 'max-lag': '0', ...overrides },
      { GITHUB_WORKSPACE: workspace, ...env },
      clock
    )
    expect(run.exitCode).toBe(1)
    expect(simulator.requests).toEqual([])
    expect(linkOutputs(run.outputs)).toEqual({})
    expect(visibleText(run)).not.toContain(DEFAULT_TOKEN)
    return run
  }

  const errorsOf = (run: InProcessRun): string[] => commandTexts(run.stdout, 'error')

  it.each([
    [{ instance: '' }, 'Input "instance" is empty'],
    [{ token: '' }, 'Input "token" is empty'],
    [{ group: '' }, 'Input "group" is empty'],
    [{ group: 'https://example.com/AbC123' }, 'neither a group JID, an invite code nor an invite link'],
    [{ instance: 'sup\nport' }, 'Input "instance" holds a line break'],
    [{ 'base-url': 'http://ryze.example.com' }, 'Input "base-url" uses plain http for ryze.example.com'],
    [{ timeout: '0' }, 'Input "timeout" holds "0"'],
    [{ 'mask-invite-link': 'maybe' }, 'Input "mask-invite-link" holds "maybe"; expected true or false']
  ])('%j', async (overrides, message) => {
    expect(errorsOf(await refused(overrides))).toEqual([expect.stringContaining(message)])
  })

  it('a contact where a group is expected', async () => {
    expect(errorsOf(await refused({ group: '5511999999999@s.whatsapp.net' }))).toEqual([
      // The contact's number is masked, as in every error (issue #31, item 9).
      expect.stringContaining('Input "group" holds "+55 •••• 9999@s.whatsapp.net", which is a contact, not a group')
    ])
  })

  it.each([
    ['a form feed in update-files', { 'update-files': 'docs/*.md\ndocs/\fx.md' }, 'update-files" line 2', 'U+000C'],
    ['a C1 control in a group line', { group: `${DEFAULT_GROUP_JID}\nAbC123\u0085x` }, 'group" line 2', 'U+0085'],
    ['a line separator', { group: `AbC123\u2028::warning::x` }, 'group" line 1', 'U+2028'],
    ['DEL in the instance', { instance: 'sup\u007fport' }, 'instance"', 'U+007F']
  ])('%s, naming the input and line', async (_case, overrides, where, code) => {
    expect(errorsOf(await refused(overrides))).toEqual([
      expect.stringContaining(`Input "${where} holds a line break or another control character (${code}`)
    ])
  })

  describe('an empty token on a pull request, where GitHub may pass no secrets', () => {
    async function pullRequestRun(actor: string): Promise<InProcessRun> {
      const eventPath = join(workspace, 'event.json')
      await writeFile(
        eventPath,
        JSON.stringify({ pull_request: { head: { repo: { fork: false, full_name: 'octo/site' } } } })
      )
      return refused(
        { token: '' },
        { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_ACTOR: actor }
      )
    }

    it('from Dependabot: says that only Dependabot secrets are passed', async () => {
      expect(errorsOf(await pullRequestRun('dependabot[bot]'))).toEqual([
        expect.stringContaining(
          'This run was started by Dependabot, and GitHub passes it only Dependabot secrets. Add the secret under ' +
            "Settings, Secrets and variables, Dependabot. Or skip the step with the condition if: github.actor != 'dependabot[bot]'."
        )
      ])
    })

    it('from this repository: the secret is simply missing, and no fork is blamed', async () => {
      const [error] = errorsOf(await pullRequestRun('octocat'))
      expect(error).toContain('Input "token" is empty; expected a RyzeAPI TokenAccount or TokenInstance')
      expect(error).not.toMatch(/fork|Dependabot/)
    })
  })

  it.each([['docs/../../*.md'], ['/etc/*.conf'], ['!../secret']])(
    'the update-files pattern %j, outside the workspace',
    async (pattern) => {
      expect(errorsOf(await refused({ 'update-files': `*.md\n${pattern}` }))).toEqual([
        expect.stringMatching(/^Input "update-files" line 2 holds /)
      ])
    }
  )

  it.each([['**/.[.]/x'], ...ESCAPED_DOTS])(
    'the update-files pattern %j, which the glob library would refuse',
    async (pattern) => {
      expect(errorsOf(await refused({ 'update-files': `*.md\n${pattern}` }))).toEqual([
        expect.stringMatching(
          /^Input "update-files" line 2 holds ".*", with a "\." or "\.\." segment .*, which @actions\/glob refuses/
        )
      ])
    }
  )

  it.each([['/etc/join.png'], ['qr/../../outside/join.png']])(
    'the qr-code path %j, outside the workspace and RUNNER_TEMP',
    async (path) => {
      expect(
        errorsOf(await refused({ 'qr-code': path }, { RUNNER_TEMP: join(workspace, '..', 'runner-temp') }))
      ).toEqual([expect.stringMatching(/^Input "qr-code" holds ".*", which is outside the workspace and RUNNER_TEMP/)])
    }
  )

  it('a qr-code path without {group} for several groups', async () => {
    expect(errorsOf(await refused({ 'qr-code': 'qr.png', group: groupJids(2).join('\n') }))).toEqual([
      expect.stringContaining('Input "qr-code" holds "qr.png" without {group}')
    ])
  })

  it('a variable name that {group} would start with a digit', async () => {
    const [error] = errorsOf(
      await refused({ variable: '{group}_LINK', 'github-token': 'ghp_simulated0123456789abcdef' })
    )
    expect(error).toContain('Input "variable" holds "{group}_LINK"; expected a variable name')
    expect(error).toContain('where {group} becomes digits, so it cannot come first')
  })

  it('an announcement with an unknown placeholder', async () => {
    expect(errorsOf(await refused({ 'announce-to': '5511999990001', 'announce-message': 'Join: {url}' }))).toEqual([
      expect.stringContaining('Input "announce-message" holds the unknown placeholder {url}')
    ])
  })
})
