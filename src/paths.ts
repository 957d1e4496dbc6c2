import { isAbsolute, relative, sep } from 'node:path'

/** Whether `path` is below `root` (not `root` itself), comparing the paths as written. */
export function isInside(root: string, path: string): boolean {
  const inside = relative(root, path)
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
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
