// The order in which jest starts test files: jest's own (the last run's failures, then the slowest
// first), except that the end-to-end files, which run the built dist/index.js, come after the
// others. `npm test` builds dist/ while jest runs (scripts/test.mjs): the unit tests use that time.
import Sequencer from '@jest/test-sequencer'

const RUNS_THE_BUNDLE = /\.e2e\.test\.ts$/

export default class UnitTestsFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests)
    return [
      ...ordered.filter((test) => !RUNS_THE_BUNDLE.test(test.path)),
      ...ordered.filter((test) => RUNS_THE_BUNDLE.test(test.path))
    ]
  }
}
