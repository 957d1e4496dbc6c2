import { describe, it } from '@jest/globals'
import { constants } from 'node:fs'

/*
 * Tests that need what Windows does not have are skipped there; each name says what they need.
 * The guarantees they check are kept on Windows by other means, whose branches are tested on Linux
 * with an injected platform (__tests__/workspace/atomic-file.test.ts and __tests__/follow-ups/file-updates.test.ts).
 */
const onWindows = process.platform === 'win32'

/** Creating a symbolic link on Windows needs a privilege (or Developer Mode) a user may not have. */
export const itWithSymlinks = onWindows ? it.skip : it
/** Windows has no named pipes (FIFOs) among files, and no mkfifo. */
export const itWithFifos = onWindows ? it.skip : it
/** Windows forbids control characters and `:` in file names, so no such file reaches the action there. */
export const itWithAnyFileName = onWindows ? it.skip : it
/** Windows keeps no POSIX mode bits: chmod only sets or clears read-only. */
export const hasFileModes = !onWindows
/**
 * On Windows, child.kill() ends the process at once whatever the signal, so the action's handlers
 * never run. The runner sends Ctrl+C, then Ctrl+Break, through the console instead, which a test
 * cannot do; lost-answer.e2e.test.ts stands in for Ctrl+Break (SIGBREAK) on Linux and macOS.
 */
export const describeWithSignals = onWindows ? describe.skip : describe
export const itWithSignals = onWindows ? it.skip : it
/**
 * Outside Windows, a `\` in a glob pattern escapes the next character, so `docs/\.\./x` holds a
 * `..` segment; on Windows `\` separates segments, and Node's join drops the `.` segments it makes.
 */
export const ESCAPED_DOTS: Array<[string]> = onWindows ? [] : [['docs/\\.\\./x']]
/**
 * Why a file whose name is over 255 characters cannot be created: on Windows, Node reports ENOENT
 * (nodejs/node#26188), elsewhere ENAMETOOLONG.
 */
export const NAME_TOO_LONG = onWindows ? 'ENOENT: no such file or directory' : 'ENAMETOOLONG: name too long'
/** scripts/release.sh is a bash script for maintainers, run on Linux or macOS. */
export const describeWithBash = onWindows ? describe.skip : describe

/** Node's fs.constants as on Windows, which has no O_NOFOLLOW and no O_NONBLOCK. */
export const WINDOWS_FS_CONSTANTS: Partial<typeof constants> = Object.fromEntries(
  Object.entries(constants).filter(([name]) => name !== 'O_NOFOLLOW' && name !== 'O_NONBLOCK')
)
