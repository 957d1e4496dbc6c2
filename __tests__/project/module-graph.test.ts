import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../helpers/run-action.js'

/** The shape CONTRIBUTING.md promises: small modules, and a module graph without a circle. */

const SOURCES = join(PROJECT_ROOT, 'src')
const modules = readdirSync(SOURCES).filter((name) => name.endsWith('.ts'))
const text = (name: string): string => readFileSync(join(SOURCES, name), 'utf8')

/** Every module of src/ a module imports, statically or dynamically, types included. */
function importsOf(name: string): string[] {
  const specifiers = [...text(name).matchAll(/(?:from|import)\s*\(?\s*'\.\/([\w-]+)\.js'/g)].map((match) => match[1]!)
  return [...new Set(specifiers)].map((specifier) => `${specifier}.ts`)
}

describe('src/', () => {
  it('has no module over 300 lines', () => {
    const long = modules
      .map((name) => [name, text(name).split('\n').length] as const)
      .filter(([, lines]) => lines > 300)
    expect(long).toEqual([])
  })

  it('imports in one direction: no circle, type imports included', () => {
    const circles: string[] = []
    const visit = (name: string, path: string[]): void => {
      if (path.includes(name)) {
        circles.push([...path.slice(path.indexOf(name)), name].join(' -> '))
        return
      }
      for (const imported of importsOf(name)) visit(imported, [...path, name])
    }
    for (const name of modules) visit(name, [])
    expect([...new Set(circles)]).toEqual([])
  })

  it('finds the imports it checks', () => {
    expect(importsOf('main.ts')).toEqual(expect.arrayContaining(['plan.ts', 'rotation.ts', 'settings.ts']))
  })
})
