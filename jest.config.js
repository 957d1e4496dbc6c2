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
  // Node's ES module loader keeps every test file's vm context alive (a WeakMap of its own, keyed by
  // what compiled code still holds), so a worker grew to 400-500 MB by the end and took longer to
  // exit on a busy machine than the 500 ms jest waits before it force-exits one ("A worker process
  // has failed to exit gracefully"). A worker past this heap after a file is replaced.
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
