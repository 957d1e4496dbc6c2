import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { PROJECT_ROOT, bundleBuilt } from '../helpers/run-action.js'
import { describeWithBash } from '../helpers/platforms.js'

/** scripts/release.sh in a throwaway repository holding the project's files as they are now. */
describeWithBash('the release script', () => {
  let clone: string
  let base: string
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: clone, encoding: 'utf8' }).trim()
  const release = (...args: string[]) =>
    spawnSync('bash', ['scripts/release.sh', ...args], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'silent' }
    })

  beforeAll(async () => {
    await bundleBuilt()
    clone = await mkdtemp(join(tmpdir(), 'ryze-release-'))
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8'
    })
      .split('\0')
      .filter((file) => file !== '' && existsSync(join(PROJECT_ROOT, file)))
    for (const file of files) await cp(join(PROJECT_ROOT, file), join(clone, file), { recursive: true })
    // The script's own logic is what is tested here: its `npm run bundle` is a stand-in that lays
    // down the dist/ that npm test has just built from these sources (ncc's own determinism is
    // checked by CI's dist check), so that the test does not pay for two more ncc builds.
    const built = join(clone, '..', `${basename(clone)}-built-dist`)
    await cp(join(PROJECT_ROOT, 'dist'), built, { recursive: true })
    const manifest = JSON.parse(await readFile(join(clone, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    manifest.scripts.bundle = `node -e "const fs = require('fs'); fs.rmSync('dist', { recursive: true, force: true }); fs.cpSync(process.argv[1], 'dist', { recursive: true })" ${JSON.stringify(built)}`
    // The dist/ laid down is already whole: postbundle's minifying must not run on it twice.
    delete manifest.scripts.postbundle
    await writeFile(join(clone, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    git('init', '--quiet', '--initial-branch=main')
    git('config', 'user.email', 'release-test@example.invalid')
    git('config', 'user.name', 'Release test')
    git('add', '--all')
    git('commit', '--quiet', '-m', 'The project as it is now')
    base = git('rev-parse', 'HEAD')
  }, 60_000)
  afterEach(() => {
    for (const tag of git('tag', '--list').split('\n').filter(Boolean)) git('tag', '-d', tag)
    git('reset', '--quiet', '--hard', base)
    git('clean', '-fdq')
  })
  afterAll(async () => {
    await rm(clone, { recursive: true, force: true })
    await rm(join(clone, '..', `${basename(clone)}-built-dist`), { recursive: true, force: true })
  })

  it('tags vX.Y.Z and moves the major tag to the same commit', () => {
    const version = (JSON.parse(git('show', 'HEAD:package.json')) as { version: string }).version
    const result = release(version)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(git('rev-parse', `v${version}^{commit}`)).toBe(base)
    expect(git('rev-parse', `v${version.split('.')[0]!}^{commit}`)).toBe(base)
  }, 60_000)

  it.each([
    ['a version that is not X.Y.Z', () => ['1.0'], /usage: npm run release -- X.Y.Z/],
    ['a version package.json does not have', () => ['9.9.9'], /package.json says version .*, not 9\.9\.9/],
    [
      'uncommitted changes',
      async () => {
        await writeFile(join(clone, 'README.md'), 'changed\n')
        return ['1.0.0']
      },
      /uncommitted changes/
    ],
    [
      'a dist/ that is not what the sources build',
      async () => {
        await appendFile(join(clone, 'dist', 'index.js'), '\n// edited by hand\n')
        git('commit', '--quiet', '-am', 'Edit dist by hand')
        return ['1.0.0']
      },
      /dist\/ is not what the sources build/
    ]
  ])(
    'refuses %s and tags nothing',
    async (_case, arrange, message) => {
      const result = release(...(await arrange()))
      expect(result.status).not.toBe(0)
      expect(result.stderr).toMatch(message)
      expect(git('tag', '--list')).toBe('')
    },
    60_000
  )
})
