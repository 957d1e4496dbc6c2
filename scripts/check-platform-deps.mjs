// `node scripts/check-platform-deps.mjs [package-lock.json]`: fails when a required dependency (one
// npm ci cannot skip) needs a binary built for one system. Such a package either declares `os` or
// `cpu`, and npm ci fails on every other system, or fetches its binary in an install script, and
// npm ci fails wherever the registry has none for that system. Both belong in optionalDependencies
// (or under a package that lists them so, as esbuild does), so that npm ci passes on Linux, Windows
// and macOS alike.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** Required packages whose install script is known to fetch nothing, each with the reason. */
export const HARMLESS_INSTALL_SCRIPTS = {
  esbuild: 'its postinstall only checks the binary it takes from an optional @esbuild/* package',
  '@parcel/watcher': 'it builds from source only when no optional prebuilt @parcel/watcher-* package fits'
}

/** The name a package is installed under at `path` (node_modules/a/node_modules/@b/c is @b/c). */
function installedName(path) {
  return path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
}

/** One sentence per required package of `lock` (a parsed package-lock.json) that needs a platform binary. */
export function platformProblems(lock) {
  const problems = []
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || entry.optional || entry.devOptional || entry.link) continue
    const name = entry.name ?? installedName(path)
    const shown = `${installedName(path)}${entry.name ? ` (npm:${entry.name}@${entry.version})` : `@${entry.version}`}`
    if (entry.os || entry.cpu) {
      const systems = [entry.os, entry.cpu].flat().filter(Boolean).join(', ')
      problems.push(`${shown} is built for ${systems} only, yet npm ci must install it everywhere.`)
    } else if (entry.hasInstallScript && !Object.hasOwn(HARMLESS_INSTALL_SCRIPTS, name)) {
      problems.push(
        `${shown} runs an install script, which may fetch a binary the registry lacks for some system, yet npm ci must install it everywhere.`
      )
    }
  }
  return problems
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2] ?? 'package-lock.json'
  const problems = platformProblems(JSON.parse(readFileSync(file, 'utf8')))
  for (const problem of problems) console.error(problem)
  if (problems.length > 0) {
    console.error(
      `${file}: make these optional dependencies, or add a package to HARMLESS_INSTALL_SCRIPTS in scripts/check-platform-deps.mjs with the reason its script fetches nothing.`
    )
    process.exit(1)
  }
  console.log(`${file}: no required dependency needs a binary built for one system.`)
}
