/**
 * Mutation testing with StrykerJS, one set of modules at a time, each against its own unit tests
 * (running the whole suite per mutant would take hours on two cores). `npm run mutation` runs every
 * set; `npm run mutation -- retry-and-pacing` runs one. Each set's score and time are printed and
 * written to reports/mutation/<set>.json.
 */
import { Stryker } from '@stryker-mutator/core'
import { readFile } from 'node:fs/promises'

/**
 * The modules whose mistakes cost a link or leak a secret, each with the tests that guard it. A set
 * whose tests take seconds runs, for each mutant, only the tests that reach it (`perTest`).
 */
const MODULE_SETS: Record<string, { mutate: string[]; tests: string[]; coverageAnalysis?: 'perTest' }> = {
  'retry-and-pacing': {
    mutate: ['src/retry.ts', 'src/rate-limit.ts', 'src/clock.ts'],
    tests: ['retry.test.ts', 'rate-limit.test.ts']
  },
  'text-safety-and-secrets': {
    mutate: ['src/text-safety.ts', 'src/secrets.ts', 'src/personal-data.ts'],
    tests: ['text-safety.test.ts', 'secrets.test.ts', 'personal-data.test.ts']
  },
  settings: {
    mutate: [
      'src/settings.ts',
      'src/input-reading.ts',
      'src/announce-input.ts',
      'src/qr-code-input.ts',
      'src/update-files-input.ts',
      'src/variable-input.ts',
      'src/participant-input.ts'
    ],
    tests: ['settings.test.ts', 'identifier.test.ts', 'participant-input.test.ts']
  },
  'plan-and-rotation': {
    mutate: [
      'src/plan.ts',
      'src/community-plan.ts',
      'src/known-group.ts',
      'src/groups-without-jid.ts',
      'src/link-evidence.ts',
      'src/rotation.ts'
    ],
    tests: ['plan.test.ts', 'rotation-outcomes.test.ts', 'link-evidence.test.ts']
  },
  http: {
    mutate: ['src/http.ts', 'src/proxy.ts', 'src/proxy-tunnel.ts', 'src/network-errors.ts'],
    tests: [
      'http.test.ts',
      'http-older-node.test.ts',
      'proxy.test.ts',
      'proxy-tunnel.test.ts',
      'network-errors.test.ts',
      'ryze-client.test.ts'
    ],
    coverageAnalysis: 'perTest'
  }
}

const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !(name in MODULE_SETS))
if (unknown.length > 0) {
  console.error(`Unknown module set: ${unknown.join(', ')}. Known sets: ${Object.keys(MODULE_SETS).join(', ')}.`)
  process.exit(2)
}

const base = JSON.parse(await readFile('stryker.config.json', 'utf8')) as {
  jest: { config: Record<string, unknown> } & Record<string, unknown>
}
const summary: string[] = []
for (const name of requested.length > 0 ? requested : Object.keys(MODULE_SETS)) {
  const { mutate, tests, coverageAnalysis = 'off' } = MODULE_SETS[name]!
  const started = performance.now()
  const results = await new Stryker({
    mutate,
    coverageAnalysis,
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
