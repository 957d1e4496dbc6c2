import { dirname, resolve } from 'node:path'
import { InputError } from '../safety/errors.js'
import { isInside, staysInRoots } from '../workspace/paths.js'
import { quotedInput } from '../safety/text-safety.js'

/* The qr-code input, read only when it is set. */

export interface QrCodeSettings {
  /** The path, resolved against the workspace, with `{group}` still in it. */
  template: string
  /** The folders QR codes may be written in: the workspace, and RUNNER_TEMP when set. */
  roots: string[]
}

/** A QR code may be written in the workspace, or in the runner's temporary folder (RUNNER_TEMP). */
export function parseQrCodePath(
  raw: string,
  groupCount: number,
  workspace: string,
  runnerTemp: string | undefined,
  system: NodeJS.Platform = process.platform
): QrCodeSettings {
  const value = raw.trim()
  if (!/\.(png|svg)$/i.test(value)) {
    throw new InputError('qr-code', `holds ${quotedInput(value)}; expected a file path ending in .png or .svg`)
  }
  if (groupCount > 1 && !value.includes('{group}')) {
    throw new InputError(
      'qr-code',
      `holds ${quotedInput(value)} without {group}; with several groups, expected a path such as qr/{group}.png`
    )
  }
  // {group} becomes digits, hyphens or an invite code's letters: it cannot lead anywhere else.
  const template = resolve(workspace, value)
  const roots = runnerTemp ? [workspace, resolve(runnerTemp)] : [workspace]
  // The folder as it is on disk now, symbolic links resolved: a link leading out is refused before
  // any request (the part that {group} names is checked again when the file is written).
  const fixedFolder = dirname(`${template.split('{group}')[0]}x`)
  if (!roots.some((root) => isInside(root, template)) || !staysInRoots(roots, fixedFolder)) {
    throw new InputError(
      'qr-code',
      `holds ${quotedInput(value)}, which is outside the workspace and RUNNER_TEMP; expected a path inside one of them, such as qr/{group}.png`
    )
  }
  // After the check above, which refuses a device or long path (\\.\, \\?\) as outside.
  const refused = system === 'win32' ? value.split(/[\\/]/).find(windowsRefusesName) : undefined
  if (refused !== undefined) {
    throw new InputError(
      'qr-code',
      `holds ${quotedInput(value)}, with the name ${quotedInput(refused)}, which Windows does not allow (no < > : " | ? * or control characters, no dot or space at its end, no device name such as CON or NUL); expected a path such as qr/{group}.png`
    )
  }
  return { template, roots }
}

/**
 * A file or folder name that Windows refuses, or takes for a device: the file would be written only
 * after the links were reset, and fail there. A drive (`C:`) and `.` or `..` are no names.
 */
function windowsRefusesName(name: string, index: number): boolean {
  if ((index === 0 && /^[a-z]:$/i.test(name)) || name === '.' || name === '..') return false
  return /[<>:"|?*\x00-\x1f]|[. ]$/.test(name) || /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i.test(name)
}
