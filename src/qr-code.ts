import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import QRCode from 'qrcode'

export interface QrCodeTarget {
  /** The path, with `{group}` replaced. */
  path: string
  inviteLink: string
}

/** `{group}` is the JID's user part (`120363406289005073`), or the invite code when no JID is known. */
export function qrCodePath(template: string, groupJid: string, inviteCode: string): string {
  const name = groupJid === '' ? inviteCode : groupJid.replace(/@g\.us$/, '')
  return template.replaceAll('{group}', name)
}

/** Writes each QR code as PNG or SVG by extension. */
export async function writeQrCodes(targets: QrCodeTarget[]): Promise<string[]> {
  const written: string[] = []
  for (const { path, inviteLink } of targets) {
    await mkdir(dirname(path), { recursive: true })
    if (/\.svg$/i.test(path)) {
      await writeFile(path, await QRCode.toString(inviteLink, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }))
    } else {
      await QRCode.toFile(path, inviteLink, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 512 })
    }
    written.push(path)
  }
  return written
}
