import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { constants } from 'node:fs'
import { chmod, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LOCKED_RENAME_PATIENCE_MS, replaceFileAtomically } from '../../src/workspace/atomic-file.js'
import { portablePath } from '../../src/workspace/paths.js'
import { CURRENT_PLATFORM, type FilePlatform, filePlatform } from '../../src/workspace/platform.js'
import { WINDOWS_FS_CONSTANTS } from '../helpers/platforms.js'

const failure = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: operation not permitted, rename 'a' -> 'b'`), { code })

/** A rename that fails with `code` the first `times` calls, as when an editor holds the file open. */
function lockedRename(code: string, times: number): { rename: FilePlatform['rename']; calls: () => number } {
  let calls = 0
  return {
    rename: async (from, to) => {
      if (++calls <= times) throw failure(code)
      await rename(from, to)
    },
    calls: () => calls
  }
}

describe('filePlatform', () => {
  it('has no O_NOFOLLOW or O_NONBLOCK on Windows, and waits for locked renames only there', () => {
    const windows = filePlatform('win32', WINDOWS_FS_CONSTANTS, '\\')
    expect(windows).toMatchObject({ noFollow: undefined, nonBlock: undefined, renameWaitsForLocks: true })
    expect(filePlatform('darwin', constants, '/')).toMatchObject({
      noFollow: constants.O_NOFOLLOW,
      nonBlock: constants.O_NONBLOCK,
      renameWaitsForLocks: false
    })
  })

  it('is, on the system running the tests, what that system has', () => {
    if (process.platform === 'win32') expect(CURRENT_PLATFORM.noFollow).toBeUndefined()
    else expect(CURRENT_PLATFORM.noFollow).toBe(constants.O_NOFOLLOW)
  })
})

describe('portablePath', () => {
  it('writes a Windows path with forward slashes, and leaves a POSIX name holding a backslash alone', () => {
    expect(portablePath('docs\\site\\join.md', '\\')).toBe('docs/site/join.md')
    expect(portablePath('C:\\a\\_temp\\qr\\1.png', '\\')).toBe('C:/a/_temp/qr/1.png')
    expect(portablePath('docs/odd\\name.md', '/')).toBe('docs/odd\\name.md')
  })
})

describe('replaceFileAtomically', () => {
  let dir: string
  let waits: number[]
  const wait = (ms: number): Promise<void> => {
    waits.push(ms)
    return Promise.resolve()
  }
  const windowsWith = (rename: FilePlatform['rename']): FilePlatform => ({
    ...filePlatform('win32', WINDOWS_FS_CONSTANTS, '\\'),
    rename
  })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ryze-atomic-'))
    waits = []
    await writeFile(join(dir, 'page.md'), 'old')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('on Windows, waits out a rename refused twice with EPERM, then replaces the file', async () => {
    const locked = lockedRename('EPERM', 2)
    await replaceFileAtomically(join(dir, 'page.md'), Buffer.from('new'), {
      platform: windowsWith(locked.rename),
      wait
    })
    expect(await readFile(join(dir, 'page.md'), 'utf8')).toBe('new')
    expect(locked.calls()).toBe(3)
    expect(waits).toEqual([10, 20])
    expect(await readdir(dir)).toEqual(['page.md'])
  })

  it.each(['EBUSY', 'EACCES'])('on Windows, waits out %s the same way', async (code) => {
    const locked = lockedRename(code, 1)
    await replaceFileAtomically(join(dir, 'page.md'), Buffer.from('new'), {
      platform: windowsWith(locked.rename),
      wait
    })
    expect(await readFile(join(dir, 'page.md'), 'utf8')).toBe('new')
    expect(waits).toEqual([10])
  })

  it('on Windows, gives up after a bounded wait with a clear reason, leaving the file and no temporary file', async () => {
    const locked = lockedRename('EBUSY', Infinity)
    const replacing = replaceFileAtomically(join(dir, 'page.md'), Buffer.from('new'), {
      platform: windowsWith(locked.rename),
      wait
    })
    await expect(replacing).rejects.toThrow(
      'EBUSY: it could not be replaced for 3 s; another program may hold it open or its permissions forbid it'
    )
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(LOCKED_RENAME_PATIENCE_MS)
    expect(Math.max(...waits)).toBe(100)
    expect(await readFile(join(dir, 'page.md'), 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['page.md'])
  })

  it('on Windows, fails at once on a read-only file, which no wait would change', async () => {
    await chmod(join(dir, 'page.md'), 0o444)
    const replacing = replaceFileAtomically(join(dir, 'page.md'), Buffer.from('new'), {
      platform: windowsWith(lockedRename('EPERM', Infinity).rename),
      wait
    })
    await expect(replacing).rejects.toThrow(/^EPERM: it is read-only$/)
    expect(waits).toEqual([])
    expect(await readFile(join(dir, 'page.md'), 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['page.md'])
  })

  it('fails at once on any other error, and where renames are not held up by open files', async () => {
    const linux: FilePlatform = {
      ...CURRENT_PLATFORM,
      renameWaitsForLocks: false,
      rename: lockedRename('EPERM', 1).rename
    }
    await expect(
      replaceFileAtomically(join(dir, 'page.md'), Buffer.from('new'), { platform: linux, wait })
    ).rejects.toThrow('EPERM: operation not permitted')
    await expect(
      replaceFileAtomically(join(dir, 'page.md'), Buffer.from('new'), {
        platform: windowsWith(lockedRename('ENOSPC', 1).rename),
        wait
      })
    ).rejects.toThrow('ENOSPC')
    expect(waits).toEqual([])
    expect(await readdir(dir)).toEqual(['page.md'])
  })
})
