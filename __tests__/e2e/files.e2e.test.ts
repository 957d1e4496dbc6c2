import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { type ActionRun, runAction, commandTexts } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator } from '../simulator/ryze-simulator.js'
import { NAME_TOO_LONG, itWithSymlinks } from '../helpers/platforms.js'

/**
 * The bundled action in a hostile workspace, one case of each family: a QR code under RUNNER_TEMP
 * (the one case here that runs on Windows too), a symbolic link at the QR code's path, a folder that
 * {group} names and that leads outside, and a file it cannot write among others. Their variants
 * (folder symlinks that lead outside or stay inside, paths and patterns refused before any request,
 * huge files, named pipes) run in process in hostile-workspace.test.ts.
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

  const run = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> =>
    runAction({ ...simulator.actionInputs(), 'max-lag': '0.3', ...inputs }, { workspace, env })
  const oldLink = (): string => `https://chat.whatsapp.com/${simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode}`
  const commands = (result: ActionRun, kind: string): string[] => commandTexts(result.stdout, kind)

  describe('qr-code', () => {
    // A folder symlink refused before any request, one refused on the way, one that stays inside,
    // and "../outside/join.png": hostile-workspace.test.ts.
    it('writes under RUNNER_TEMP, as the README’s example does', async () => {
      const runnerTemp = join(root, 'runner-temp')
      await mkdir(runnerTemp)
      const result = await run({ 'qr-code': join(runnerTemp, 'qr', 'join.png') }, { RUNNER_TEMP: runnerTemp })
      expect(result.exitCode).toBe(0)
      // Listed with forward slashes on every system.
      expect(result.outputs['qr-code-files']).toBe(join(runnerTemp, 'qr', 'join.png').replaceAll(sep, '/'))
      expect((await readFile(join(runnerTemp, 'qr', 'join.png'))).length).toBeGreaterThan(100)
    })

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
  })

  describe('update-files', () => {
    // Folder symlinks that lead outside, a file over the size cap, a named pipe and "docs/[.]/a.md":
    // hostile-workspace.test.ts.
    it('tries every file: one it cannot write fails the step by name, the rest are updated', async () => {
      const before = `Join: ${oldLink()}\n`
      // A name of 250 bytes is valid, but its temporary sibling's name (.NAME.<12 hex>.tmp) is over
      // the 255-byte limit, so the write fails (NAME_TOO_LONG), even for root (the tests run as root,
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
        expect.stringContaining(`Could not update ${longName}: ${NAME_TOO_LONG}`)
      ])
      expect(commands(result, 'error')).toEqual([
        expect.stringContaining(`update-files could not update 1 file: ${longName}`)
      ])
      expect(result.outputs['invite-link']).toMatch(/^https:\/\/chat\.whatsapp\.com\//)
    })
  })
})
