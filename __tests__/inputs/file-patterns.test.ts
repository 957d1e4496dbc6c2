import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { create } from '@actions/glob'
import { globRefuses, rootedPattern } from '../../src/inputs/file-patterns.js'
import { ESCAPED_DOTS } from '../helpers/platforms.js'

const WORKSPACE = '/work/space'

/** Whether @actions/glob itself refuses the pattern; building a globber parses it without reading the disk. */
async function libraryRefuses(rooted: string): Promise<boolean> {
  return create(rooted, { followSymbolicLinks: false }).then(
    () => false,
    () => true
  )
}

// Segments that are, or are not, a "." or ".." once the library unescapes them.
const SEGMENTS = [
  '.',
  '..',
  '[.]',
  '[..]',
  '\\.',
  '\\..',
  '.[.]',
  '[.][.]',
  '[.]\\.',
  '[\\.]',
  '.*',
  '*',
  '?',
  '[ab]',
  '[',
  '[]',
  ']',
  '[.',
  'a',
  '\\',
  '.a',
  '...',
  '!'
]

function patterns(): string[] {
  const all = new Set<string>(['docs/[.]/a.md', '**/.[.]/x', '!docs/[.]/x', '!!docs/x', 'docs/./a.md', 'a//b'])
  for (const first of SEGMENTS) {
    all.add(first)
    for (const second of SEGMENTS) {
      all.add(`${first}/${second}`)
      all.add(`docs/${first}/${second}/x.md`)
      all.add(`!${first}/${second}`)
    }
  }
  return [...all]
}

beforeAll(() => {
  // @actions/glob reports its options as ::debug:: lines on stdout.
  jest.spyOn(process.stdout, 'write').mockReturnValue(true)
})
afterAll(() => {
  jest.restoreAllMocks()
})

describe('globRefuses', () => {
  it('refuses exactly the patterns @actions/glob refuses', async () => {
    const disagreements: string[] = []
    let refused = 0
    for (const pattern of patterns()) {
      const rooted = rootedPattern(WORKSPACE, pattern)
      const library = await libraryRefuses(rooted)
      if (library) refused++
      if (globRefuses(rooted) !== library) disagreements.push(`${pattern} (library refuses: ${library})`)
    }
    expect(disagreements).toEqual([])
    // The corpus holds both kinds in number, so agreement means something.
    expect(refused).toBeGreaterThan(100)
  })

  it.each([['docs/[.]/a.md'], ['**/.[.]/x'], ['a/[.][.]/b'], ...ESCAPED_DOTS])('refuses %j', (pattern) => {
    expect(globRefuses(rootedPattern(WORKSPACE, pattern))).toBe(true)
  })

  it.each([['docs/**/*.md'], ['.github/*.yml'], ['docs/./a.md'], ['!docs/drafts/**'], ['a/[ab]/c']])(
    'takes %j',
    (pattern) => {
      expect(globRefuses(rootedPattern(WORKSPACE, pattern))).toBe(false)
    }
  )
})
