// dist/build.sha256: the SHA-256 of every file `npm run bundle` builds from and of every file it
// writes, in sha256sum's format; package.json and the lockfile are hashed without their version,
// which the build does not read, so that a release's version bump leaves dist/ as it is.
// `npm run bundle` writes it last. `npm test` builds dist/ again only when it no longer holds, that
// is when a source, the dependencies, the build's own scripts or dist/ itself changed: a fresh clone
// tests the committed dist/ at once. CI builds dist/ again regardless, and fails if it differs from
// the committed one.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(import.meta.dirname, '..')
const CHECKSUMS = 'dist/build.sha256'
/** What ncc and scripts/minify-chunks.mjs read: the sources, the local packages, the pinned dependencies. */
const INPUTS = [
  'src',
  'packages',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/minify-chunks.mjs',
  'scripts/build-checksums.mjs'
]

/** Every file at or under `path` in `root`, relative to it with `/` between folders, in a fixed order. */
function filesAt(root, path) {
  const full = join(root, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [path]
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesAt(root, `${path}/${name}`))
}

const WITHOUT_VERSION = new Set(['package.json', 'package-lock.json'])

/** What is hashed of a file: its bytes, or for package.json and the lockfile, their JSON less the version. */
function contentOf(root, path) {
  const bytes = readFileSync(join(root, path))
  if (!WITHOUT_VERSION.has(path)) return bytes
  const manifest = JSON.parse(bytes.toString('utf8'))
  delete manifest.version
  if (manifest.packages?.['']) delete manifest.packages[''].version
  return JSON.stringify(manifest)
}

function checksums(root) {
  const files = [
    ...INPUTS.flatMap((path) => filesAt(root, path)),
    ...filesAt(root, 'dist').filter((path) => path !== CHECKSUMS)
  ]
  const sha256 = (path) => createHash('sha256').update(contentOf(root, path)).digest('hex')
  const lines = files.map((path) => `${sha256(path)}  ${path}`)
  return `${lines.join('\n')}\n`
}

export function writeBuildChecksums(root = ROOT) {
  writeFileSync(join(root, CHECKSUMS), checksums(root))
}

/** Whether dist/ is, byte for byte, what the last build wrote from the sources as they are now. */
export function buildChecksumsHold(root = ROOT) {
  const path = join(root, CHECKSUMS)
  return existsSync(path) && readFileSync(path, 'utf8') === checksums(root)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeBuildChecksums()
