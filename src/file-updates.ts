import { create } from '@actions/glob'
import { randomBytes } from 'node:crypto'
import { chmod, lstat, open, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import { replaceInviteLink } from './identifier.js'

/** A link to replace: every form of the old code's link becomes the new canonical link. */
export interface LinkChange {
  oldCode: string
  newLink: string
}

export interface FileUpdateReport {
  /** Changed files, relative to the workspace, in the order found. */
  updatedFiles: string[]
  /** For each old code, the files in which its link was replaced. */
  filesByOldCode: Map<string, string[]>
  /** Files matched but left alone because they look binary. */
  skippedBinary: string[]
}

const BINARY_SNIFF_BYTES = 8000

/**
 * Replaces old invite links with new ones in the files the patterns match. Each file is rewritten
 * atomically and keeps its mode; its bytes are handled as latin1, so every byte other than the
 * links (encodings, BOMs, CRLF) stays as it was.
 */
export async function updateFiles(
  patterns: string[],
  workspace: string,
  changes: LinkChange[]
): Promise<FileUpdateReport> {
  const report: FileUpdateReport = { updatedFiles: [], filesByOldCode: new Map(), skippedBinary: [] }
  if (patterns.length === 0 || changes.length === 0) return report

  const rooted = patterns.map((pattern) =>
    pattern.startsWith('!') ? `!${join(workspace, pattern.slice(1))}` : join(workspace, pattern)
  )
  const globber = await create(rooted.join('\n'), { followSymbolicLinks: false, matchDirectories: false })

  for (const path of await globber.glob()) {
    const inside = relative(workspace, path)
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..') continue
    // Such a name would break the one-per-line updated-files output, or the log line naming it.
    if (/[\u0000-\u001f\u007f]/.test(inside)) continue
    const stats = await lstat(path)
    if (!stats.isFile()) continue
    if (await looksBinary(path)) {
      report.skippedBinary.push(inside)
      continue
    }

    let text = (await readFile(path)).toString('latin1')
    let changed = false
    for (const change of changes) {
      const replaced = replaceInviteLink(text, change.oldCode, change.newLink)
      if (replaced.count === 0) continue
      text = replaced.text
      changed = true
      const files = report.filesByOldCode.get(change.oldCode) ?? []
      files.push(inside)
      report.filesByOldCode.set(change.oldCode, files)
    }
    if (!changed) continue
    await writeAtomically(path, Buffer.from(text, 'latin1'), stats.mode & 0o7777)
    report.updatedFiles.push(inside)
  }
  return report
}

async function looksBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(BINARY_SNIFF_BYTES), 0, BINARY_SNIFF_BYTES, 0)
    return buffer.subarray(0, bytesRead).includes(0)
  } finally {
    await handle.close()
  }
}

/** Writes beside the file, then renames over it: a reader never sees half a file. */
async function writeAtomically(path: string, content: Buffer, mode: number): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, content, { mode })
    await chmod(temporary, mode) // the umask may have narrowed it
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}
