import { randomBytes } from 'node:crypto'
import { chmod, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes `content` to a new file beside `path`, then renames it over `path`: a reader never sees
 * half a file, and a symbolic link at `path` is replaced rather than written through. With `mode`,
 * the new file gets exactly that mode (the umask may have narrowed it).
 */
export async function replaceFileAtomically(path: string, content: Buffer, mode?: number): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) })
    if (mode !== undefined) await chmod(temporary, mode)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined)
    throw error
  }
}
