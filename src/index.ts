import { run } from './main.js'

// The runner cancels a job with SIGINT, then SIGTERM; on Windows with Ctrl+C, then Ctrl+Break,
// which Node names SIGINT and SIGBREAK. The first stops the run at once, also in the middle of a
// wait; one listener per signal keeps the second from ending the process before the read-back.
const cancellation = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM', 'SIGBREAK'] as const) {
  process.once(signal, () => cancellation.abort(new Error(`received ${signal}`)))
}

await run(cancellation.signal)
