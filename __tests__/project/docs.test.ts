import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT, actionMetadata } from '../helpers/run-action.js'

interface TableRow {
  name: string
  /** Every `code` name of the first cell: a row may document two fields (`part`, `parts`). */
  names: string[]
  cells: string[]
}

/**
 * The rows of the README table under `## <heading>` (or `### <heading>`, up to the next heading)
 * whose first cell is a `code` name.
 */
async function readmeTable(heading: string): Promise<TableRow[]> {
  const readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8')
  const section = readme.split(/^#{2,3} /m).find((part) => part.startsWith(`${heading}\n`))
  if (section === undefined) throw new Error(`README has no "## ${heading}" section`)
  return (
    section
      .split('\n')
      .filter((line) => line.startsWith('|'))
      // No cell in these tables holds a pipe, so the plain split is exact.
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim())
      )
      .filter((cells) => /^`[^`]+`(, `[^`]+`)*$/.test(cells[0] ?? ''))
      .map((cells) => {
        const names = [...cells[0]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!)
        return { name: names[0]!, names, cells: cells.slice(1) }
      })
  )
}

describe('the README', () => {
  it('gets to the point: at most 350 lines, the depth in docs/', async () => {
    const readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8')
    expect(readme.split('\n').length).toBeLessThanOrEqual(350)
  })

  it('lists every input of action.yml, in order, with its required flag and default', async () => {
    const metadata = await actionMetadata()
    const rows = await readmeTable('Inputs')
    expect(rows.map((row) => row.name)).toEqual(Object.keys(metadata.inputs))
    for (const row of rows) {
      const input = metadata.inputs[row.name]!
      const [required, defaultValue] = row.cells
      expect([row.name, required]).toEqual([row.name, input.required ? 'yes' : 'no'])
      expect([row.name, defaultValue]).toEqual([row.name, input.default === undefined ? '' : `\`${input.default}\``])
    }
  })

  it('lists every output of action.yml, in order', async () => {
    const metadata = await actionMetadata()
    expect((await readmeTable('Outputs')).map((row) => row.name)).toEqual(Object.keys(metadata.outputs))
  })
})

describe('the runtime', () => {
  it('is the Node version action.yml declares, for the tests and the bundle they run', async () => {
    const metadata = await actionMetadata()
    expect(metadata.runs.using).toBe('node24')
    expect(metadata.runs.main).toBe('dist/index.js')
    const version = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim()
    expect(version).toMatch(/^v24\./)
  })
})

describe('the examples in the README and docs/recipes.md', () => {
  const examplesDir = join(PROJECT_ROOT, 'docs', 'examples')

  async function embedded(): Promise<Map<string, string>> {
    const readme = (
      await Promise.all(['README.md', 'docs/recipes.md'].map((path) => readFile(join(PROJECT_ROOT, path), 'utf8')))
    ).join('\n')
    const blocks = new Map<string, string>()
    for (const match of readme.matchAll(/<!-- example: (docs\/examples\/[\w.-]+) -->\n\n```yaml\n([\s\S]*?)```/g)) {
      blocks.set(match[1]!, match[2]!)
    }
    return blocks
  }

  it('are the files under docs/examples, word for word, and all of them', async () => {
    const blocks = await embedded()
    const files = (await readdir(examplesDir)).filter((name) => name.endsWith('.yml')).sort()
    expect([...blocks.keys()].sort()).toEqual(files.map((name) => `docs/examples/${name}`))
    for (const [path, text] of blocks) {
      expect([path, text]).toEqual([path, await readFile(join(PROJECT_ROOT, path), 'utf8')])
    }
  })
})

