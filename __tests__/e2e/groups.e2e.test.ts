import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import jsQRModule from 'jsqr'
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import {
  type ActionRun,
  type RunOptions,
  runAction,
  visibleText,
  workflowCommands,
  annotationsOf,
  commandTexts
} from '../helpers/run-action.js'
import { GitHubApiSimulator } from '../simulator/github-api.js'
import {
  DEFAULT_GROUP_JID,
  DEFAULT_TOKEN,
  RyzeSimulator,
  type SimulatorOptions,
  adminGroups,
  groupJids
} from '../simulator/ryze-simulator.js'
import { hasFileModes } from '../helpers/platforms.js'

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
 * Beyond one call: lists of groups, file updates, QR codes and a repository variable, one case of
 * each through the bundle. Their variants (fail-fast, bad lines, dry runs, refused inputs, SVG,
 * the other kinds of variable) run in process in groups.test.ts.
 */
describe('the bundled action with several groups and follow-ups', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  let workspace: string

  async function startSimulator(options: SimulatorOptions = {}): Promise<void> {
    simulator = new RyzeSimulator({ groups: adminGroups(3), ...options })
    await simulator.start()
    // A short max-lag: the runs with update-files or dry-run wait it out before their current read.
    inputs = { ...simulator.actionInputs(), 'max-lag': '0.3' }
  }

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ryze-workspace-'))
    await startSimulator()
  })
  afterEach(async () => {
    await simulator.stop()
    await rm(workspace, { recursive: true, force: true })
  })

  async function run(overrides: Record<string, string> = {}, options: RunOptions = {}): Promise<ActionRun> {
    const result = await runAction({ ...inputs, ...overrides }, { workspace, ...options })
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    expect(visible).not.toContain(GITHUB_TOKEN)
    return result
  }

  const codeOf = (jid: string): string => simulator.groups.get(jid)!.inviteCode
  const linkOf = (jid: string): string => `https://chat.whatsapp.com/${codeOf(jid)}`
  const resultsOf = (result: ActionRun): Result[] => JSON.parse(result.outputs.results ?? '[]') as Result[]
  const errorsOf = (result: ActionRun): string[] => commandTexts(result.stdout, 'error')

  describe('a list of groups', () => {
    it('resets each group once, in order, whatever form it is given in', async () => {
      const [first, second, third] = groupJids(3) as [string, string, string]
      const secondCode = codeOf(second)
      const group = [
        '# the community',
        first,
        '',
        `https://chat.whatsapp.com/${secondCode}  # announcements`,
        `  ${third}  `,
        first
      ].join('\n')
      const result = await run({ group })

      expect(result.exitCode).toBe(0)
      // Each group is learned by what was given, then reset by its JID.
      expect(simulator.requestsTo('resetLink').map((request) => JSON.parse(request.body) as unknown)).toEqual([
        { identifier: first },
        { identifier: second },
        { identifier: third }
      ])
      expect(simulator.resets.map((reset) => reset.jid)).toEqual([first, second, third])
      expect(resultsOf(result)).toEqual(
        [first, `https://chat.whatsapp.com/${secondCode}`, third].map((group, index) => {
          const jid = [first, second, third][index]!
          return {
            group,
            groupJid: jid,
            name: `Group ${index + 1}`,
            inviteCode: codeOf(jid),
            inviteLink: linkOf(jid),
            previousInviteLink: `https://chat.whatsapp.com/${simulator.resets[index]!.oldCode}`,
            status: 'reset'
          }
        })
      )
      expect(result.outputs['invite-link']).toBe(linkOf(first))
      expect(result.outputs['group-jid']).toBe(first)
      expect(result.summary.match(/<td>Reset<\/td>/g)).toHaveLength(3)
    })

    it('finishes the list when a group fails, then fails naming it', async () => {
      const [first, second, third] = groupJids(3) as [string, string, string]
      simulator.groups.get(second)!.admin = false
      const result = await run({ group: [first, second, third].join('\n') })

      expect(result.exitCode).toBe(1)
      expect(resultsOf(result).map((entry) => entry.status)).toEqual(['reset', 'failed', 'reset'])
      expect(resultsOf(result)[1]!.error).toContain(
        'HTTP 403: Not authorized to reset group invite link (must be admin).'
      )
      // The failed group is an annotation of its own, named in its title; the step's error only counts.
      expect(annotationsOf(result.stdout).filter((annotation) => annotation.level === 'error')).toEqual([
        {
          level: 'error',
          title: `"Group 2" (${second}) failed`,
          message: expect.stringMatching(/^RyzeAPI answered HTTP 403: Not authorized .*\.$/) as unknown
        },
        {
          level: 'error',
          title: '1 of 3 groups failed',
          message:
            "1 of 3 groups failed. Each failure has an error annotation of its own, and the results output holds every group's outcome."
        }
      ])
      // Each group's work is a folded section of the log, named after the group.
      expect(workflowCommands(result.stdout).filter(([command]) => /group$/.test(command))).toEqual(
        [first, second, third].flatMap((jid, index) => [
          // Every group is learned before any reset, so its section carries the name RyzeAPI gave.
          ['group', `"Group ${index + 1}" (${jid})`],
          ['endgroup', '']
        ])
      )
      // The links that were reset are live now: they are handed on although the step fails.
      expect(result.outputs['invite-link']).toBe(linkOf(first))
    })

    it('paces a long list given by codes by the rate-limit headers, counting every request, drawing no 429', async () => {
      await simulator.stop()
      await startSimulator({ groups: adminGroups(4), rateLimit: { limit: 5, windowMs: 1000 } })
      // Windows are aligned to the clock: one that began just now cannot end before the sixth
      // request, which must then wait for it, however the run's start falls.
      simulator.startRateLimitWindow(2000)
      const result = await run({ group: groupJids(4).map(codeOf).join('\n') })

      expect(result.exitCode).toBe(0)
      expect(resultsOf(result).filter((entry) => entry.status === 'reset')).toHaveLength(4)
      // An info call and a reset for each group, all through the one pacer.
      expect(simulator.requests.map((request) => request.status)).toEqual(Array(8).fill(200))
      expect(simulator.resets).toHaveLength(4)
      expect(result.stdout).toMatch(/RyzeAPI rate limit: 0 of 5 requests left; waiting \d\.\d s for the next window\./)
      expect(result.summary).toMatch(/RyzeAPI rate limit left: \d of 5 requests/)
    })
  })

  describe('update-files', () => {
    it('replaces every form of the old link, keeping line endings, modes, other links and binary files', async () => {
      const [first, other] = groupJids(2) as [string, string]
      const old = codeOf(first)
      const otherLink = linkOf(other)
      await mkdir(join(workspace, 'docs'), { recursive: true })
      await mkdir(join(workspace, 'site'), { recursive: true })
      const readme = [
        `Join us: https://chat.whatsapp.com/${old}`,
        `Or: chat.whatsapp.com/${old} and www.chat.whatsapp.com/invite/${old}/`,
        `[link](http://chat.whatsapp.com/${old}?mode=r_c)`,
        `Other group: ${otherLink}`,
        `Not ours: https://chat.whatsapp.com/${old}Extra`,
        ''
      ].join('\n')
      await writeFile(join(workspace, 'README.md'), readme)
      await writeFile(
        join(workspace, 'site', 'index.html'),
        `<a href="https://chat.whatsapp.com/${old}">Join</a>\r\n<p>ç</p>\r\n`
      )
      await writeFile(join(workspace, 'docs', 'join.sh'), `#!/bin/sh\necho https://chat.whatsapp.com/${old}\n`)
      if (hasFileModes) await chmod(join(workspace, 'docs', 'join.sh'), 0o755)
      const binary = Buffer.concat([Buffer.from(`https://chat.whatsapp.com/${old}`), Buffer.from([0, 1, 2, 3])])
      await writeFile(join(workspace, 'docs', 'qr.bin'), binary)
      await writeFile(join(workspace, 'notes.txt'), `https://chat.whatsapp.com/${old}\n`)

      const result = await run({ group: first, 'update-files': '**/*.md\nsite/**\ndocs/*\n!docs/ignored.md' })
      const fresh = linkOf(first)

      expect(result.exitCode).toBe(0)
      // The info call learns the group first; with update-files, a second one, max-lag after it, the
      // link that is live just before the reset (issue #31); then the reset.
      expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'POST'])
      expect(await readFile(join(workspace, 'README.md'), 'utf8')).toBe(
        [
          `Join us: ${fresh}`,
          `Or: ${fresh} and ${fresh}/`,
          `[link](${fresh}?mode=r_c)`,
          `Other group: ${otherLink}`,
          `Not ours: https://chat.whatsapp.com/${old}Extra`,
          ''
        ].join('\n')
      )
      expect(await readFile(join(workspace, 'site', 'index.html'), 'utf8')).toBe(
        `<a href="${fresh}">Join</a>\r\n<p>ç</p>\r\n`
      )
      if (hasFileModes) expect((await stat(join(workspace, 'docs', 'join.sh'))).mode & 0o777).toBe(0o755)
      expect(await readFile(join(workspace, 'docs', 'join.sh'), 'utf8')).toContain(fresh)
      expect(await readFile(join(workspace, 'docs', 'qr.bin'))).toEqual(binary)
      expect(await readFile(join(workspace, 'notes.txt'), 'utf8')).toBe(`https://chat.whatsapp.com/${old}\n`)
      expect(result.outputs['updated-files']!.split('\n').sort()).toEqual([
        'README.md',
        'docs/join.sh',
        'site/index.html'
      ])
      expect(resultsOf(result)[0]!.previousInviteLink).toBe(`https://chat.whatsapp.com/${old}`)
      expect(result.summary).toContain('README.md')
    })
  })

  describe('qr-code', () => {
    // jsqr is CommonJS whose typings declare an ES default export.
    const jsQR = jsQRModule as unknown as typeof jsQRModule.default

    function decodePng(buffer: Buffer): string | undefined {
      const png = PNG.sync.read(buffer)
      return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
    }

    it('writes a PNG per group that scans back to exactly the new link', async () => {
      const jids = groupJids(2)
      const result = await run({ group: jids.join('\n'), 'qr-code': 'qr/{group}.png' })
      expect(result.exitCode).toBe(0)
      const files = result.outputs['qr-code-files']!.split('\n')
      expect(files).toEqual(jids.map((jid) => `qr/${jid.replace('@g.us', '')}.png`))
      for (const [index, jid] of jids.entries()) {
        expect(decodePng(await readFile(join(workspace, files[index]!)))).toBe(linkOf(jid))
      }
    })
  })

  describe('repository variable', () => {
    let github: GitHubApiSimulator
    let env: Record<string, string>

    beforeEach(async () => {
      github = new GitHubApiSimulator(GITHUB_TOKEN)
      env = { GITHUB_API_URL: await github.start(), GITHUB_REPOSITORY: 'octo/site' }
    })
    afterEach(() => github.stop())

    it('creates the variable with the new link, then updates it on the next run', async () => {
      const withVariable = { variable: 'WHATSAPP_LINK', 'github-token': GITHUB_TOKEN }
      const created = await run(withVariable, { env })
      expect(created.exitCode).toBe(0)
      expect(github.variables.get('WHATSAPP_LINK')).toBe(linkOf(DEFAULT_GROUP_JID))
      expect(created.stdout).toContain('Created the repository variable WHATSAPP_LINK.')
      expect(created.stdout).toContain(`::add-mask::${GITHUB_TOKEN}`)

      const updated = await run(withVariable, { env })
      expect(updated.stdout).toContain('Updated the repository variable WHATSAPP_LINK.')
      expect(github.variables.get('WHATSAPP_LINK')).toBe(linkOf(DEFAULT_GROUP_JID))
      // A link is written without reading first: update, and create when there is nothing to update.
      expect(github.requests.map((request) => request.method)).toEqual(['PATCH', 'POST', 'PATCH'])
    })

    // A token without Variables: write, and another repository: main.test.ts.
    it('explains a wrong token, after publishing the reset link, and never shows it', async () => {
      const token = 'ghp_wrong'
      const result = await run({ variable: 'LINK', 'github-token': token }, { env })
      expect(result.exitCode).toBe(1)
      expect(errorsOf(result)).toEqual([expect.stringContaining('HTTP 401, so github-token is not a valid token')])
      expect(result.outputs['invite-link']).toBe(linkOf(DEFAULT_GROUP_JID))
      expect(visibleText(result)).not.toContain(token)
    })
  })
})
