// `npm run test:properties [-- runs]`: the property suite alone, on many more drawn server schedules
// than `npm test` runs (200 by default), shrinking a failure to its smallest schedule. Set
// PROPERTY_SEED (and PROPERTY_PATH) from a failure's report to run that schedule again.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const runs = process.argv[2] ?? process.env.PROPERTY_RUNS ?? '200'
const test = fileURLToPath(new URL('test.mjs', import.meta.url))
const child = spawn(process.execPath, [test, '__tests__/e2e/properties.e2e.test.ts', '--coverage=false'], {
  stdio: 'inherit',
  env: { ...process.env, PROPERTY_RUNS: runs, PROPERTY_SHRINK: '1' }
})
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0)
})
