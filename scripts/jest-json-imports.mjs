// @actions/workflow-parser, which metadata.test.ts uses to read action.yml and the workflows as
// GitHub does, imports its JSON schemas without `with { type: 'json' }`. Node refuses such an
// import, and jest warns on every run that its next major will refuse it too. This transform adds
// the attribute to the package's JSON imports; nothing else in them changes.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

const JSON_IMPORT_WITHOUT_ATTRIBUTE = /^(import \w+ from (["'])[^"']+\.json\2)[ \t]*;?[ \t]*$/gm

const transformKey = createHash('sha256')
  .update(readFileSync(new URL(import.meta.url)))
  .digest('hex')

export default {
  getCacheKey(source, path, { configString }) {
    return createHash('sha256').update(transformKey).update(configString).update(path).update(source).digest('hex')
  },
  process(source) {
    return { code: source.replace(JSON_IMPORT_WITHOUT_ATTRIBUTE, "$1 with { type: 'json' };") }
  }
}
