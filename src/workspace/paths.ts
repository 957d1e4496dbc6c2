import { realpathSync } from 'node:fs'
import { dirname, isAbsolute, relative, sep } from 'node:path'

/** Whether `path` is below `root` (not `root` itself), comparing the paths as written. */
export function isInside(root: string, path: string): boolean {
  const inside = relative(root, path)
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
}

/** The path with `/` between its parts, as the outputs list it on every system. */
export function portablePath(path: string, separator: string = sep): string {
  return separator === '/' ? path : path.split(separator).join('/')
}

/** `root` itself, or below it. */
export function isWithin(root: string, path: string): boolean {
  return relative(root, path) === '' || isInside(root, path)
}

/** `EACCES: permission denied` from Node's `EACCES: permission denied, open '/x'`: the caller names the file. */
export function fileErrorReason(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error)
  return message.split(', ')[0]!
}

/** The real path of `path`, or `path` itself when it does not exist (yet). */
export function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/**
 * Whether `folder` is in one of `roots`, and the part of it that exists stays in one of them once
 * symbolic links are resolved. Nothing below a root that does not exist yet can lead elsewhere.
 */
export function staysInRoots(roots: string[], folder: string): boolean {
  const root = roots.find((candidate) => isWithin(candidate, folder))
  if (root === undefined) return false
  for (let current = folder; isWithin(root, current); current = dirname(current)) {
    try {
      const real = realpathSync(current)
      return roots.some((candidate) => isWithin(realPathOrSelf(candidate), real))
    } catch {
      // Not there yet: look at the folder above it.
    }
  }
  return true
}
