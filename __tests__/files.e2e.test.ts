import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { lstat, mkdir, mkdtemp, open, readFile, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { type ActionRun, runAction, workflowCommands } from './helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator } from './simulator/ryze-simulator.js'
import { itWithFifos, itWithSymlinks } from './helpers/platforms.js'

/**
 * The bundled action in a hostile workspace: symbolic links that lead outside, files it cannot
 * write, huge files, named pipes and patterns that only the glob library would refuse.
 */
describe('the bundled action in a hostile workspace', () => {
  let simulator: RyzeSimulator
  let root: string
  let workspace: string
  let outside: string

  beforeEach(async () => {
    simulator = new RyzeSimulator()
    await simulator.start()
    root = await mkdtemp(join(tmpdir(), 'ryze-hostile-'))
    workspace = join(root, 'workspace')
    outside = join(root, 'outside')
    await mkdir(workspace)
    await mkdir(outside)
  })
  afterEach(async () => {
    await simulator.stop()
    await rm(root, { recursive: true, force: true })
  })

  const run = (inputs: Record<string, string>, env?: Record<string, string>): Promise<ActionRun> =>
    runAction({ ...simulator.actionInputs(), ...inputs }, { workspace, env })
  const oldLink = (): string => `https://chat.whatsapp.com/${simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode}`
  const commands = (result: ActionRun, kind: string): string[] =>
    workflowCommands(result.stdout)
      .filter(([command]) => command === kind)
      .map(([, text]) => text)

  describe('qr-code', () => {
    itWithSymlinks('replaces a symbolic link at the path instead of writing through it', async () => {
      await writeFile(join(outside, 'victim.txt'), 'precious\n')
      await symlink('../outside/victim.txt', join(workspace, 'join.svg'))

      const result = await run({ 'qr-code': 'join.svg' })

      expect(result.exitCode).toBe(0)
      expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('precious\n')
      expect((await lstat(join(workspace, 'join.svg'))).isFile()).toBe(true)
      expect(await readFile(join(workspace, 'join.svg'), 'utf8')).toMatch(/^<svg /)
      expect(result.outputs['qr-code-files']).toBe('join.svg')
    })

    itWithSymlinks(
      'refuses a folder that is a symbolic link leading outside before any request, naming the input',
      async () => {
        await symlink('../outside', join(workspace, 'qr'))

        const result = await run({ 'qr-code': 'qr/{group}.png' })

        expect(result.exitCode).toBe(1)
        expect(simulator.requests).toHaveLength(0)
        expect(await readdir(outside)).toEqual([])
        expect(commands(result, 'error')).toEqual([
          'Input "qr-code" holds "qr/{group}.png", which is outside the workspace and RUNNER_TEMP; expected a path inside one of them, such as qr/{group}.png'
        ])
      }
    )

    itWithSymlinks(
      'refuses at write time a folder that {group} names and that is a symbolic link leading outside',
      async () => {
        await symlink('../outside', join(workspace, 'qr-120363406289005073'))

        const result = await run({ 'qr-code': 'qr-{group}/join.png' })

        expect(await readdir(outside)).toEqual([])
        expect(result.exitCode).toBe(1)
        expect(result.outputs['qr-code-files']).toBe('')
        // The link was reset, so it is handed on; the step fails naming the QR code it refused.
        expect(result.outputs['invite-link']).toMatch(/^https:\/\/chat\.whatsapp\.com\//)
        expect(commands(result, 'error')).toEqual([
          expect.stringMatching(/QR code qr-120363406289005073\/join\.png: its folder leads outside the workspace/)
        ])
      }
    )

    itWithSymlinks('refuses a folder symlink on the way even when the folders below it do not exist yet', async () => {
      await symlink('../outside', join(workspace, 'qr'))
      const result = await run({ 'qr-code': 'qr/deep/er/join.png' })
      expect(result.exitCode).toBe(1)
      expect(await readdir(outside)).toEqual([])
    })

    itWithSymlinks('follows a folder symlink that stays inside the workspace', async () => {
      await mkdir(join(workspace, 'site', 'img'), { recursive: true })
      await symlink('site/img', join(workspace, 'qr'))
      const result = await run({ 'qr-code': 'qr/join.png' })
      expect(result.exitCode).toBe(0)
      expect((await readFile(join(workspace, 'site', 'img', 'join.png'))).subarray(1, 4).toString()).toBe('PNG')
    })

    // An absolute path and one that climbs out through a folder: refusals.test.ts.
    it('refuses "../outside/join.png", outside the workspace and RUNNER_TEMP, before any request', async () => {
      const path = '../outside/join.png'
      const result = await run({ 'qr-code': path })
      expect(result.exitCode).toBe(1)
      expect(commands(result, 'error')).toEqual([
        expect.stringMatching(/^Input "qr-code" holds ".*", which is outside the workspace and RUNNER_TEMP/)
      ])
      expect(simulator.requests).toHaveLength(0)
    })

    it('writes under RUNNER_TEMP, as the README’s example does', async () => {
      const runnerTemp = join(root, 'runner-temp')
      await mkdir(runnerTemp)
      const result = await run({ 'qr-code': join(runnerTemp, 'qr', 'join.png') }, { RUNNER_TEMP: runnerTemp })
      expect(result.exitCode).toBe(0)
      // Listed with forward slashes on every system.
      expect(result.outputs['qr-code-files']).toBe(join(runnerTemp, 'qr', 'join.png').replaceAll(sep, '/'))
      expect((await readFile(join(runnerTemp, 'qr', 'join.png'))).length).toBeGreaterThan(100)
    })
  })

  describe('update-files', () => {
    itWithSymlinks.each([
      ['linkdir/victim.md', 'linkdir/victim.md'],
      ['linkdir/sub/**/*.md', 'linkdir/sub/victim.md'],
      ['linkdir/**/*.md', undefined],
      ['**/*.md', undefined]
    ])('leaves alone files reached through a folder symlink that leads outside (%j)', async (pattern, reached) => {
      const before = `Join: ${oldLink()}\n`
      await mkdir(join(outside, 'sub'))
      await writeFile(join(outside, 'victim.md'), before)
      await writeFile(join(outside, 'sub', 'victim.md'), before)
      await symlink('../outside', join(workspace, 'linkdir'))
      await writeFile(join(workspace, 'own.md'), before)

      const result = await run({ 'update-files': `${pattern}\nown.md` })

      expect(result.exitCode).toBe(0)
      expect(await readFile(join(outside, 'victim.md'), 'utf8')).toBe(before)
      expect(await readFile(join(outside, 'sub', 'victim.md'), 'utf8')).toBe(before)
      expect(result.outputs['updated-files']).toBe('own.md')
      // glob reaches through the link only when it is on the literal part of the pattern.
      // A skipped file is a warning, which the run page shows.
      const skipped = result.stdout.split('\n').filter((line) => line.startsWith('::warning::Skipped linkdir'))
      expect(skipped).toEqual(reached ? [`::warning::Skipped ${reached}: its real path is outside the workspace.`] : [])
    })

    it('tries every file: one it cannot write fails the step by name, the rest are updated', async () => {
      const before = `Join: ${oldLink()}\n`
      // A name of 250 bytes is valid, but its temporary sibling's name (.NAME.<12 hex>.tmp) is over
      // the 255-byte limit, so the write fails with ENAMETOOLONG, even for root (the tests run as root,
      // who may write into a read-only folder).
      const longName = `${'a'.repeat(247)}.md`
      await writeFile(join(workspace, longName), before)
      await writeFile(join(workspace, 'zz-good.md'), before)

      const result = await run({ 'update-files': '*.md' })

      expect(await readFile(join(workspace, 'zz-good.md'), 'utf8')).not.toBe(before)
      expect(await readFile(join(workspace, longName), 'utf8')).toBe(before)
      expect(result.outputs['updated-files']).toBe('zz-good.md')
      expect(result.exitCode).toBe(1)
      expect(commands(result, 'warning')).toEqual([
        expect.stringContaining(`Could not update ${longName}: ENAMETOOLONG`)
      ])
      expect(commands(result, 'error')).toEqual([
        expect.stringContaining(`update-files could not update 1 file: ${longName}`)
      ])
      expect(result.outputs['invite-link']).toMatch(/^https:\/\/chat\.whatsapp\.com\//)
    })

    it('skips a file over the size cap without reading it, and updates the next one', async () => {
      const before = `Join: ${oldLink()}\n`
      await writeFile(join(workspace, 'huge.md'), before)
      await truncate(join(workspace, 'huge.md'), 600 * 1024 * 1024) // sparse: costs no disk
      await writeFile(join(workspace, 'zz-good.md'), before)

      const result = await run({ 'update-files': '*.md' })

      expect(result.exitCode).toBe(0)
      expect(result.outputs['updated-files']).toBe('zz-good.md')
      expect(result.stdout).toContain('::warning::Skipped huge.md: it is larger than 10 MiB.')
      // Its head only: reading all 600 MiB back would cost the test seconds.
      const huge = await open(join(workspace, 'huge.md'))
      const head = Buffer.alloc(before.length)
      await huge.read(head, 0, before.length, 0)
      await huge.close()
      expect(head.toString()).toBe(before)
    })

    itWithFifos('skips a named pipe without hanging, and updates the next file', async () => {
      execFileSync('mkfifo', [join(workspace, 'pipe.md')])
      const before = `Join: ${oldLink()}\n`
      await writeFile(join(workspace, 'zz-good.md'), before)

      const result = await run({ 'update-files': '*.md' })

      expect(result.exitCode).toBe(0)
      expect(result.outputs['updated-files']).toBe('zz-good.md')
      expect(result.stdout).toContain('::warning::Skipped pipe.md: it is not a regular file.')
    })

    // The pattern's other spellings: refusals.test.ts.
    it('refuses "docs/[.]/a.md", which the glob library would refuse, before any request', async () => {
      const pattern = 'docs/[.]/a.md'
      const result = await run({ 'update-files': `*.md\n${pattern}` })
      expect(result.exitCode).toBe(1)
      expect(commands(result, 'error')).toEqual([
        expect.stringMatching(
          /^Input "update-files" line 2 holds ".*", with a "\." or "\.\." segment .*, which @actions\/glob refuses/
        )
      ])
      expect(simulator.requests).toHaveLength(0)
    })
  })
})
