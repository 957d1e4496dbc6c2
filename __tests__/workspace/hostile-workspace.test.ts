import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, open, readFile, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { visibleText, commandTexts } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'
import { itWithFifos, itWithSymlinks } from '../helpers/platforms.js'

/**
 * A hostile workspace, each case run in process with the real toolkit against the simulator over
 * real HTTP: symbolic links that lead outside, huge files, named pipes and patterns that only the glob
 * library would refuse. Backoffs and read-back lags pass on a clock the simulator shares, without
 * waiting. files.e2e.test.ts runs one case of each family through the bundle: a QR code under
 * RUNNER_TEMP, a symbolic link at the QR code's path, a folder that {group} names and that leads
 * outside, and a file it cannot write.
 * Every run keeps the token out of sight.
 */
describe('a hostile workspace, run in process', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  let root: string
  let workspace: string
  let outside: string
  let runnerTemp: string

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock })
    await simulator.start()
    root = await mkdtemp(join(tmpdir(), 'ryze-hostile-'))
    workspace = join(root, 'workspace')
    outside = join(root, 'outside')
    await mkdir(workspace)
    await mkdir(outside)
    // As the bundle's runs have it: a RUNNER_TEMP of its own, apart from the workspace and outside.
    runnerTemp = await mkdtemp(join(tmpdir(), 'ryze-runner-temp-'))
  })
  afterEach(async () => {
    await simulator.stop()
    await rm(root, { recursive: true, force: true })
    await rm(runnerTemp, { recursive: true, force: true })
  })

  async function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess(
      { ...simulator.actionInputs(), ...inputs },
      { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: runnerTemp, ...env },
      clock
    )
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    return result
  }
  const oldLink = (): string => `https://chat.whatsapp.com/${simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode}`
  const commands = (result: InProcessRun, kind: string): string[] => commandTexts(result.stdout, kind)

  describe('qr-code', () => {
    // A symbolic link at the path, and a folder that {group} names and that leads outside: files.e2e.test.ts.
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
      expect(result.exitCode).toBeUndefined()
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

      expect(result.exitCode).toBeUndefined()
      expect(await readFile(join(outside, 'victim.md'), 'utf8')).toBe(before)
      expect(await readFile(join(outside, 'sub', 'victim.md'), 'utf8')).toBe(before)
      expect(result.outputs['updated-files']).toBe('own.md')
      // glob reaches through the link only when it is on the literal part of the pattern.
      // A skipped file is a warning, which the run page shows.
      const skipped = result.stdout
        .split('\n')
        .filter((line) => line.startsWith('::warning title=update-files skipped linkdir'))
      expect(skipped).toEqual(
        reached
          ? [
              `::warning title=update-files skipped ${reached}::Skipped ${reached}: its real path is outside the workspace.`
            ]
          : []
      )
    })

    // A file it cannot write among others: files.e2e.test.ts.
    it('skips a file over the size cap without reading it, and updates the next one', async () => {
      const before = `Join: ${oldLink()}\n`
      await writeFile(join(workspace, 'huge.md'), before)
      await truncate(join(workspace, 'huge.md'), 600 * 1024 * 1024) // sparse: costs no disk
      await writeFile(join(workspace, 'zz-good.md'), before)

      const result = await run({ 'update-files': '*.md' })

      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['updated-files']).toBe('zz-good.md')
      expect(result.stdout).toContain(
        '::warning title=update-files skipped huge.md::Skipped huge.md: it is larger than 10 MiB.'
      )
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

      expect(result.exitCode).toBeUndefined()
      expect(result.outputs['updated-files']).toBe('zz-good.md')
      expect(result.stdout).toContain(
        '::warning title=update-files skipped pipe.md::Skipped pipe.md: it is not a regular file.'
      )
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
