/** What the folders that decide a link or print a secret must reach. */
const STRICT = { lines: 95, branches: 90, functions: 95, statements: 95 }

/** @type {import('jest').Config} */
export default {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/scripts/jest-transform.mjs',
    // Jest matches transform keys against the path as the system writes it: `\` on Windows.
    '[/\\\\]@actions[/\\\\]workflow-parser[/\\\\]dist[/\\\\].+\\.js$': '<rootDir>/scripts/jest-json-imports.mjs'
  },
  transformIgnorePatterns: ['/node_modules/(?!@actions/workflow-parser/)'],
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  testSequencer: '<rootDir>/scripts/test-order.mjs',
  setupFiles: ['<rootDir>/__tests__/helpers/quiet-workflow-commands.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30_000,
  // Most tests wait on a child process or a timer, not the CPU: four workers keep two cores busy.
  maxWorkers: 4,
  // "A worker process has failed to exit gracefully" is a slow exit, not an open handle (measured 6
  // December 2026, CONTRIBUTING.md "Open handles"): --detectOpenHandles names none, and a worker
  // reaches its 'exit' event a median 0.4 ms after jest's end message (127 of 128 within 150 ms; the
  // other was starved of CPU), then takes 150 to 870 ms under load to go away (Node disposing a heap
  // of 120-225 MB used,
  // 250-330 MB committed, 310-470 MB resident; Node's ES module loader keeps each test file's vm
  // context alive). Jest SIGTERMs a worker after 500 ms and prints the warning. With two extra
  // busy loops on top of a mutation run (load 6-12 on 2 cores), 16 runs each, interleaved: 6
  // warnings without this limit, 2 with it (17 and 4 of 64 workers killed). It replaces a worker
  // whose heap passed 200 MB after a file (about one a run), which makes the exits a little
  // lighter; it does not prevent the warning, and does not change the wall time. Lower limits do not
  // prevent it either (6 December, 6 runs each, interleaved, two busy loops on top of one or two
  // mutation runs, load 7 to 17): 200 MB 2 warnings (6 of 24 workers killed), 120 MB 2 (6), 80 MB 1
  // (1), replacing 1, 5 and 10 workers a run; at load 14 to 15, workers of 35 to 90 MB took 500 to
  // 920 ms to go, so past a point it is the load, not the heap. Their wall times, quieter (no busy
  // loop, 0 to 2 mutation runs), were too uneven to tell apart (26 to 60 s each).
  workerIdleMemoryLimit: '200MB',
  // Each Math.abs in a sandbox is a slow lookup on the vm context's global: pngjs makes millions
  // writing a QR code. Passed to every module as a parameter, it is a plain local.
  sandboxInjectedGlobals: ['Math'],
  collectCoverage: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text-summary', 'json-summary', 'lcovonly'],
  // The folders where a mistake costs a link or leaks a secret are held higher, each as a whole
  // (docs/architecture.md says what they own); `global` is then every other file together.
  coverageThreshold: {
    global: { lines: 90, branches: 90, functions: 90, statements: 90 },
    './src/safety/': STRICT,
    './src/ryze/': STRICT,
    './src/inputs/': STRICT,
    './src/plan/': STRICT,
    './src/rotation/': STRICT
  }
}
