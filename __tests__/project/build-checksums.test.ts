import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildChecksumsHold, writeBuildChecksums } from '../../scripts/build-checksums.mjs'

/** `npm test` skips the build only while dist/build.sha256 holds: every change that matters must break it. */
describe('dist/build.sha256', () => {
  let root: string

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ryze-checksums-'))
    await mkdir(join(root, 'src'))
    await mkdir(join(root, 'dist'))
    await writeFile(join(root, 'src', 'main.ts'), 'export const answer = 42\n')
    await writeFile(join(root, 'package.json'), '{"name":"action","version":"1.0.0","type":"module"}\n')
    await writeFile(
      join(root, 'package-lock.json'),
      '{"name":"action","version":"1.0.0","lockfileVersion":3,"packages":{"":{"version":"1.0.0"}}}\n'
    )
    await writeFile(join(root, 'dist', 'index.js'), 'export const answer=42;\n')
    writeBuildChecksums(root)
  })
  afterEach(() => rm(root, { recursive: true, force: true }))

  it('lists each source and each file built, in sha256sum’s format, and holds right after the build', async () => {
    const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')
    expect(await readFile(join(root, 'dist', 'build.sha256'), 'utf8')).toBe(
      [
        `${sha256('export const answer = 42\n')}  src/main.ts`,
        `${sha256('{"name":"action","type":"module"}')}  package.json`,
        `${sha256('{"name":"action","lockfileVersion":3,"packages":{"":{}}}')}  package-lock.json`,
        `${sha256('export const answer=42;\n')}  dist/index.js`,
        ''
      ].join('\n')
    )
    expect(buildChecksumsHold(root)).toBe(true)
  })

  it.each([
    ['a source is edited', 'src/main.ts', 'export const answer = 43\n'],
    ['a source is added', 'src/extra.ts', 'export {}\n'],
    ['a dependency is upgraded', 'package-lock.json', '{"lockfileVersion":3,"packages":{"node_modules/a":{}}}\n'],
    [
      'the build is given another module type',
      'package.json',
      '{"name":"action","version":"1.0.0","type":"commonjs"}\n'
    ],
    ['a built file is edited by hand', 'dist/index.js', 'export const answer=43;\n'],
    ['a stale chunk is left in dist/', 'dist/1.index.js', 'export {}\n']
  ])('no longer holds when %s', async (_case, path, text) => {
    await writeFile(join(root, path), text)
    expect(buildChecksumsHold(root)).toBe(false)
  })

  it('still holds after a release bumps the version, which the build does not read', async () => {
    await writeFile(join(root, 'package.json'), '{"name":"action","version":"1.1.0","type":"module"}\n')
    await writeFile(
      join(root, 'package-lock.json'),
      '{"name":"action","version":"1.1.0","lockfileVersion":3,"packages":{"":{"version":"1.1.0"}}}\n'
    )
    expect(buildChecksumsHold(root)).toBe(true)
  })

  it('does not hold without the file, as in a dist/ built before it existed', async () => {
    await rm(join(root, 'dist', 'build.sha256'))
    expect(buildChecksumsHold(root)).toBe(false)
  })
})
