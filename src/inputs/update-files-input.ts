import { isAbsolute } from 'node:path'
import { InputError } from '../safety/errors.js'
import { globRefuses, rootedPattern } from './file-patterns.js'
import { meaningfulLines } from './input-reading.js'
import { quotedInput } from '../safety/text-safety.js'

/* The update-files input, read only when it is set. */

/**
 * Patterns must stay inside the workspace, since the action rewrites the files they match, and must
 * be patterns that @actions/glob takes, since it would refuse them only after the links are reset.
 */
export function parseFilePatterns(raw: string, workspace: string): string[] {
  const lines = meaningfulLines(raw, 'update-files')
  return lines.map(({ text, line }) => {
    const pattern = text.replace(/^!/, '')
    const where = lines.length > 1 ? line : undefined
    const expected = 'expected a glob pattern relative to the workspace, such as docs/**/*.md'
    if (isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern) || pattern.startsWith('~')) {
      throw new InputError('update-files', `holds ${quotedInput(text)}, an absolute path; ${expected}`, where)
    }
    if (pattern.split(/[\\/]/).includes('..')) {
      throw new InputError(
        'update-files',
        `holds ${quotedInput(text)}, which reaches outside the workspace; ${expected}`,
        where
      )
    }
    if (globRefuses(rootedPattern(workspace, text))) {
      throw new InputError(
        'update-files',
        `holds ${quotedInput(text)}, with a "." or ".." segment (also written [.] or \\.), which @actions/glob refuses; ${expected}`,
        where
      )
    }
    return text
  })
}
