import { jest } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../../src/ryze/clock.js'
import { run } from '../../src/main.js'
import { inputEnvironment, parseOutputFile } from './run-action.js'
import { withLf } from './line-endings.js'
import { checkMessageRules } from './message-rules.js'

export interface InProcessRun {
  exitCode: number | undefined
  stdout: string
  outputs: Record<string, string>
  /** The raw GITHUB_OUTPUT file. */
  outputFile: string
  summary: string
}

let summaryPath: string | undefined

/**
 * Runs `run()` in this process with the real toolkit: INPUT_* variables (with action.yml's defaults)
 * and real GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. Used where coverage of the sources matters;
 * the end-to-end tests run the bundle instead. Given a `clock` (a ManualClock the simulator shares),
 * the run's backoffs and waits pass on it instead of in real time. A `signal` cancels the run as the
 * runner's SIGTERM would.
 */
export async function runInProcess(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  clock?: Clock,
  signal?: AbortSignal
): Promise<InProcessRun> {
  const dir = await mkdtemp(join(tmpdir(), 'ryze-main-'))
  // core.summary remembers the first summary file it writes to, so all runs share one.
  summaryPath ??= join(await mkdtemp(join(tmpdir(), 'ryze-summary-')), 'summary')
  await writeFile(summaryPath, '')
  const outputPath = join(dir, 'output')
  await writeFile(outputPath, '')

  const saved = { ...process.env }
  Object.assign(process.env, await inputEnvironment(inputs), {
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: dir,
    ...env
  })
  let stdout = ''
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  })
  try {
    await run(signal, clock)
    const outputFile = await readFile(outputPath, 'utf8')
    checkMessageRules(withLf(stdout))
    return {
      exitCode: process.exitCode === undefined ? undefined : Number(process.exitCode),
      stdout: withLf(stdout),
      outputs: parseOutputFile(outputFile),
      outputFile,
      summary: withLf(await readFile(summaryPath, 'utf8'))
    }
  } finally {
    write.mockRestore()
    process.exitCode = undefined
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
    await rm(dir, { recursive: true, force: true })
  }
}
