import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { globSync } from 'node:fs'
import { join } from 'node:path'
import { MODULE_SETS } from '../../scripts/mutation-sets.js'
import { PROJECT_ROOT } from '../helpers/run-action.js'

describe('npm run mutation', () => {
  it('names in its sets only modules and tests that exist, and folders that hold modules', () => {
    const missing = Object.values(MODULE_SETS)
      .flatMap((set) => [
        ...set.mutate.map((pattern) => pattern.replace(/^!/, '')),
        ...set.tests.map((test) => join('__tests__', test))
      ])
      .filter((pattern) => globSync(pattern, { cwd: PROJECT_ROOT }).length === 0)
    expect(missing).toEqual([])
  })

  it('mutates every module of incident/ and transport/, the folders its sets name whole', () => {
    const mutated = new Set(
      Object.values(MODULE_SETS).flatMap((set) =>
        set.mutate
          .filter((pattern) => !pattern.startsWith('!'))
          .flatMap((pattern) => globSync(pattern, { cwd: PROJECT_ROOT }))
      )
    )
    const modules = [
      ...globSync('src/incident/*.ts', { cwd: PROJECT_ROOT }),
      ...globSync('src/transport/*.ts', { cwd: PROJECT_ROOT })
    ]
    expect(modules.length).toBeGreaterThan(10)
    expect(modules.filter((module) => !mutated.has(module))).toEqual([])
  })

  it('without arguments, lists each set with its modules and time and how to run them, and runs nothing', () => {
    const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
    const help = execFileSync(process.execPath, [tsx, join(PROJECT_ROOT, 'scripts', 'mutation.ts')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 20_000
    })
    for (const [name, set] of Object.entries(MODULE_SETS)) {
      expect(help).toMatch(new RegExp(`^  ${name} \\(about \\d+ min\\)$`, 'm'))
      for (const file of set.mutate) expect(help).toContain(`      ${file}\n`)
    }
    expect(help).toContain('npm run mutation -- <set> [<set> ...]')
    expect(help).toContain('npm run mutation -- --all')
    expect(help).not.toMatch(/Mutation score/)
  })
})
