import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { linkOutputs, visibleText, commandTexts } from '../helpers/run-action.js'
import { GitHubApiSimulator } from '../simulator/github-api.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, adminGroups, groupJids } from '../simulator/ryze-simulator.js'

const GITHUB_TOKEN = 'ghp_simulated0123456789abcdef'

interface Result {
  group: string
  groupJid: string
  inviteCode?: string
  inviteLink?: string
  previousInviteLink?: string
  status: string
  error?: string
}

/**
 * Several groups and the follow-ups (dry runs, file updates, QR codes, repository variables), each
 * variant run in process with the real toolkit against the simulator, in a workspace of its own;
 * backoffs and read-back lags pass on a clock the simulator shares, without waiting.
 * groups.e2e.test.ts runs one case of the list, file updates, QR codes and the variable through the
 * bundle; community.e2e.test.ts and announce.e2e.test.ts run a dry run through it. `summary: false`
 * runs only here: it is one condition in main.ts, nothing a process adds to.
 */
describe('several groups and follow-ups, run in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  let clock: ManualClock
  let workspace: string
  let runnerTemp: string

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ryze-workspace-'))
    runnerTemp = await mkdtemp(join(tmpdir(), 'ryze-runner-temp-'))
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups: adminGroups(3) })
    await simulator.start()
    inputs = simulator.actionInputs()
  })
  afterEach(async () => {
    await simulator.stop()
    await rm(workspace, { recursive: true, force: true })
    await rm(runnerTemp, { recursive: true, force: true })
  })

  async function run(overrides: Record<string, string> = {}, env: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess(
      { ...inputs, ...overrides },
      { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp, ...env },
      clock
    )
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    expect(visible).not.toContain(GITHUB_TOKEN)
    return result
  }

  const codeOf = (jid: string): string => simulator.groups.get(jid)!.inviteCode
  const linkOf = (jid: string): string => `https://chat.whatsapp.com/${codeOf(jid)}`
  const resultsOf = (result: InProcessRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]
  const errorsOf = (result: InProcessRun): string[] => commandTexts(result.stdout, 'error')

  describe('a list of groups', () => {
    it('leaves out the JID of a group given by link that fails before it is known, so recipes show the line', async () => {
      const [first] = groupJids(1) as [string]
      const unknownLink = 'https://chat.whatsapp.com/NoSuchGroup123'
      const result = await run({ group: `${first}\n${unknownLink}` })

      expect(result.exitCode).toBe(1)
      const [known, failed] = resultsOf(result)
      expect(known).toMatchObject({ group: first, groupJid: first, name: 'Group 1', status: 'reset' })
      expect(failed).toEqual({
        group: unknownLink,
        status: 'failed',
        error: expect.stringContaining('HTTP 404') as unknown
      })
      // The README's recipe, as a later step runs it.
      const lines = execFileSync(
        'jq',
        ['-r', '.[] | "\\(.status)\\t\\(.name // .groupJid // .group)\\t\\(.inviteLink // .error)"'],
        { input: result.outputs.results, encoding: 'utf8' }
      ).split(/\r?\n/) // jq.exe ends lines with CRLF on Windows
      expect(lines[0]).toBe(`reset\tGroup 1\t${linkOf(first)}`)
      expect(lines[1]).toMatch(
        new RegExp(`^failed\\t${unknownLink.replace(/[./]/g, '\\$&')}\\tRyzeAPI answered HTTP 404`)
      )
    })

    it('stops at the first failure with fail-fast and marks the rest skipped', async () => {
      const [first, second, third] = groupJids(3) as [string, string, string]
      simulator.groups.get(first)!.member = false
      const before = codeOf(third)
      const result = await run({ group: [first, second, third].join('\n'), 'fail-fast': 'true' })

      expect(result.exitCode).toBe(1)
      expect(simulator.requestsTo('resetLink')).toHaveLength(0)
      expect(simulator.requests).toHaveLength(1)
      expect(codeOf(third)).toBe(before)
      expect(errorsOf(result).at(-1)).toMatch(/^1 of 3 groups failed, 2 were skipped\. Each failure has/)
      expect(result.summary.match(/<td>Skipped<\/td>/g)).toHaveLength(2)
      // No group has a new link, so no output is set at all.
      expect(linkOutputs(result.outputs)).toEqual({})
    })

    it('names the line of a bad group, and resets nothing', async () => {
      const result = await run({ group: `${DEFAULT_GROUP_JID}\n\n5511999999999@s.whatsapp.net` })
      expect(result.exitCode).toBe(1)
      expect(errorsOf(result)).toEqual([
        // The contact's number is masked, as in every error (issue #31, item 9).
        expect.stringContaining('Input "group" line 3 holds "+55 •••• 9999@s.whatsapp.net", which is a contact')
      ])
      expect(simulator.requests).toHaveLength(0)
    })
  })

  describe('dry run', () => {
    it('reads the current link with the info call and revokes nothing', async () => {
      const before = codeOf(DEFAULT_GROUP_JID)
      await writeFile(join(workspace, 'README.md'), `Join: https://chat.whatsapp.com/${before}\n`)
      const result = await run({ 'dry-run': 'true', 'update-files': '*.md' })

      expect(result.exitCode).toBeUndefined()
      expect(codeOf(DEFAULT_GROUP_JID)).toBe(before)
      expect(simulator.requestsTo('resetLink')).toHaveLength(0)
      const [info] = simulator.requestsTo('info')
      expect(info!.method).toBe('GET')
      expect(info!.rawPath).toBe(
        `/api/group/info/support?identifier=${encodeURIComponent(DEFAULT_GROUP_JID)}&participants=false`
      )
      expect(info!.headers.token).toBe(DEFAULT_TOKEN)
      expect(result.outputs['invite-link']).toBe(`https://chat.whatsapp.com/${before}`)
      expect(resultsOf(result)[0]!.status).toBe('dry-run')
      expect(result.stdout).toContain('Dry run: read the invite link of')
      expect(result.summary).toContain('dry run: nothing was reset')
      expect(await readFile(join(workspace, 'README.md'), 'utf8')).toBe(`Join: https://chat.whatsapp.com/${before}\n`)
      expect(result.outputs['updated-files']).toBe('')
    })

    // data.inviteLink and a top-level inviteLink: answers.test.ts.
    it('accepts group.inviteLink in the info answer', async () => {
      const answer = {
        success: true,
        group: { id: DEFAULT_GROUP_JID, inviteLink: 'https://chat.whatsapp.com/Current123' }
      }
      // Both reads of a dry run take it: the plan's, and the current one, max-lag after it (issue #31).
      simulator.injectFault({ route: 'info', status: 200, body: answer }, 2)
      const result = await run({ 'dry-run': 'true' })
      expect(result.outputs['invite-code']).toBe('Current123')
      expect(result.outputs['group-jid']).toBe(DEFAULT_GROUP_JID)
    })
  })

  describe('update-files', () => {
    // The other patterns that lead outside: refusals.test.ts.
    it('refuses the pattern "../outside/*.md" and resets nothing', async () => {
      const pattern = '../outside/*.md'
      const before = codeOf(DEFAULT_GROUP_JID)
      const result = await run({ 'update-files': `*.md\n${pattern}` })
      expect(result.exitCode).toBe(1)
      expect(errorsOf(result)).toEqual([expect.stringMatching(/^Input "update-files" line 2 holds /)])
      expect(simulator.requests).toHaveLength(0)
      expect(codeOf(DEFAULT_GROUP_JID)).toBe(before)
    })
  })

  describe('qr-code', () => {
    it('writes an SVG when the path ends in .svg', async () => {
      const result = await run({ 'qr-code': 'site/join.svg' })
      expect(result.outputs['qr-code-files']).toBe('site/join.svg')
      const svg = await readFile(join(workspace, 'site', 'join.svg'), 'utf8')
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      expect(svg).toContain('<path')
    })

    it('lists a file whose name starts with two dots by its path in the workspace', async () => {
      const result = await run({ 'qr-code': '..join.svg' })
      expect(result.outputs['qr-code-files']).toBe('..join.svg')
      expect(await readFile(join(workspace, '..join.svg'), 'utf8')).toMatch(/^<svg /)
    })

    // A path without {group} for several groups: refusals.test.ts.
    it('refuses a path that is neither .png nor .svg before any request', async () => {
      const result = await run({ 'qr-code': 'qr.gif' })
      expect(errorsOf(result)).toEqual([
        expect.stringContaining('Input "qr-code" holds "qr.gif"; expected a file path ending in .png or .svg')
      ])
      expect(simulator.requests).toHaveLength(0)
    })
  })

  describe('summary', () => {
    it('is left alone with summary: false', async () => {
      const result = await run({ summary: 'false' })
      expect(result.exitCode).toBeUndefined()
      expect(result.summary).toBe('')
    })
  })

  describe('repository variable', () => {
    let github: GitHubApiSimulator
    let env: Record<string, string>

    // @actions/github reads GITHUB_API_URL once, when it is first loaded: every run in this file
    // reaches the same stand-in, emptied before each test.
    beforeAll(async () => {
      github = new GitHubApiSimulator(GITHUB_TOKEN)
      env = { GITHUB_API_URL: await github.start(), GITHUB_REPOSITORY: 'octo/site' }
    })
    afterAll(() => github.stop())
    beforeEach(() => {
      github.variables.clear()
      github.requests.length = 0
    })

    it('writes one variable per group with {group}, each without reading, and leaves the others alone', async () => {
      const jids = groupJids(3)
      github.variables.set('WHATSAPP_LINK_OTHER', 'https://chat.whatsapp.com/Kept123')
      const result = await run(
        { group: jids.slice(0, 2).join('\n'), variable: 'WHATSAPP_LINK_{group}', 'github-token': GITHUB_TOKEN },
        env
      )
      expect(result.exitCode).toBeUndefined()
      const nameOf = (jid: string): string => `WHATSAPP_LINK_${jid.replace('@g.us', '')}`
      expect(Object.fromEntries(github.variables)).toEqual({
        WHATSAPP_LINK_OTHER: 'https://chat.whatsapp.com/Kept123',
        [nameOf(jids[0]!)]: linkOf(jids[0]!),
        [nameOf(jids[1]!)]: linkOf(jids[1]!)
      })
      expect(github.requests.map((request) => request.method)).not.toContain('GET')
      expect(result.stdout).toContain(`Created the repository variable ${nameOf(jids[1]!)}.`)
    })

    it('stores a JSON object from JID to link for several groups, keeping groups not reset this time', async () => {
      const jids = groupJids(3)
      github.variables.set('LINKS', JSON.stringify({ [jids[2]!]: 'https://chat.whatsapp.com/Kept123' }))
      const result = await run(
        { group: jids.slice(0, 2).join('\n'), variable: 'LINKS', 'github-token': GITHUB_TOKEN },
        env
      )
      expect(result.exitCode).toBeUndefined()
      expect(JSON.parse(github.variables.get('LINKS')!)).toEqual({
        [jids[0]!]: linkOf(jids[0]!),
        [jids[1]!]: linkOf(jids[1]!),
        [jids[2]!]: 'https://chat.whatsapp.com/Kept123'
      })
    })

    it('needs github-token, and says so before any request', async () => {
      const result = await run({ variable: 'LINK' }, env)
      expect(errorsOf(result)).toEqual([
        expect.stringContaining('Input "github-token" is empty, but "variable" is set')
      ])
      expect(simulator.requests).toHaveLength(0)
      expect(github.requests).toHaveLength(0)
    })

    it('is left alone in a dry run', async () => {
      const result = await run({ variable: 'LINK', 'github-token': GITHUB_TOKEN, 'dry-run': 'true' }, env)
      expect(result.exitCode).toBeUndefined()
      expect(github.requests).toHaveLength(0)
    })
  })
})
