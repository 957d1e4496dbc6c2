import { create } from '@actions/glob'
import { constants } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { type FileHandle, lstat, open, realpath } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'
import { replaceFileAtomically } from '../workspace/atomic-file.js'
import { rootedPattern } from '../inputs/file-patterns.js'
import { fileErrorReason, isInside, isWithin, portablePath } from '../workspace/paths.js'
import { CURRENT_PLATFORM, type FilePlatform } from '../workspace/platform.js'
import { findUnprintable } from '../safety/text-safety.js'

/** A link to replace: every form of the old code's link becomes the new canonical link. */
export interface LinkChange {
  oldCode: string
  newLink: string
}

/** A matched file left alone, or one that could not be updated, and why. */
export interface FileNote {
  file: string
  reason: string
}

export interface FileUpdateReport {
  /** Changed files, relative to the workspace with `/` on every system, in the order found: exactly those rewritten. */
  updatedFiles: string[]
  /** For each old code, the files in which its link was replaced. */
  filesByOldCode: Map<string, string[]>
  /** Files matched but left alone on purpose: binary, too large, not a regular file, or outside. */
  skipped: FileNote[]
  /** Files that held an old link but could not be read or rewritten. */
  failed: FileNote[]
}

/**
 * Files holding invite links are pages, docs and configuration, far below this; a larger file is
 * generated data or media, and reading it whole would cost its size in memory several times over.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
const BINARY_SNIFF_BYTES = 8000

/**
 * Replaces old invite links with new ones in the files the patterns match. Every file is tried: a
 * failure is noted and the next file is tried. Each file is rewritten atomically and keeps its mode;
 * its bytes are handled as latin1, so every byte other than the links (encodings, BOMs, CRLF) stays.
 * A file whose real path (symbolic links resolved) is outside the workspace is never touched.
 */
export async function updateFiles(
  patterns: string[],
  workspace: string,
  changes: LinkChange[],
  platform: FilePlatform = CURRENT_PLATFORM
): Promise<FileUpdateReport> {
  const report: FileUpdateReport = { updatedFiles: [], filesByOldCode: new Map(), skipped: [], failed: [] }
  if (patterns.length === 0 || changes.length === 0) return report

  const globber = await create(patterns.map((pattern) => rootedPattern(workspace, pattern)).join('\n'), {
    followSymbolicLinks: false,
    matchDirectories: false
  })
  const realWorkspace = await realpath(workspace)

  for (const path of await globber.glob()) {
    if (!isInside(workspace, path)) continue
    const file = portablePath(relative(workspace, path), platform.separator)
    // Such a name would break the one-per-line updated-files output, or mislead the log line naming it.
    if (findUnprintable(file) !== undefined) continue
    try {
      const outcome = await updateFile(path, realWorkspace, changes, platform)
      if (typeof outcome === 'string') {
        report.skipped.push({ file, reason: outcome })
        continue
      }
      if (outcome.length === 0) continue
      report.updatedFiles.push(file)
      for (const oldCode of outcome) {
        report.filesByOldCode.set(oldCode, [...(report.filesByOldCode.get(oldCode) ?? []), file])
      }
    } catch (error) {
      report.failed.push({ file, reason: fileErrorReason(error) })
    }
  }
  return report
}

/** The old codes replaced in the file (none: nothing to change), or why it was skipped. */
async function updateFile(
  path: string,
  realWorkspace: string,
  changes: LinkChange[],
  platform: FilePlatform
): Promise<string[] | string> {
  // Check the type before opening: opening a named pipe would wait for a writer, and where there is
  // no O_NOFOLLOW (Windows) this and the identity check after opening keep links from being followed.
  const stats = await lstat(path, { bigint: true })
  if (stats.isSymbolicLink()) return 'it is a symbolic link, which is not followed'
  if (!stats.isFile()) return 'it is not a regular file'
  const realDirectory = await realpath(dirname(path))
  if (!isWithin(realWorkspace, realDirectory)) return 'its real path is outside the workspace'
  if (stats.size > MAX_FILE_BYTES) return tooLarge()
  const realPath = join(realDirectory, basename(path))

  const content = await readRegularFile(realPath, stats, platform)
  if (content === undefined) return 'it changed while being read'
  if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return 'it looks like a binary file'

  let text = content.toString('latin1')
  const replacedCodes: string[] = []
  for (const change of changes) {
    const replaced = replaceInviteLink(text, change.oldCode, change.newLink)
    if (replaced.count === 0) continue
    text = replaced.text
    replacedCodes.push(change.oldCode)
  }
  if (replacedCodes.length > 0) {
    const mode = Number(stats.mode & 0o7777n)
    await replaceFileAtomically(realPath, Buffer.from(text, 'latin1'), { mode, platform })
  }
  return replacedCodes
}

function tooLarge(): string {
  return `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`
}

/**
 * Reads the file the checks above were made on (`checked`), or undefined if it is no longer that
 * file. Where they exist, O_NOFOLLOW refuses a symbolic link put there since and O_NONBLOCK keeps a
 * named pipe from blocking the open (Windows has neither, and no named pipes among files). On every
 * system the open file must be the same regular file (device and inode compared in full), no
 * larger than it was: at most one byte more is read.
 */
export async function readRegularFile(
  path: string,
  checked: BigIntStats,
  platform: FilePlatform = CURRENT_PLATFORM
): Promise<Buffer | undefined> {
  const size = Number(checked.size)
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | (platform.noFollow ?? 0) | (platform.nonBlock ?? 0))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return undefined
    throw error
  }
  try {
    const stats = await handle.stat({ bigint: true })
    if (!stats.isFile() || stats.ino !== checked.ino || stats.dev !== checked.dev) return undefined
    const buffer = Buffer.alloc(size + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return length > size ? undefined : buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

/**
 * Replaces every occurrence of the invite link with code `oldCode`, in any form people write it
 * (with or without https://, www. or /invite/), by `newLink`. Links of other groups are left alone,
 * including those whose code merely starts with `oldCode`.
 */
export function replaceInviteLink(text: string, oldCode: string, newLink: string): { text: string; count: number } {
  const pattern = new RegExp(
    `(?<![\\w./-])(?:https?://)?(?:www\\.)?chat\\.whatsapp\\.com/(?:invite/)?${oldCode}(?![A-Za-z0-9])`,
    'gi'
  )
  let count = 0
  const replaced = text.replace(pattern, (match) => {
    // The host is case-insensitive; the code is not.
    if (!match.endsWith(oldCode)) return match
    count++
    return newLink
  })
  return { text: replaced, count }
}
