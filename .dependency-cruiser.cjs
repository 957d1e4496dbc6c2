/*
 * The rules of src/'s imports, checked by `npm run lint` (docs/architecture.md draws them).
 *
 * The folders are layers: each may import itself and the layers below it, never one above. The
 * features sit on top of the layers, side by side: a feature imports another only through a seam
 * named here. index.ts and main.ts, at the top of src/, put everything together.
 */

/** From the bottom up; `owns` is what the folder is for, said again in each rule's message. */
const LAYERS = [
  { folder: 'safety', owns: 'errors, secrets, text safety and personal data, and imports nothing else of src/' },
  { folder: 'workspace', owns: "the runner's files: paths, platform mechanisms, atomic writes" },
  { folder: 'transport', owns: 'HTTP, proxies and the wording of network errors' },
  {
    folder: 'ryze',
    owns: 'RyzeAPI: the client, its answers and failures, identifiers, retries, pacing, the clock and the time rule'
  },
  { folder: 'inputs', owns: 'reading and checking every input' },
  {
    folder: 'report',
    owns: "a run's results (the types every step makes) and how they are told: outputs, summary, annotations"
  }
]

const FEATURES = [
  { folder: 'plan', owns: 'turning group lines into known, deduplicated groups' },
  { folder: 'rotation', owns: "each group's reset, the evidence for its new link, and its result" },
  { folder: 'incident', owns: 'removals, demotions and join requests around a reset, and their read-backs' },
  { folder: 'follow-ups', owns: 'what is done with a new link: files, QR codes, variables, announcements' }
]

/** The only imports between features. */
const SEAMS = [
  { from: 'rotation', to: 'plan', why: 'rotation works on the groups the plan learned (KnownGroup)' },
  {
    from: 'incident',
    to: 'rotation',
    typeOnly: true,
    why: "incident's steps take the shape rotation runs around each reset (GroupStep), types only"
  }
]

const folders = (names) => `^src/(${names.join('|')})/`

const layerRules = LAYERS.map(({ folder, owns }, index) => ({
  name: `${folder}-imports-below-only`,
  comment: `src/${folder}/ owns ${owns}; it may import only ${LAYERS.slice(0, index + 1)
    .map((layer) => `${layer.folder}/`)
    .join(', ')}.`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: '^src/', pathNot: folders(LAYERS.slice(0, index + 1).map((layer) => layer.folder)) }
}))

const featureRules = FEATURES.map(({ folder, owns }) => {
  const seams = SEAMS.filter((seam) => seam.from === folder).map((seam) => seam.to)
  return {
    name: `${folder}-imports-layers-and-seams-only`,
    comment:
      `src/${folder}/ owns ${owns}; it may import the layers (${LAYERS.map((layer) => `${layer.folder}/`).join(', ')})` +
      (seams.length > 0 ? ` and, through a seam, ${seams.map((seam) => `${seam}/`).join(', ')}` : '') +
      ', never another feature or main.ts.',
    severity: 'error',
    from: { path: `^src/${folder}/` },
    to: { path: '^src/', pathNot: folders([...LAYERS.map((layer) => layer.folder), folder, ...seams]) }
  }
})

const typeOnlySeamRules = SEAMS.filter((seam) => seam.typeOnly).map(({ from, to, why }) => ({
  name: `${from}-to-${to}-types-only`,
  comment: `A seam: ${why}.`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: `^src/${to}/`, dependencyTypesNot: ['type-only'] }
}))

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Imports run one way: a circle, type imports included, means two modules know each other.',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'no-orphans',
      comment: 'Every module of src/ is imported by another, or is the entry point (index.ts).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: '^src/index\\.ts$' },
      to: {}
    },
    {
      name: 'reachable-from-index',
      comment: 'Every module of src/ is loaded by some run (from index.ts, lazy imports included), or it is dead code.',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', reachable: false }
    },
    {
      name: 'no-tests-in-src',
      comment: 'src/ never imports the tests, their helpers or the simulator.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^__tests__/' }
    },
    {
      name: 'no-dev-dependencies-in-src',
      comment: 'What src/ imports is bundled into dist/: a devDependency would be missing from a clean install.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or a package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    },
    {
      name: 'main-at-the-top',
      comment: 'Only index.ts imports main.ts, and nothing imports index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/(main|index)\\.ts$' }
    },
    {
      name: 'transport-through-ryze',
      comment:
        'Only ryze/ talks HTTP (main.ts closes the connections at the end): a feature that needs RyzeAPI asks the client.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(ryze|transport)/', '^src/main\\.ts$'] },
      to: { path: '^src/transport/' }
    },
    ...layerRules,
    ...featureRules,
    ...typeOnlySeamRules
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type imports are arrows too: a circle through types is a circle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: {
      mermaid: { minify: false }
    }
  }
}

// The folders, for the diagram of docs/architecture.md (scripts/architecture.mjs). Not enumerable:
// dependency-cruiser refuses a configuration with keys of its own.
Object.defineProperty(module.exports, 'architecture', { value: { LAYERS, FEATURES, SEAMS } })
