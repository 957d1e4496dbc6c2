/**
 * Mutation testing with StrykerJS, one set of modules at a time, each against its own unit tests
 * (running the whole suite per mutant would take hours on two cores). `npm run mutation` lists each
 * set's name, modules and typical time and runs nothing; `npm run mutation -- retry-and-pacing` runs
 * one set, `npm run mutation -- --all` every set. Each set's score and time are printed and written
 * to reports/mutation/<set>.json.
 */
import { readFile } from 'node:fs/promises'
import { matchesGlob } from 'node:path'
import { MODULE_SETS } from './mutation-sets.js'

const args = process.argv.slice(2)
if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
  console.log(usage())
  process.exit(0)
}
// While iterating: --incremental reuses the last run's results for what did not change, and
// --mutate <file> narrows a set to one of its modules (the score printed is then that file's).
const incremental = args.includes('--incremental')
const narrowed = args.indexOf('--mutate')
const only = narrowed === -1 ? undefined : args[narrowed + 1]
const names = args.filter((arg, index) => !arg.startsWith('--') && (narrowed === -1 || index !== narrowed + 1))
const requested = args.includes('--all') ? Object.keys(MODULE_SETS) : names
const unknown = requested.filter((name) => !(name in MODULE_SETS))
if (unknown.length > 0) {
  console.error(`Unknown module set: ${unknown.join(', ')}. Known sets: ${Object.keys(MODULE_SETS).join(', ')}.`)
  process.exit(2)
}

// Loaded only to run a set: the list above must come at once.
const { Stryker } = await import('@stryker-mutator/core')
const base = JSON.parse(await readFile('stryker.config.json', 'utf8')) as {
  jest: { config: Record<string, unknown> } & Record<string, unknown>
}
const summary: string[] = []
for (const name of requested) {
  const { mutate, tests, coverageAnalysis = 'off' } = MODULE_SETS[name]!
  const started = performance.now()
  const results = await new Stryker({
    mutate: only === undefined ? mutate : narrowedTo(only, name, mutate),
    coverageAnalysis,
    incremental,
    incrementalFile: `reports/mutation/${name}.incremental.json`,
    jest: { ...base.jest, config: { ...base.jest.config, testMatch: tests.map((test) => `**/__tests__/${test}`) } },
    jsonReporter: { fileName: `reports/mutation/${name}.json` }
  }).runMutationTest()
  const counts = { killed: 0, survived: 0, other: 0 }
  for (const { status } of results) {
    if (status === 'Killed' || status === 'Timeout') counts.killed++
    else if (status === 'Survived' || status === 'NoCoverage') counts.survived++
    else counts.other++
  }
  const score = (100 * counts.killed) / Math.max(1, counts.killed + counts.survived)
  const seconds = Math.round((performance.now() - started) / 1000)
  summary.push(`${name}: ${score.toFixed(1)} % (${counts.killed} killed, ${counts.survived} survived) in ${seconds} s`)
}
console.log(`\nMutation score by module set:\n${summary.join('\n')}`)

function usage(): string {
  const minutes = (seconds: number): string => `about ${Math.max(1, Math.round(seconds / 60))} min`
  const sets = Object.entries(MODULE_SETS).map(
    ([name, set]) =>
      `  ${name} (${minutes(set.typicalSeconds)})\n${set.mutate.map((file) => `      ${file}`).join('\n')}`
  )
  const total = Object.values(MODULE_SETS).reduce((sum, set) => sum + set.typicalSeconds, 0)
  return [
    'Mutation testing (StrykerJS) of the modules whose mistakes cost a link, a person or a secret.',
    'Times are on two cores, with nothing else running.',
    '',
    'Module sets:',
    ...sets,
    '',
    'npm run mutation -- <set> [<set> ...]   runs those sets',
    `npm run mutation -- --all               runs every set (${minutes(total)})`,
    '  --incremental    reuses the last run of a set for the mutants and tests that did not change',
    '  --mutate <file>  mutates only that module of the set',
    'Reports go to reports/mutation/<set>.json.'
  ].join('\n')
}

/** `--mutate <file>`: the file, when the set's patterns (globs, `!` excluding) select it; else a clear error. */
function narrowedTo(file: string, name: string, patterns: string[]): string[] {
  const selects = (pattern: string): boolean => matchesGlob(file, pattern.replace(/^!/, ''))
  const included = patterns.some((pattern) => !pattern.startsWith('!') && selects(pattern))
  const excluded = patterns.some((pattern) => pattern.startsWith('!') && selects(pattern))
  if (included && !excluded) return [file]
  console.error(`--mutate ${file}: the set ${name} does not mutate it (its modules: ${patterns.join(', ')}).`)
  process.exit(2)
}
