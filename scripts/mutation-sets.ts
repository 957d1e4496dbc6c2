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
    typicalSeconds: 576,
    mutate: ['src/ryze/retry.ts', 'src/ryze/rate-limit.ts', 'src/ryze/clock.ts'],
    tests: ['ryze/retry.test.ts', 'ryze/rate-limit.test.ts']
  },
  'text-safety-and-secrets': {
    typicalSeconds: 409,
    mutate: ['src/safety/text-safety.ts', 'src/safety/secrets.ts', 'src/safety/personal-data.ts'],
    tests: ['safety/text-safety.test.ts', 'safety/secrets.test.ts', 'safety/personal-data.test.ts']
  },
  settings: {
    typicalSeconds: 1472,
    // All of inputs/ but the glob syntax of update-files, which file-patterns.test.ts holds against @actions/glob.
    mutate: ['src/inputs/*.ts', '!src/inputs/file-patterns.ts'],
    tests: ['inputs/settings.test.ts', 'ryze/identifier.test.ts', 'inputs/participant-input.test.ts']
  },
  'plan-and-rotation': {
    typicalSeconds: 1055,
    mutate: [
      'src/plan/*.ts',
      'src/rotation/link-evidence.ts',
      'src/rotation/rotation.ts',
      'src/rotation/group-reset.ts',
      'src/ryze/time-rule.ts'
    ],
    tests: [
      'plan/plan.test.ts',
      'rotation/rotation-outcomes.test.ts',
      'rotation/link-evidence.test.ts',
      'ryze/time-rule.test.ts'
    ]
  },
  // Where a mistake reports someone removed, demoted or rejected who is not (issue #31 items 6-8):
  // who is who, read without a server, then the calls and read-backs, run against the simulator.
  // The two sets together are incident/ whole, split so that each runs in minutes.
  'people-identity': {
    typicalSeconds: 470,
    mutate: [
      'src/incident/participant-identity.ts',
      'src/incident/participant-answers.ts',
      'src/incident/participant-plan.ts',
      'src/incident/participant-report.ts'
    ],
    tests: [
      'incident/participant-identity.test.ts',
      'incident/participant-answers.test.ts',
      'incident/participant-plan.test.ts',
      'incident/participant-report.test.ts'
    ],
    coverageAnalysis: 'perTest'
  },
  'people-calls': {
    typicalSeconds: 754,
    mutate: [
      'src/incident/participant-read-back.ts',
      'src/incident/participant-calls.ts',
      'src/incident/participants.ts',
      'src/incident/incident.ts'
    ],
    tests: ['incident/participants.test.ts', 'incident/people-evidence.test.ts', 'incident/people-lag.test.ts'],
    coverageAnalysis: 'perTest'
  },
  announcements: {
    typicalSeconds: 294,
    mutate: ['src/follow-ups/announce.ts'],
    tests: ['follow-ups/announce.test.ts', 'follow-ups/announce-run.test.ts'],
    coverageAnalysis: 'perTest'
  },
  http: {
    typicalSeconds: 1862,
    mutate: ['src/transport/*.ts'],
    tests: [
      'transport/http.test.ts',
      'transport/http-older-node.test.ts',
      'transport/proxy.test.ts',
      'transport/proxy-tunnel.test.ts',
      'transport/network-errors.test.ts',
      'ryze/ryze-client.test.ts'
    ],
    coverageAnalysis: 'perTest'
  }
}
