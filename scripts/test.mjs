// `npm test` after the bundle: jest with the Node options its ESM tests need, set here because
// Windows' cmd.exe cannot set a variable in front of a command. Arguments go on to jest, so
// `npm test -- __tests__/settings.test.ts -t control` and `npm test -- --json --outputFile=x` work.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const jest = createRequire(import.meta.url).resolve('jest/bin/jest')
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning']
  .filter(Boolean)
  .join(' ')
const run = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions }
})
if (run.error) throw run.error
process.exitCode = run.status ?? 1
