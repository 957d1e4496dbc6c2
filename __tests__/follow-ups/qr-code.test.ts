import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import jsQRModule from 'jsqr'
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { staysInRoots } from '../../src/workspace/paths.js'
import { qrCodePath, writeQrCodes } from '../../src/follow-ups/qr-code.js'
import { itWithSymlinks } from '../helpers/platforms.js'

// jsqr is CommonJS whose typings declare an ES default export.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default

describe('qrCodePath', () => {
  it('puts the JID’s user part, or else the code, in place of {group}', () => {
    expect(qrCodePath('/w/qr/{group}.png', '120363406289005073@g.us', 'Abc')).toBe('/w/qr/120363406289005073.png')
    expect(qrCodePath('/w/{group}/{group}.svg', '5511999999999-1581234567@g.us', 'Abc')).toBe(
      '/w/5511999999999-1581234567/5511999999999-1581234567.svg'
    )
    expect(qrCodePath('/w/qr-{group}.png', '', 'Abc123')).toBe('/w/qr-Abc123.png')
    expect(qrCodePath('/w/qr.png', '120363406289005073@g.us', 'Abc')).toBe('/w/qr.png')
  })
})

describe('writeQrCodes', () => {
  let dir: string
  let outside: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ryze-qr-'))
    outside = await mkdtemp(join(tmpdir(), 'ryze-qr-outside-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
    await rm(outside, { recursive: true, force: true })
  })
  const link = 'https://chat.whatsapp.com/Abc123'

  it('writes a PNG that scans back to the link, creating folders', async () => {
    const link = 'https://chat.whatsapp.com/Fh3kQ9zLm2Xc7VbN1pRt4W'
    const path = join(dir, 'nested', 'deeper', 'qr.PNG')
    expect(await writeQrCodes([{ path, inviteLink: link }], [dir])).toEqual({ written: [path], failed: [] })
    const png = PNG.sync.read(await readFile(path))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(link)
  })

  it('writes an SVG by extension', async () => {
    const path = join(dir, 'qr.svg')
    await writeQrCodes([{ path, inviteLink: 'https://chat.whatsapp.com/Abc123' }], [dir])
    expect(await readFile(path, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox/)
  })

  itWithSymlinks('replaces a symbolic link at the path, leaving its target alone', async () => {
    await writeFile(join(outside, 'victim.txt'), 'precious')
    await symlink(join(outside, 'victim.txt'), join(dir, 'join.svg'))
    const report = await writeQrCodes([{ path: join(dir, 'join.svg'), inviteLink: link }], [dir])
    expect(report).toEqual({ written: [join(dir, 'join.svg')], failed: [] })
    expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('precious')
    expect((await lstat(join(dir, 'join.svg'))).isSymbolicLink()).toBe(false)
  })

  itWithSymlinks('tries every target, refusing those whose folder leads outside the roots', async () => {
    await symlink(outside, join(dir, 'away'))
    await symlink(join(outside, 'missing'), join(dir, 'broken'))
    const targets = [
      join(dir, 'away', 'a.png'),
      join(dir, 'away', 'new', 'b.png'),
      join(dir, 'broken', 'c.png'),
      join(outside, 'd.png'),
      join(dir, 'ok', 'e.svg')
    ].map((path) => ({ path, inviteLink: link }))

    const report = await writeQrCodes(targets, [dir])

    expect(report.written).toEqual([join(dir, 'ok', 'e.svg')])
    expect(report.failed).toEqual([
      { path: join(dir, 'away', 'a.png'), reason: 'its folder leads outside the workspace and RUNNER_TEMP' },
      { path: join(dir, 'away', 'new', 'b.png'), reason: 'its folder leads outside the workspace and RUNNER_TEMP' },
      { path: join(dir, 'broken', 'c.png'), reason: 'its folder is a broken symbolic link' },
      { path: join(outside, 'd.png'), reason: 'its folder leads outside the workspace and RUNNER_TEMP' }
    ])
    expect(await readdir(outside)).toEqual([])
  })

  itWithSymlinks('writes in any of the roots, through folder links that stay inside them', async () => {
    await mkdir(join(dir, 'real'))
    await symlink('real', join(dir, 'alias'))
    const report = await writeQrCodes(
      [
        { path: join(dir, 'alias', 'a.svg'), inviteLink: link },
        { path: join(outside, 'b.svg'), inviteLink: link }
      ],
      [dir, outside]
    )
    expect(report.failed).toEqual([])
    expect((await readdir(join(dir, 'real'))).sort()).toEqual(['a.svg'])
    expect(await readdir(outside)).toEqual(['b.svg'])
  })

  itWithSymlinks(
    'tells, before anything is written, whether a folder stays in the roots once links are resolved',
    async () => {
      await symlink(outside, join(dir, 'away'))
      await mkdir(join(dir, 'real'))
      await symlink('real', join(dir, 'alias'))
      expect(staysInRoots([dir], join(dir, 'away', 'deeper'))).toBe(false)
      expect(staysInRoots([dir, outside], join(dir, 'away', 'deeper'))).toBe(true)
      expect(staysInRoots([dir], join(dir, 'alias', 'not', 'yet'))).toBe(true)
      expect(staysInRoots([dir], join(dir, 'not', 'yet'))).toBe(true)
      expect(staysInRoots([dir], join(outside, 'x'))).toBe(false)
    }
  )
})
