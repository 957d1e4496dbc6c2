import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { updateFiles } from '../src/file-updates.js'

const OLD = 'OldCode123'
const OTHER_OLD = 'OtherOld99'
const NEW = 'https://chat.whatsapp.com/NewCode456'
const OTHER_NEW = 'https://chat.whatsapp.com/OtherNew77'

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
    await chmod(file('run.sh'), 0o750)

    await updateFiles(['*'], workspace, [{ oldCode: OLD, newLink: NEW }])

    expect(await readFile(file('page.html'))).toEqual(
      Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(` ${NEW}\r\n`)])
    )
    expect(await readFile(file('run.sh'), 'utf8')).toBe(`#!/bin/sh\r\necho ${NEW}\r\n`)
    expect((await stat(file('run.sh'))).mode & 0o777).toBe(0o750)
    expect((await readdir(workspace)).sort()).toEqual(['page.html', 'run.sh'])
  })

  it('skips binary files, excluded patterns, and symbolic links to files outside', async () => {
    const binary = Buffer.concat([Buffer.from(`https://chat.whatsapp.com/${OLD}`), Buffer.from([0])])
    await writeFile(file('logo.png'), binary)
    await writeFile(file('keep.md'), `https://chat.whatsapp.com/${OLD}`)
    await writeFile(join(outside, 'secret.md'), `https://chat.whatsapp.com/${OLD}`)
    await symlink(join(outside, 'secret.md'), file('linked.md'))

    const report = await updateFiles(['*', '!keep.md'], workspace, [{ oldCode: OLD, newLink: NEW }])

    expect(report.updatedFiles).toEqual([])
    expect(report.skippedBinary).toEqual(['logo.png'])
    expect(await readFile(file('logo.png'))).toEqual(binary)
    expect(await readFile(file('keep.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
    expect(await readFile(join(outside, 'secret.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
  })

  it('leaves alone a file whose name holds a line break, which no list could name safely', async () => {
    await writeFile(file('evil\n::warning::name.md'), `https://chat.whatsapp.com/${OLD}`)
    await writeFile(file('plain.md'), `https://chat.whatsapp.com/${OLD}`)
    const report = await updateFiles(['*.md'], workspace, [{ oldCode: OLD, newLink: NEW }])
    expect(report.updatedFiles).toEqual(['plain.md'])
    expect(await readFile(file('evil\n::warning::name.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
  })

  it('does nothing without patterns or changes', async () => {
    await writeFile(file('a.md'), `https://chat.whatsapp.com/${OLD}`)
    expect((await updateFiles([], workspace, [{ oldCode: OLD, newLink: NEW }])).updatedFiles).toEqual([])
    expect((await updateFiles(['*.md'], workspace, [])).updatedFiles).toEqual([])
    expect(await readFile(file('a.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${OLD}`)
  })
})
