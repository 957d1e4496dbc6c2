import { constants } from 'node:fs'
import { rename } from 'node:fs/promises'
import { sep } from 'node:path'

/**
 * What the file code can rely on where it runs. Windows has no O_NOFOLLOW or O_NONBLOCK (Node's
 * fs.constants leaves them out there), its paths use `\`, and a rename onto a file that another
 * program holds open fails for as long as it does. Tests hand in another platform to reach the
 * Windows branches on Linux.
 */
export interface FilePlatform {
  /** O_NOFOLLOW, or undefined where the system has none. */
  noFollow: number | undefined
  /** O_NONBLOCK, or undefined where the system has none. */
  nonBlock: number | undefined
  /** Whether a rename can fail for a while with EPERM, EBUSY or EACCES because the file is held open. */
  renameWaitsForLocks: boolean
  /** The separator in the paths the system gives; outputs always use `/`. */
  separator: string
  rename: (from: string, to: string) => Promise<void>
}

export function filePlatform(
  system: NodeJS.Platform = process.platform,
  flags: Partial<typeof constants> = constants,
  separator: string = sep
): FilePlatform {
  return {
    noFollow: flags.O_NOFOLLOW,
    nonBlock: flags.O_NONBLOCK,
    renameWaitsForLocks: system === 'win32',
    separator,
    rename
  }
}

export const CURRENT_PLATFORM = filePlatform()
