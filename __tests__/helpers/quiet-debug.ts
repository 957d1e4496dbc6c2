/**
 * Jest setup: @actions/core writes its `::debug::` lines to stdout, and the in-process tests of the
 * client and the retries would fill the test report with them. Tests that read the log capture
 * stdout themselves (see in-process.ts), so they still see every line.
 */
const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean
process.stdout.write = (chunk: unknown, ...rest: unknown[]) =>
  typeof chunk === 'string' && chunk.startsWith('::debug::') ? true : write(chunk, ...rest)