/** CHANGELOG.md's sections, oldest first: `1.0.0`, ..., `Unreleased`, each with its text. */
async function changelogSections(): Promise<Array<{ version: string; text: string }>> {
  const changelog = await readFile(join(PROJECT_ROOT, 'CHANGELOG.md'), 'utf8')
  return [...changelog.matchAll(/^## \[([^\]]+)\][^\n]*\n([\s\S]*?)(?=^## \[|(?![\s\S]))/gm)]
    .map((match) => ({ version: match[1]!, text: match[2]! }))
    .reverse()
}

/** The README's mark for what `version` of CHANGELOG.md brought: `v1.0.0`, or `unreleased`. */
const markOf = (version: string): string => (version === 'Unreleased' ? 'unreleased' : `v${version}`)

/** The Since cell of each row of a README table, by name; `column` counts cells after the name. */
async function sinceMarks(heading: string, column: number): Promise<Array<[string, string]>> {
  return (await readmeTable(heading)).map((row) => [row.name, row.cells[column] ?? ''])
}

describe('the version marks of the README', () => {
  /** Every input, output and results field with its Since mark, as the README's tables give them. */
  async function allMarks(): Promise<Array<[string, string]>> {
    return [
      ...(await sinceMarks('Inputs', 2)),
      ...(await sinceMarks('Outputs', 0)),
      ...(await sinceMarks('The fields of `results`', 0))
    ]
  }

  it('name, for each input, output and results field, the oldest CHANGELOG.md section that names it', async () => {
    const sections = await changelogSections()
    expect(sections.map((section) => section.version)).toContain('Unreleased')
    for (const [name, mark] of await allMarks()) {
      const first = sections.find(
        (section) => section.text.includes(`\`${name}\``) || section.text.includes(`\`${name}: `)
      )
      // A name no section gives fails here: CHANGELOG.md must say when it came.
      expect([name, mark]).toEqual([
        name,
        first === undefined ? 'named in no CHANGELOG.md section' : markOf(first.version)
      ])
    }
  })

  it('say since when, in words, what the tables mark', async () => {
    const readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8')
    expect(readme).toMatch(/This README describes the `main` branch: the Since columns name the release/)
    const marks = new Set((await allMarks()).map(([, mark]) => mark))
    for (const mark of marks) expect(mark).toMatch(/^(v\d+\.\d+\.\d+|unreleased)$/)
  })

  /**
   * Where the history is at hand (not in a shallow clone such as CI's checkout), each release's
   * action.yml is read: from its tag, or else from the commit that gave CHANGELOG.md its section.
   */
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  const shallow = ((): boolean => {
    try {
      return git('rev-parse', '--is-shallow-repository') !== 'false'
    } catch {
      return true
    }
  })()
  const itWithHistory = shallow ? it.skip : it

  /** action.yml as release `version` has it: at its tag, else where its CHANGELOG.md section came. */
  async function releasedActionYml(version: string): Promise<string> {
    let commit: string
    try {
      commit = git('rev-parse', '--verify', '--quiet', `refs/tags/v${version}^{commit}`)
    } catch {
      const commits = git('log', '--format=%H', '--fixed-strings', `-S## [${version}]`, '--', 'CHANGELOG.md')
      commit = commits.split('\n').at(-1)!
    }
    // A section not committed yet, while a release is being prepared: the release is this tree.
    return commit === '' ? readFile(join(PROJECT_ROOT, 'action.yml'), 'utf8') : git('show', `${commit}:action.yml`)
  }

  itWithHistory('hold against action.yml as each release had it', async () => {
    const released = (await changelogSections()).filter((section) => section.version !== 'Unreleased')
    const shipped = new Map<string, Set<string>>()
    for (const section of released) {
      const metadata = parse(await releasedActionYml(section.version)) as {
        inputs: Record<string, unknown>
        outputs: Record<string, unknown>
      }
      shipped.set(markOf(section.version), new Set([...Object.keys(metadata.inputs), ...Object.keys(metadata.outputs)]))
    }
    const latest = shipped.get(markOf(released.at(-1)!.version))!
    const marks = [...(await sinceMarks('Inputs', 2)), ...(await sinceMarks('Outputs', 0))]
    for (const [name, mark] of marks) {
      const inRelease = mark === 'unreleased' ? !latest.has(name) : shipped.get(mark)?.has(name) === true
      expect([name, mark, inRelease]).toEqual([name, mark, true])
    }
  })
})

/** The field names of `interface <name>` in a source file, optional or not. */
async function interfaceFields(file: string, name: string): Promise<string[]> {
  const source = await readFile(join(PROJECT_ROOT, 'src', file), 'utf8')
  const body = new RegExp(`interface ${name}\\b[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1]
  if (body === undefined) throw new Error(`src/${file} has no interface ${name}`)
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]!)
}

describe('the fields of results and announcements in the README', () => {
  it('are every field of a results entry, and no other', async () => {
    const fields = new Set(
      (
        await Promise.all(
          ['GroupEntry', 'LinkedGroup', 'UnlinkedGroup'].map((name) => interfaceFields('report/outcome.ts', name))
        )
      ).flat()
    )
    expect(fields).toContain('alsoNamedBy')
    const documented = (await readmeTable('The fields of `results`')).flatMap((row) => row.names)
    expect(documented.sort()).toEqual([...fields].sort())
  })

  it('describe every field of a participant entry in the participants row', async () => {
    const fields = await interfaceFields('report/outcome.ts', 'ParticipantResult')
    expect(fields).toContain('phoneNumber')
    const row = (await readmeTable('The fields of `results`')).find((entry) => entry.name === 'participants')
    for (const field of fields)
      expect([field, row?.cells.join(' ')]).toEqual([field, expect.stringContaining(`\`${field}\``)])
  })

  it('are every field of an announcements entry, and no other', async () => {
    const fields = await interfaceFields('report/outcome.ts', 'Announcement')
    expect(fields).toEqual(expect.arrayContaining(['part', 'parts']))
    const documented = (await readmeTable('The fields of `announcements`')).flatMap((row) => row.names)
    expect(documented.sort()).toEqual([...fields].sort())
  })
})
