// The order in which jest starts test files: the longest first, so that quick files fill the cores
// at the end instead of one long file finishing alone. Jest knows each file's time from its last run
// (kept in its cache) and orders by it. A fresh clone has no such cache, and jest would order by
// size, which puts files that mostly wait (on a time-out, a Retry-After, a read-back's lag) last:
// for those runs, the files below, the longest as measured here, go first, longest first.
// While `npm test` builds dist/ (scripts/test.mjs sets RYZE_BUNDLE_STATUS), the end-to-end files,
// which run the built dist/index.js, go after the others, which use the time the build takes.
import Sequencer from '@jest/test-sequencer'
import { basename } from 'node:path'

const RUNS_THE_BUNDLE = /\.e2e\.test\.ts$/

/** The files that take 4 s or more, longest first (2 December 2026, 2 cores, each file alone). */
const LONGEST = [
  'waits.e2e.test.ts',
  'proxy.e2e.test.ts',
  'lost-answer.e2e.test.ts',
  'properties.e2e.test.ts',
  'groups.e2e.test.ts',
  'action.e2e.test.ts',
  'http.test.ts',
  'reliability.e2e.test.ts',
  'release.e2e.test.ts',
  'hostile.e2e.test.ts',
  'announce.e2e.test.ts'
]

const rank = (test) => {
  const index = LONGEST.indexOf(basename(test.path))
  return index === -1 ? LONGEST.length : index
}

export default class LongestFirst extends Sequencer {
  sort(tests) {
    const jestOrder = super.sort(tests)
    const timed = jestOrder.some((test) => test.duration !== undefined)
    // Array.prototype.sort is stable: files not listed keep jest's order, after the listed ones.
    const ordered = timed ? jestOrder : [...jestOrder].sort((a, b) => rank(a) - rank(b))
    if (process.env.RYZE_BUNDLE_STATUS === undefined) return ordered
    return [
      ...ordered.filter((test) => !RUNS_THE_BUNDLE.test(test.path)),
      ...ordered.filter((test) => RUNS_THE_BUNDLE.test(test.path))
    ]
  }
}
