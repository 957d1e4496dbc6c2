import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  truncate,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MAX_FILE_BYTES, readRegularFile, updateFiles } from '../../src/follow-ups/file-updates.js'
import { filePlatform } from '../../src/workspace/platform.js'
import {
  NAME_TOO_LONG,
  WINDOWS_FS_CONSTANTS,
  hasFileModes,
  itWithAnyFileName,
  itWithFifos,
  itWithSymlinks
} from '../helpers/platforms.js'

const OLD = 'OldCode123'
const sorted = <T extends { file: string }>(notes: T[]): T[] => [...notes].sort((a, b) => a.file.localeCompare(b.file))
const OTHER_OLD = 'OtherOld99'
const NEW = 'https://chat.whatsapp.com/NewCode456'
const OTHER_NEW = 'https://chat.whatsapp.com/OtherNew77'
/** Windows' flags (no O_NOFOLLOW, no O_NONBLOCK) on this system's paths. */
const WITHOUT_FLAGS = filePlatform('win32', WINDOWS_FS_CONSTANTS)

describe('updateFiles', () => {
  let workspace: string
  let outside: string

  beforeEach(async () => {
    // @actions/glob reports its options as ::debug:: lines on stdout; keep them out of the report.
    jest.spyOn(process.stdout, 'write').mockReturnValue(true)
    workspace = await mkdtemp(join(tmpdir(), 'ryze-files-'))
    outside = await mkdtemp(join(tmpdir(), 'ryze-outside-'))
  })
  afterEach(async () => {
    jest.restoreAllMocks()
    await rm(workspace, { recursive: true, force: true })
    await rm(outside, { recursive: true, force: true })
  })

  const file = (...parts: string[]): string => join(workspace, ...parts)

  it('replaces each group’s old link in the matched files and reports which changed', async () => {
    await mkdir(file('docs'), { recursive: true })
    await writeFile(file('README.md'), `A https://chat.whatsapp.com/${OLD}\nB chat.whatsapp.com/${OTHER_OLD}\n`)
    await writeFile(file('docs', 'a.md'), `only chat.whatsapp.com/invite/${OTHER_OLD}\n`)
    await writeFile(file('docs', 'b.md'), 'no link here\n')

    const report = await updateFiles(['**/*.md'], workspace, [
      { oldCode: OLD, newLink: NEW },
      { oldCode: OTHER_OLD, newLink: OTHER_NEW }
    ])

    expect(await readFile(file('README.md'), 'utf8')).toBe(`A ${NEW}\nB ${OTHER_NEW}\n`)
    expect(await readFile(file('docs', 'a.md'), 'utf8')).toBe(`only ${OTHER_NEW}\n`)
    expect(report.updatedFiles.sort()).toEqual(['README.md', 'docs/a.md'])
    expect(report.filesByOldCode.get(OLD)).toEqual(['README.md'])
    expect(report.filesByOldCode.get(OTHER_OLD)?.sort()).toEqual(['README.md', 'docs/a.md'])
  })

  it('keeps CRLF, other encodings’ bytes and the file mode, and leaves no temporary file', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`caf`),
      Buffer.from([0xe9]),
      Buffer.from(` https://chat.whatsapp.com/${OLD}\r\n`)
    ])
    await writeFile(file('page.html'), latin1)
    await writeFile(file('run.sh'), `#!/bin/sh\r\necho chat.whatsapp.com/${OLD}\r\n`)
    if (hasFileModes) await chmod(file('run.sh'), 0o750)

    await updateFiles(['*'], workspace, [{ oldCode: OLD, newLink: NEW }])

    expect(await readFile(file('page.html'))).toEqual(
      Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(` ${NEW}\r\n`)])
    )
    expect(await readFile(file('run.sh'), 'utf8')).toBe(`#!/bin/sh\r\necho ${NEW}\r\n`)
    if (hasFileModes) expect((await stat(file('run.sh'))).mode & 0o777).toBe(0o750)
    expect((await readdir(workspace)).sort()).toEqual(['page.html', 'run.sh'])
  })

  itWithSymlinks('skips binary files, excluded patterns, and symbolic links to files outside', async () => {
    const binary = Buffer.concat([Buffer.from(`https://chat.whatsapp.com/${OLD}`), Buffer.from([0])])
    await writeFile(file('logo.png'), binary)
    await writeFile(file('keep.md'), `https://chat.whatsapp.com/${OLD}`)
    await writeFile(join(outside, 'secret.md'), `https://chat.whatsapp.com/${OLD}`)
    await symlink(join(outside, 'secret.md'), file('linked.md'))

    const report = await updateFiles(['*', '!keep.md'], workspace, [{ oldCode: OLD, newLink: NEW }])

    expect(report.updatedFiles).toEqual([])
    expect(sorted(report.skipped)).toEqual([
      { file: 'linked.md', reason: 'it is a symbolic link, which is not followed' },
      { file: 'logo.png', reason: 'it looks like a binary file' }
    ])
    expect(await readFile(file('logo.png'))).toEqual(binary)
    expect(await readFile(file('keep.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
    expect(await readFile(join(outside, 'secret.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
  })

  itWithAnyFileName('leaves alone a file whose name holds a line break, which no list could name safely', async () => {
    await writeFile(file('evil\n::warning::name.md'), `https://chat.whatsapp.com/${OLD}`)
    await writeFile(file('plain.md'), `https://chat.whatsapp.com/${OLD}`)
    const report = await updateFiles(['*.md'], workspace, [{ oldCode: OLD, newLink: NEW }])
    expect(report.updatedFiles).toEqual(['plain.md'])
    expect(await readFile(file('evil\n::warning::name.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
  })

  itWithSymlinks('leaves alone files whose folder is a symbolic link leading outside, and says so', async () => {
    await writeFile(join(outside, 'victim.md'), `https://chat.whatsapp.com/${OLD}`)
    await symlink(outside, file('linkdir'))
    await mkdir(file('inner'))
    await writeFile(file('inner', 'a.md'), `https://chat.whatsapp.com/${OLD}`)
    await symlink('inner', file('alias'))

    const report = await updateFiles(['linkdir/victim.md', 'alias/a.md'], workspace, [{ oldCode: OLD, newLink: NEW }])

    expect(await readFile(join(outside, 'victim.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
    expect(report.skipped).toEqual([{ file: 'linkdir/victim.md', reason: 'its real path is outside the workspace' }])
    // A folder link that stays inside the workspace is fine.
    expect(report.updatedFiles).toEqual(['alias/a.md'])
    expect(await readFile(file('inner', 'a.md'), 'utf8')).toBe(NEW)
  })

  it('tries every file, and counts as updated only the files really rewritten', async () => {
    // The temporary sibling of a 250-byte name is over the 255-byte limit: the write fails (as root too).
    const long = `${'a'.repeat(247)}.md`
    await writeFile(file(long), `https://chat.whatsapp.com/${OLD}`)
    await writeFile(file('b.md'), `https://chat.whatsapp.com/${OLD}`)

    const report = await updateFiles(['*.md'], workspace, [{ oldCode: OLD, newLink: NEW }])

    expect(report.failed).toEqual([{ file: long, reason: NAME_TOO_LONG }])
    expect(report.updatedFiles).toEqual(['b.md'])
    expect(report.filesByOldCode.get(OLD)).toEqual(['b.md'])
    expect(await readFile(file('b.md'), 'utf8')).toBe(NEW)
    expect(await readFile(file(long), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
  })

  itWithFifos('skips files over the size cap, named pipes and other files that are not regular', async () => {
    await writeFile(file('big.md'), `https://chat.whatsapp.com/${OLD}`)
    await truncate(file('big.md'), MAX_FILE_BYTES + 1)
    await writeFile(file('cap.md'), `https://chat.whatsapp.com/${OLD}`)
    await truncate(file('cap.md'), MAX_FILE_BYTES)
    execFileSync('mkfifo', [file('pipe.md')])
    await writeFile(file('z.md'), `https://chat.whatsapp.com/${OLD}`)

    const report = await updateFiles(['*.md'], workspace, [{ oldCode: OLD, newLink: NEW }])

    expect(sorted(report.skipped)).toEqual([
      { file: 'big.md', reason: 'it is larger than 10 MiB' },
      // The sparse file's zeros make it look binary: it was read, and so was not over the cap.
      { file: 'cap.md', reason: 'it looks like a binary file' },
      { file: 'pipe.md', reason: 'it is not a regular file' }
    ])
    expect(report.updatedFiles).toEqual(['z.md'])
    expect(report.failed).toEqual([])
  })

  it('does nothing without patterns or changes', async () => {
    await writeFile(file('a.md'), `https://chat.whatsapp.com/${OLD}`)
    expect((await updateFiles([], workspace, [{ oldCode: OLD, newLink: NEW }])).updatedFiles).toEqual([])
    expect((await updateFiles(['*.md'], workspace, [])).updatedFiles).toEqual([])
    expect(await readFile(file('a.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
  })

  describe('where there is no O_NOFOLLOW or O_NONBLOCK (Windows)', () => {
    itWithFifos('still skips named pipes and symbolic links without opening them', async () => {
      await writeFile(join(outside, 'secret.md'), `https://chat.whatsapp.com/${OLD}`)
      await symlink(join(outside, 'secret.md'), file('linked.md'))
      execFileSync('mkfifo', [file('pipe.md')])
      await writeFile(file('z.md'), `https://chat.whatsapp.com/${OLD}`)

      const report = await updateFiles(['*.md'], workspace, [{ oldCode: OLD, newLink: NEW }], WITHOUT_FLAGS)

      expect(sorted(report.skipped)).toEqual([
        { file: 'linked.md', reason: 'it is a symbolic link, which is not followed' },
        { file: 'pipe.md', reason: 'it is not a regular file' }
      ])
      expect(report.updatedFiles).toEqual(['z.md'])
      expect(await readFile(join(outside, 'secret.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
    })

    itWithSymlinks('refuses a file swapped for a symbolic link after it was checked', async () => {
      await writeFile(file('page.md'), 'checked')
      const checked = await lstat(file('page.md'), { bigint: true })
      await writeFile(join(outside, 'secret.md'), 'secret')
      await rm(file('page.md'))
      await symlink(join(outside, 'secret.md'), file('page.md'))

      expect(await readRegularFile(file('page.md'), checked, WITHOUT_FLAGS)).toBeUndefined()
      expect(await readRegularFile(file('page.md'), checked)).toBeUndefined()
    })

    it('reads the file that was checked, and refuses another one put at its path', async () => {
      await writeFile(file('page.md'), 'checked')
      await writeFile(file('other.md'), 'other')
      const checked = await lstat(file('page.md'), { bigint: true })

      expect(await readRegularFile(file('page.md'), checked, WITHOUT_FLAGS)).toEqual(Buffer.from('checked'))
      expect(await readRegularFile(file('other.md'), checked, WITHOUT_FLAGS)).toBeUndefined()
    })

    it('lists the files it updated with forward slashes where the system writes backslashes', async () => {
      // On Linux a name holding a backslash stands in for the folder and file that it is on Windows.
      await mkdir(file('docs'))
      await writeFile(join(workspace, 'docs\\join.md'), `https://chat.whatsapp.com/${OLD}`)
      const backslashes = filePlatform('win32', WINDOWS_FS_CONSTANTS, '\\')

      const report = await updateFiles(['**/*.md'], workspace, [{ oldCode: OLD, newLink: NEW }], backslashes)

      expect(report.updatedFiles).toEqual(['docs/join.md'])
      expect(report.filesByOldCode.get(OLD)).toEqual(['docs/join.md'])
    })
  })
})
