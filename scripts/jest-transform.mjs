// Jest's TypeScript transform: esbuild strips the types, file by file, as `isolatedModules`
// promises is safe. Type checking is `npm run typecheck`'s job; this keeps a cold run (a fresh
// clone has no transform cache) from loading the TypeScript compiler into every worker.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { transformSync } from 'esbuild'

const OPTIONS = { loader: 'ts', format: 'esm', target: 'es2023', sourcemap: 'external', sourcesContent: false }

// Jest keys its cache by the source and its own config only: an edit to this file, its options or
// esbuild's version must give a new key, or jest would keep serving what the old transform made.
const transformKey = createHash('sha256')
  .update(readFileSync(new URL(import.meta.url)))
  .update(createRequire(import.meta.url)('esbuild/package.json').version)
  .digest('hex')

export default {
  getCacheKey(source, path, { configString }) {
    return createHash('sha256').update(transformKey).update(configString).update(path).update(source).digest('hex')
  },
  process(source, path) {
    const { code, map } = transformSync(source, { ...OPTIONS, sourcefile: path })
    return { code, map }
  }
}
