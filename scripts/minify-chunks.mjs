// ncc's --minify minifies dist/index.js but writes the chunks of the optional features as they
// are: 1.7 MB, nearly all of the download a runner makes for `uses:`. esbuild minifies each chunk
// in place, following its source map back to the sources, so stack traces still point at src/.
import { build } from 'esbuild'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dist = join(import.meta.dirname, '..', 'dist')
const chunks = readdirSync(dist).filter((name) => /^\d+\.index\.js$/.test(name))
for (const name of chunks) {
  await build({
    entryPoints: [join(dist, name)],
    outfile: join(dist, name),
    allowOverwrite: true,
    bundle: false,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    sourcemap: 'external',
    legalComments: 'none',
    logLevel: 'warning'
  })
}
