// The order in which jest starts test files: jest's own (the last run's failures, then the slowest
// first), with the end-to-end files, which run the built dist/index.js, as one block. While
// `npm test` builds dist/ (scripts/test.mjs sets RYZE_BUNDLE_STATUS), they come after the others,
// which use the time the build takes. Otherwise they come first: they are the longest files, and
// starting the longest first leaves the short ones to fill the cores at the end.
import Sequencer from '@jest/test-sequencer'

const RUNS_THE_BUNDLE = /\.e2e\.test\.ts$/

export default class EndToEndAsOneBlock extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests)
    const endToEnd = ordered.filter((test) => RUNS_THE_BUNDLE.test(test.path))
    const others = ordered.filter((test) => !RUNS_THE_BUNDLE.test(test.path))
    return process.env.RYZE_BUNDLE_STATUS === undefined ? [...endToEnd, ...others] : [...others, ...endToEnd]
  }
}
