import { randomBytes } from 'node:crypto'
import { chmod, lstat, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { CURRENT_PLATFORM, type FilePlatform } from './platform.js'

/*
 * On Windows an editor, an indexer or a virus scanner that holds the file open makes the rename
 * fail with EPERM, EBUSY or EACCES until it lets go. graceful-fs tries such a rename again with a
 * backoff growing by 10 ms up to 100 ms, for up to a minute; a workflow step waits 3 s at most.
 * This wait is for the file system, not RyzeAPI, and stays off the default path: hence here, not
 * in retry.ts.
 */
const LOCK_CODES = new Set(['EPERM', 'EBUSY', 'EACCES'])
export const LOCKED_RENAME_PATIENCE_MS = 3000
const BACKOFF_STEP_MS = 10
const MAX_BACKOFF_MS = 100

export interface ReplaceOptions {
  /** The new file gets exactly this mode (the umask may have narrowed it). */
  mode?: number
  platform?: FilePlatform
  wait?: (ms: number) => Promise<unknown>
}

/**
 * Writes `content` to a new file beside `path`, then renames it over `path`: a reader never sees
 * half a file, and a symbolic link at `path` is replaced rather than written through. The new file
 * is created exclusively (O_EXCL, CREATE_NEW on Windows), so it is never a link someone put there.
 */
export async function replaceFileAtomically(
  path: string,
  content: Buffer,
  options: ReplaceOptions = {}
): Promise<void> {
  const { mode, platform = CURRENT_PLATFORM, wait = delay } = options
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) })
    if (mode !== undefined) await chmod(temporary, mode)
    await renameWaitingForLocks(temporary, path, platform, wait)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined)
    throw error
  }
}

async function renameWaitingForLocks(
  from: string,
  to: string,
  platform: FilePlatform,
  wait: (ms: number) => Promise<unknown>
): Promise<void> {
  let waitedMs = 0
  for (let backoffMs = BACKOFF_STEP_MS; ; backoffMs = Math.min(backoffMs + BACKOFF_STEP_MS, MAX_BACKOFF_MS)) {
    try {
      await platform.rename(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (!platform.renameWaitsForLocks || !LOCK_CODES.has(code)) throw error
      // Windows refuses to replace a read-only file for as long as it stays so: no use waiting.
      if (await isReadOnly(to)) throw new Error(`${code}: it is read-only`, { cause: error })
      if (waitedMs >= LOCKED_RENAME_PATIENCE_MS) {
        // No ", " in the message: fileErrorReason keeps what comes before the first one.
        throw new Error(
          `${code}: it could not be replaced for ${LOCKED_RENAME_PATIENCE_MS / 1000} s; another program may hold it open or its permissions forbid it`,
          { cause: error }
        )
      }
      const ms = Math.min(backoffMs, LOCKED_RENAME_PATIENCE_MS - waitedMs)
      await wait(ms)
      waitedMs += ms
    }
  }
}

/** On Windows, the read-only attribute: Node shows it as a mode without write permissions. */
function isReadOnly(path: string): Promise<boolean> {
  return lstat(path).then(
    (stats) => (stats.mode & 0o222) === 0,
    () => false
  )
}
