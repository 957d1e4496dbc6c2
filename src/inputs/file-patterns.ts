import { join } from 'node:path'

/*
 * `update-files` patterns as @actions/glob sees them. Settings must refuse, before any request,
 * every pattern that the library would refuse only later, once the links are reset; the library
 * can only be asked asynchronously, and is kept off the default path, so its rules are restated
 * here. __tests__/inputs/file-patterns.test.ts checks that both agree.
 */

const WINDOWS = process.platform === 'win32'
// minimatch refuses longer patterns.
const MAX_PATTERN_LENGTH = 64 * 1024

/** The pattern rooted at the workspace, as it is handed to @actions/glob; `!` still excludes. */
export function rootedPattern(workspace: string, pattern: string): string {
  return pattern.startsWith('!') ? `!${join(workspace, pattern.slice(1))}` : join(workspace, pattern)
}

/** Whether @actions/glob would refuse the rooted pattern: a `.` or `..` segment, once unescaped. */
export function globRefuses(rooted: string): boolean {
  if (rooted.length > MAX_PATTERN_LENGTH) return true
  let pattern = rooted.trim()
  while (pattern.startsWith('!')) pattern = pattern.slice(1).trim()
  if (pattern === '') return true
  const segments = pattern.split(WINDOWS ? /[\\/]/ : '/')
  return segments.some((segment, index) => {
    const literal = literalOf(segment)
    return literal === '..' || (literal === '.' && index > 0)
  })
}

/**
 * The segment as a literal name, or '' when it holds a wildcard: `\x` is `x` (except on Windows),
 * and a one-character set `[.]` is that character. The library's own Pattern.getLiteral, restated.
 */
function literalOf(segment: string): string {
  let literal = ''
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!
    if (c === '\\' && !WINDOWS && i + 1 < segment.length) {
      literal += segment[++i]
      continue
    }
    if (c === '*' || c === '?') return ''
    if (c === '[' && i + 1 < segment.length) {
      const set = characterSet(segment, i + 1)
      if (set !== undefined) {
        if (set.characters.length > 1) return ''
        if (set.characters !== '') {
          literal += set.characters
          i = set.closedAt
          continue
        }
      }
    }
    literal += c
  }
  return literal
}

function characterSet(segment: string, from: number): { characters: string; closedAt: number } | undefined {
  let characters = ''
  for (let i = from; i < segment.length; i++) {
    const c = segment[i]!
    if (c === '\\' && !WINDOWS && i + 1 < segment.length) {
      characters += segment[++i]
      continue
    }
    if (c === ']') return { characters, closedAt: i }
    characters += c
  }
  return undefined
}
