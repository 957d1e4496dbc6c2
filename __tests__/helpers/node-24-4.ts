import { describe } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from './run-action.js'

/**
 * Node 24.4.0, the Node of runner 2.327, whose agents ignore `proxyEnv`. npm ci installs it (the
 * optional dependency `node-24-4`) where npm has a binary for this system; elsewhere RYZE_NODE_24_4
 * names one (CI's workflow installs it with actions/setup-node on every system).
 */
export const NODE_24_4 =
  process.env.RYZE_NODE_24_4 ||
  join(PROJECT_ROOT, 'node_modules', 'node-24-4', 'bin', process.platform === 'win32' ? 'node.exe' : 'node')

const found = existsSync(NODE_24_4)
// In CI the older runner's Node is a promise the README makes: never skip it there.
if (!found && process.env.CI) {
  throw new Error(`Node 24.4.0 is not at ${NODE_24_4}: CI must set RYZE_NODE_24_4 where npm ci installs none.`)
}
if (!found) {
  console.warn(
    `Node 24.4.0 was not found (npm ci installs none for ${process.platform}-${process.arch}), so the tests on runner 2.327's Node are skipped. Set RYZE_NODE_24_4 to a Node 24.4.0 binary to run them.`
  )
}

/** Node 24.4.0 when this machine has it: the list a `describe.each` runs over. */
export const withNode244 = <T>(row: T): T[] => (found ? [row] : [])
export const describeOnNode244 = found ? describe : describe.skip
