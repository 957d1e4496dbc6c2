// Jest's TypeScript transform: esbuild strips the types, file by file, as `isolatedModules`
// promises is safe. Type checking is `npm run typecheck`'s job; this keeps a cold run (a fresh
// clone has no transform cache) from loading the TypeScript compiler into every worker.
import { transformSync } from 'esbuild'

export default {
  process(source, path) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2023',
      sourcefile: path,
      sourcemap: 'external',
      sourcesContent: false
    })
    return { code, map }
  }
}
