import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PROJECT_ROOT, actionMetadata } from './helpers/run-action.js'

interface TableRow {
  name: string
  cells: string[]
}

/** The rows of the README table under `## <heading>` whose first cell is a `code` name. */
async function readmeTable(heading: string): Promise<TableRow[]> {
  const readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8')
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`))
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
      .filter((cells) => /^`[^`]+`$/.test(cells[0] ?? ''))
      .map((cells) => ({ name: cells[0]!.slice(1, -1), cells: cells.slice(1) }))
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
