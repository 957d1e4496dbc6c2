/**
 * Jest setup: @actions/core writes its `::debug::` lines, and the `::add-mask::` commands that
 * register secrets, to stdout, and the in-process tests of the client, the plan and the rotation
 * would fill the test report with them. Tests that read the log capture stdout themselves (see
 * in-process.ts), so they still see every line.
 */
const QUIET = ['::debug::', '::add-mask::']
const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean
process.stdout.write = (chunk: unknown, ...rest: unknown[]) =>
  typeof chunk === 'string' && QUIET.some((command) => chunk.startsWith(command)) ? true : write(chunk, ...rest)
