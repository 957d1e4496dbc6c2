import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { platformProblems } from '../../scripts/check-platform-deps.mjs'
import { PROJECT_ROOT } from '../helpers/run-action.js'

/** npm ci must pass on Linux, Windows and macOS: no required dependency may need one system's binary. */
const SCRIPT = join(PROJECT_ROOT, 'scripts', 'check-platform-deps.mjs')
const FIXTURE = join(PROJECT_ROOT, '__tests__', 'fixtures', 'platform-binaries.package-lock.json')

describe('scripts/check-platform-deps.mjs', () => {
  it('names each required package built for one system, or fetching a binary in an install script', () => {
    const lock = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Parameters<typeof platformProblems>[0]
    expect(platformProblems(lock)).toEqual([
      'platform-tool-linux@1.0.0 is built for linux, x64 only, yet npm ci must install it everywhere.',
      'node@24.21.0 runs an install script, which may fetch a binary the registry lacks for some system, yet npm ci must install it everywhere.'
    ])
  })

  it('lets optional packages and the install scripts known to fetch nothing through', () => {
    const lock = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { packages: Record<string, Record<string, unknown>> }
    lock.packages['node_modules/node']!.optional = true
    lock.packages['node_modules/platform-tool/node_modules/platform-tool-linux']!.devOptional = true
    expect(platformProblems(lock)).toEqual([])
  })

  it('names an aliased package by its alias and what it stands for', () => {
    const lock = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { packages: Record<string, Record<string, unknown>> }
    delete lock.packages['node_modules/node-24-4']!.optional
    expect(platformProblems(lock)).toContain(
      'node-24-4 (npm:node@24.4.0) runs an install script, which may fetch a binary the registry lacks for some system, yet npm ci must install it everywhere.'
    )
  })

  it('fails with the problems and what to do, as CI runs it', () => {
    const run = spawnSync(process.execPath, [SCRIPT, FIXTURE], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('platform-tool-linux@1.0.0 is built for linux, x64 only')
    expect(run.stderr).toContain('make these optional dependencies')
  })

  it("passes on the project's own lockfile", () => {
    expect(execFileSync(process.execPath, [SCRIPT], { cwd: PROJECT_ROOT, encoding: 'utf8' })).toBe(
      'package-lock.json: no required dependency needs a binary built for one system.\n'
    )
  })
})
