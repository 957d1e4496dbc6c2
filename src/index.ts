import { run } from './main.js'

// The runner cancels a job with SIGINT, then SIGTERM: stop at once, also in the middle of a wait.
const cancellation = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => cancellation.abort(new Error(`received ${signal}`)))
}

await run(cancellation.signal)
