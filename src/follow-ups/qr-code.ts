import { lstat, mkdir, realpath } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import QRCode from 'qrcode'
import { replaceFileAtomically } from '../workspace/atomic-file.js'
import { fileErrorReason, isInside, isWithin } from '../workspace/paths.js'
import { CURRENT_PLATFORM, type FilePlatform } from '../workspace/platform.js'

export interface QrCodeTarget {
  /** The path, with `{group}` replaced. */
  path: string
  inviteLink: string
}

export interface QrCodeReport {
  /** The paths written, as asked for. */
  written: string[]
  /** The paths not written, and why. */
  failed: Array<{ path: string; reason: string }>
}

/** `{group}` is the JID's user part (`120363406289005073`), or the invite code when no JID is known. */
export function qrCodePath(template: string, groupJid: string, inviteCode: string): string {
  const name = groupJid === '' ? inviteCode : groupJid.replace(/@g\.us$/, '')
  return template.replaceAll('{group}', name)
}

/**
 * Writes each QR code as PNG or SVG by extension, only inside `roots` once symbolic links are
 * resolved; every target is tried. The code is written to a new file in the real folder, then
 * renamed over the path: a symbolic link at the path is replaced, never written through.
 */
export async function writeQrCodes(
  targets: QrCodeTarget[],
  roots: string[],
  platform: FilePlatform = CURRENT_PLATFORM
): Promise<QrCodeReport> {
  const report: QrCodeReport = { written: [], failed: [] }
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => root)))
  for (const { path, inviteLink } of targets) {
    try {
      const folder = await realFolderWithin(path, roots, realRoots)
      await replaceFileAtomically(join(folder, basename(path)), await render(path, inviteLink), { platform })
      report.written.push(path)
    } catch (error) {
      report.failed.push({ path, reason: fileErrorReason(error) })
    }
  }
  return report
}

/** The real folder of `path`, created if need be, once it is known to be inside a root. */
async function realFolderWithin(path: string, roots: string[], realRoots: string[]): Promise<string> {
  const outside = new Error('its folder leads outside the workspace and RUNNER_TEMP')
  if (!roots.some((root) => isInside(root, path))) throw outside
  const folder = dirname(path)
  // Check the deepest folder that exists before creating any below it, so that none is made outside.
  const existing = await deepestExisting(folder)
  if (!realRoots.some((root) => isWithin(root, existing))) throw outside
  await mkdir(folder, { recursive: true })
  const real = await realpath(folder)
  if (!realRoots.some((root) => isWithin(root, real))) throw outside
  return real
}

async function deepestExisting(folder: string): Promise<string> {
  for (let current = folder; ; current = dirname(current)) {
    try {
      return await realpath(current)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw error
      // A broken symbolic link: mkdir would not say where it leads.
      const isLink = await lstat(current).then(
        () => true,
        () => false
      )
      if (isLink) throw new Error('its folder is a broken symbolic link', { cause: error })
    }
  }
}

async function render(path: string, inviteLink: string): Promise<Buffer> {
  const options = { errorCorrectionLevel: 'M', margin: 4 } as const
  return /\.svg$/i.test(path)
    ? Buffer.from(await QRCode.toString(inviteLink, { ...options, type: 'svg' }))
    : QRCode.toBuffer(inviteLink, { ...options, type: 'png', width: 512 })
}
