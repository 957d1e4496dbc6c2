// `npm test`: builds dist/ and runs jest at the same time. ncc keeps one core busy for several
// seconds; meanwhile the unit tests run, and the tests that run dist/index.js wait until it is
// built (`bundleBuilt()` in __tests__/helpers/run-action.ts, told where to look by RYZE_BUNDLE_STATUS).
// A failed build stops jest and fails the run. Jest gets the Node options its ESM tests need, set
// here because Windows' cmd.exe cannot set a variable in front of a command. Arguments go on to
// jest, so `npm test -- __tests__/settings.test.ts -t control` and `npm test -- --json --outputFile=x` work.
import { spawn } from 'node:child_process'
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const statusDir = mkdtempSync(join(tmpdir(), 'ryze-bundle-'))
const statusFile = join(statusDir, 'status')

// npm sets npm_execpath for its scripts; run directly, this script finds npm on the PATH.
const npm = process.env.npm_execpath
const bundle = npm
  ? spawn(process.execPath, [npm, 'run', 'bundle', '--silent', '--', '--quiet'], { stdio: 'inherit' })
  : spawn('npm', ['run', 'bundle', '--silent', '--', '--quiet'], { stdio: 'inherit', shell: true })

const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest')
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning']
  .filter(Boolean)
  .join(' ')
const jest = spawn(process.execPath, [jestBin, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions, RYZE_BUNDLE_STATUS: statusFile }
})

const exited = (child) =>
  new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })

const bundled = exited(bundle).then((code) => {
  // Written whole, then renamed, so that a test never reads half a status.
  writeFileSync(`${statusFile}.tmp`, String(code))
  renameSync(`${statusFile}.tmp`, statusFile)
  if (code !== 0) {
    console.error(`npm run bundle failed (exit code ${code}): the tests did not run to the end.`)
    jest.kill()
  }
  return code
})
const [bundleCode, jestCode] = await Promise.all([bundled, exited(jest)])
rmSync(statusDir, { recursive: true, force: true })
process.exitCode = bundleCode !== 0 ? bundleCode : jestCode
