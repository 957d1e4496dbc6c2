import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import jsQRModule from 'jsqr'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { qrCodePath, writeQrCodes } from '../src/qr-code.js'

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
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ryze-qr-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('writes a PNG that scans back to the link, creating folders', async () => {
    const link = 'https://chat.whatsapp.com/Fh3kQ9zLm2Xc7VbN1pRt4W'
    const path = join(dir, 'nested', 'deeper', 'qr.PNG')
    expect(await writeQrCodes([{ path, inviteLink: link }])).toEqual([path])
    const png = PNG.sync.read(await readFile(path))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(link)
  })

  it('writes an SVG by extension', async () => {
    const path = join(dir, 'qr.svg')
    await writeQrCodes([{ path, inviteLink: 'https://chat.whatsapp.com/Abc123' }])
    expect(await readFile(path, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox/)
  })
})
