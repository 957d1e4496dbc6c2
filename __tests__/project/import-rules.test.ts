import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../helpers/run-action.js'

/*
 * The import rules of .dependency-cruiser.cjs, run as `npm run lint` runs them, on a small tree of
 * the same folders: each module below breaks one rule or keeps one, and the report must name
 * exactly the broken ones. (src/ itself is checked by `npm run lint`, in CI.)
 */

const TREE: Record<string, string> = {
  'src/index.ts': "import { run } from './main.js'\nawait run()\n",
  'src/main.ts': [
    "import { plan } from './plan/plan.js'",
    "import { rotate } from './rotation/rotation.js'",
    "import { incident } from './incident/incident.js'",
    "import { announce } from './follow-ups/announce.js'",
    "import { client } from './ryze/client.js'",
    "import { close } from './transport/http.js'",
    "import { stray } from './follow-ups/stray.js'",
    "import { helper } from './safety/helper-user.js'",
    'export async function run(): Promise<void> {',
    '  await Promise.resolve([plan, rotate, incident, announce, client, close, stray, helper])',
    '}',
    ''
  ].join('\n'),
  // Allowed: a layer imports one below it; a feature imports the layers; rotation imports plan (a seam).
  'src/safety/errors.ts':
    "import type { Secret } from './secrets.js'\nexport type Failure = Error & { secret?: Secret }\n",
  'src/safety/secrets.ts':
    "import type { Failure } from './errors.js'\nexport type Secret = string\nexport type Both = Failure | Secret\n",
  'src/report/outcome.ts':
    "import type { Failure } from '../safety/errors.js'\nexport type Outcome = 'reset' | Failure\n",
  'src/transport/http.ts': 'export const close = (): void => undefined\n',
  'src/inputs/settings.ts': 'export const settings = { token: "t" }\n',
  'src/ryze/client.ts':
    "import { close } from '../transport/http.js'\nimport { settings } from '../inputs/settings.js'\nexport const client = [close, settings]\n",
  'src/plan/plan.ts': "import type { Outcome } from '../report/outcome.js'\nexport const plan: Outcome[] = []\n",
  'src/rotation/rotation.ts':
    "import { plan } from '../plan/plan.js'\nexport type Step = () => void\nexport const rotate = plan\n",
  'src/incident/incident.ts':
    "import type { Step } from '../rotation/rotation.js'\nimport { rotate } from '../rotation/rotation.js'\nexport const incident: Step[] = [() => rotate]\n",
  'src/follow-ups/announce.ts': "import { plan } from '../plan/plan.js'\nexport const announce = plan\n",
  'src/follow-ups/stray.ts': "import { close } from '../transport/http.js'\nexport const stray = close\n",
  'src/safety/helper-user.ts':
    "import { fixture } from '../../__tests__/helpers/fixture.js'\nexport const helper = fixture\n",
  'src/follow-ups/unused.ts': "import { announce } from './announce.js'\nexport const unused = announce\n",
  'src/report/alone.ts': 'export const alone = 1\n',
  '__tests__/helpers/fixture.ts': 'export const fixture = 1\n',
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
    include: ['src', '__tests__']
  })
}

interface Violation {
  rule: { name: string }
  from: string
  to: string
  cycle?: Array<{ name: string }>
}

let tree: string
let violations: Violation[]

beforeAll(async () => {
  tree = await mkdtemp(join(tmpdir(), 'import-rules-'))
  for (const [path, text] of Object.entries(TREE)) {
    await mkdir(dirname(join(tree, path)), { recursive: true })
    await writeFile(join(tree, path), text)
  }
  const cli = join(PROJECT_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')
  const config = join(PROJECT_ROOT, '.dependency-cruiser.cjs')
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'src', '--config', config, '--output-type', 'json', '--no-progress'],
    { cwd: tree, maxBuffer: 16 * 1024 * 1024 }
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
  violations = (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations
}, 30_000)

afterAll(async () => {
  await rm(tree, { recursive: true, force: true })
})

describe('the import rules (npm run lint)', () => {
  const found = (): string[] =>
    violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`).sort()

  it('refuse a circle, even one made of type imports', () => {
    expect(found()).toContain('no-circular: src/safety/errors.ts -> src/safety/secrets.ts')
  })

  it('refuse an import against the direction: the RyzeAPI client reading the inputs', () => {
    expect(found()).toContain('ryze-imports-below-only: src/ryze/client.ts -> src/inputs/settings.ts')
  })

  it('refuse a feature importing another feature outside a seam', () => {
    expect(found()).toContain(
      'follow-ups-imports-layers-and-seams-only: src/follow-ups/announce.ts -> src/plan/plan.ts'
    )
  })

  it('hold a types-only seam to types', () => {
    expect(found()).toContain('incident-to-rotation-types-only: src/incident/incident.ts -> src/rotation/rotation.ts')
  })

  it('keep HTTP inside ryze/ and src/ away from the tests', () => {
    expect(found()).toEqual(
      expect.arrayContaining([
        'transport-through-ryze: src/follow-ups/stray.ts -> src/transport/http.ts',
        'no-tests-in-src: src/safety/helper-user.ts -> __tests__/helpers/fixture.ts'
      ])
    )
  })

  it('find modules no run loads, and modules with no import either way', () => {
    expect(found()).toEqual(
      expect.arrayContaining([
        'reachable-from-index: src/follow-ups/unused.ts -> src/follow-ups/unused.ts',
        'reachable-from-index: src/report/alone.ts -> src/report/alone.ts',
        'no-orphans: src/report/alone.ts -> src/report/alone.ts'
      ])
    )
  })

  it('report nothing else: a layer importing one below, a type-only seam and rotation using the plan are allowed', () => {
    expect(found()).toEqual([
      'follow-ups-imports-layers-and-seams-only: src/follow-ups/announce.ts -> src/plan/plan.ts',
      'incident-to-rotation-types-only: src/incident/incident.ts -> src/rotation/rotation.ts',
      'no-circular: src/safety/errors.ts -> src/safety/secrets.ts',
      'no-orphans: src/report/alone.ts -> src/report/alone.ts',
      'no-tests-in-src: src/safety/helper-user.ts -> __tests__/helpers/fixture.ts',
      'reachable-from-index: src/follow-ups/unused.ts -> src/follow-ups/unused.ts',
      'reachable-from-index: src/report/alone.ts -> src/report/alone.ts',
      'ryze-imports-below-only: src/ryze/client.ts -> src/inputs/settings.ts',
      'transport-through-ryze: src/follow-ups/stray.ts -> src/transport/http.ts'
    ])
  })
})
