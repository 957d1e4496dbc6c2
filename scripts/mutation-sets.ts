/** The module sets of `npm run mutation` (scripts/mutation.ts), as data that a test checks against the tree. */

/**
 * The modules whose mistakes cost a link or leak a secret, each with the tests that guard it. A set
 * whose tests take seconds runs, for each mutant, only the tests that reach it (`perTest`).
 */
export interface ModuleSet {
  mutate: string[]
  tests: string[]
  coverageAnalysis?: 'perTest'
  /** How long the set took on two cores when last measured (CONTRIBUTING.md has the figures). */
  typicalSeconds: number
}

export const MODULE_SETS: Record<string, ModuleSet> = {
  'retry-and-pacing': {
    typicalSeconds: 172,
    mutate: ['src/retry.ts', 'src/rate-limit.ts', 'src/clock.ts'],
    tests: ['retry.test.ts', 'rate-limit.test.ts']
  },
  'text-safety-and-secrets': {
    typicalSeconds: 17,
    mutate: ['src/text-safety.ts', 'src/secrets.ts', 'src/personal-data.ts'],
    tests: ['text-safety.test.ts', 'secrets.test.ts', 'personal-data.test.ts']
  },
  settings: {
    typicalSeconds: 501,
    mutate: [
      'src/settings.ts',
      'src/input-reading.ts',
      'src/announce-input.ts',
      'src/qr-code-input.ts',
      'src/update-files-input.ts',
      'src/variable-input.ts',
      'src/participant-input.ts'
    ],
    tests: ['settings.test.ts', 'identifier.test.ts', 'participant-input.test.ts']
  },
  'plan-and-rotation': {
    typicalSeconds: 1055,
    mutate: [
      'src/plan.ts',
      'src/community-plan.ts',
      'src/known-group.ts',
      'src/groups-without-jid.ts',
      'src/link-evidence.ts',
      'src/rotation.ts',
      'src/group-reset.ts',
      'src/time-rule.ts'
    ],
    tests: ['plan.test.ts', 'rotation-outcomes.test.ts', 'link-evidence.test.ts', 'time-rule.test.ts']
  },
  // Where a mistake reports someone removed, demoted or rejected who is not (issue #31 items 6-8):
  // who is who, read without a server, then the calls and read-backs, run against the simulator.
  'people-identity': {
    typicalSeconds: 410,
    mutate: [
      'src/participant-identity.ts',
      'src/participant-answers.ts',
      'src/participant-plan.ts',
      'src/participant-report.ts'
    ],
    tests: [
      'participant-identity.test.ts',
      'participant-answers.test.ts',
      'participant-plan.test.ts',
      'participant-report.test.ts'
    ],
    coverageAnalysis: 'perTest'
  },
  'people-calls': {
    typicalSeconds: 592,
    mutate: ['src/participant-read-back.ts', 'src/participant-calls.ts', 'src/participants.ts', 'src/incident.ts'],
    tests: ['participants.test.ts', 'people-evidence.test.ts'],
    coverageAnalysis: 'perTest'
  },
  announcements: {
    typicalSeconds: 294,
    mutate: ['src/announce.ts'],
    tests: ['announce.test.ts', 'announce-run.test.ts'],
    coverageAnalysis: 'perTest'
  },
  http: {
    typicalSeconds: 1849,
    mutate: ['src/http.ts', 'src/proxy.ts', 'src/proxy-tunnel.ts', 'src/network-errors.ts'],
    tests: [
      'http.test.ts',
      'http-older-node.test.ts',
      'proxy.test.ts',
      'proxy-tunnel.test.ts',
      'network-errors.test.ts',
      'ryze-client.test.ts'
    ],
    coverageAnalysis: 'perTest'
  }
}
