// `npm test`: runs jest on dist/ as the sources build it. When dist/build.sha256 no longer holds (a
// source, the lockfile or dist/ changed since the last build; scripts/build-checksums.mjs), dist/ is
// built again while jest runs: ncc keeps one core busy for several seconds, meanwhile the unit tests
// run, and the tests that run dist/index.js wait until it is built (`bundleBuilt()` in
// __tests__/helpers/run-action.ts, told where to look by RYZE_BUNDLE_STATUS). A failed build stops
// jest and fails the run. A fresh clone's dist/ holds, and is tested as it is.
// Jest gets the Node options its ESM tests need, set here because Windows' cmd.exe cannot set a
// variable in front of a command. Arguments go on to jest, so `npm test -- __tests__/inputs/settings.test.ts
// -t control` and `npm test -- --json --outputFile=x` work.
import { spawn } from 'node:child_process'
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildChecksumsHold } from './build-checksums.mjs'

// The tests run on the Node that runs this script: npm puts the optional dependency `node` (Node 24)
// first on the PATH where npm ci found a binary for this system, else the machine's own Node runs.
const NEEDED_MAJOR = 24
if (Number(process.versions.node.split('.')[0]) < NEEDED_MAJOR) {
  console.error(
    `npm test needs Node ${NEEDED_MAJOR} or later, but runs on Node ${process.version} because npm ci found no Node ${NEEDED_MAJOR} binary for ${process.platform}-${process.arch}. Install Node ${NEEDED_MAJOR} (nvm install ${NEEDED_MAJOR}, or https://nodejs.org) and run npm test again.`
  )
  process.exit(1)
}

const exited = (child) =>
  new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })

function startJest(env) {
  const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest')
  const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning']
    .filter(Boolean)
    .join(' ')
  return spawn(process.execPath, [jestBin, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions }
  })
}

/** npm sets npm_execpath for its scripts; run directly, this script finds npm on the PATH. */
function startBundle() {
  const npm = process.env.npm_execpath
  const args = ['run', 'bundle', '--silent', '--', '--quiet']
  return npm
    ? spawn(process.execPath, [npm, ...args], { stdio: 'inherit' })
    : spawn('npm', args, { stdio: 'inherit', shell: true })
}

async function testWhileBuilding() {
  const statusDir = mkdtempSync(join(tmpdir(), 'ryze-bundle-'))
  const statusFile = join(statusDir, 'status')
  const jest = startJest({ RYZE_BUNDLE_STATUS: statusFile })
  const bundled = exited(startBundle()).then((code) => {
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
  return bundleCode !== 0 ? bundleCode : jestCode
}

if (buildChecksumsHold()) {
  console.log('dist/ is what the sources build (dist/build.sha256 holds): testing it as it is.')
  process.exitCode = await exited(startJest({}))
} else {
  process.exitCode = await testWhileBuilding()
}
