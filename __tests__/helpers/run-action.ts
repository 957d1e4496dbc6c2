import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { withLf } from './line-endings.js'
import { checkMessageRules } from './message-rules.js'

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BUNDLE = join(PROJECT_ROOT, 'dist', 'index.js')
/**
 * What a run may take beyond what the action promises: Node's start-up, loading the bundle and
 * ending the process, on a busy two-core machine. Time bounds are the promise plus this.
 */
export const START_UP_ALLOWANCE_MS = 2500

/**
 * Waits until dist/ is built: `npm test` builds it while the unit tests run, and names in
 * RYZE_BUNDLE_STATUS the file where the build's exit code will appear. Without it (jest run on its
 * own), dist/ is taken as it is.
 */
export async function bundleBuilt(): Promise<void> {
  const statusFile = process.env.RYZE_BUNDLE_STATUS
  if (statusFile === undefined) return
  for (;;) {
    const status = await readFile(statusFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (status === '0') return
    if (status !== undefined) throw new Error(`npm run bundle failed (exit code ${status}): dist/ is not built.`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The job summary markdown, '' when none was written. */
  summary: string
  /** The raw GITHUB_OUTPUT file, to check that nothing else was written to it. */
  outputFile: string
  durationMs: number
}

export interface RunOptions {
  /** Extra environment variables, such as HTTPS_PROXY. */
  env?: Record<string, string>
  /** GITHUB_WORKSPACE and the working directory; a fresh empty folder by default. */
  workspace?: string
  /** The script to run instead of dist/index.js, e.g. a benchmark baseline. */
  script?: string
  /** The Node binary to run it on; the one running the tests by default. */
  node?: string
  /** Node options before the script, e.g. importing(probe). */
  nodeArgs?: string[]
  /** Called once the process has started, e.g. to send it a signal. */
  onStart?: (child: ReturnType<typeof spawn>) => void
}

/**
 * Run options that send `signal` to the action once `due()` holds, checked every 20 ms: a
 * cancellation at the moment a test chooses (a request has arrived, a tunnel is open).
 * `signalledAt()` says when it was sent, or 0 if it never was. Use with `itWithSignals`: on Windows
 * the process would end at once, whatever the signal.
 */
export function signalWhen(due: () => boolean, signal: NodeJS.Signals): RunOptions & { signalledAt: () => number } {
  let signalledAt = 0
  return {
    signalledAt: () => signalledAt,
    onStart: (child) => {
      const poll = setInterval(() => {
        if (!due()) return
        clearInterval(poll)
        signalledAt = Date.now()
        child.kill(signal)
      }, 20)
      child.on('close', () => clearInterval(poll))
    }
  }
}

/** Node's `--import` of a file, as a file URL: Node would read a path such as `C:\a\probe.mjs` as a URL of scheme `c:`. */
export function importing(path: string): string[] {
  return ['--import', pathToFileURL(path).href]
}

interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

let metadata: Promise<ActionMetadata> | undefined

/** action.yml, read once per test file: it does not change while the tests run. */
export function actionMetadata(): Promise<ActionMetadata> {
  metadata ??= readFile(join(PROJECT_ROOT, 'action.yml'), 'utf8').then((text) => parse(text) as ActionMetadata)
  return metadata
}

/** The INPUT_* variables the runner sets: every input with a default, then the step's `with:`. */
export async function inputEnvironment(inputs: Record<string, string>): Promise<Record<string, string>> {
  const metadata = await actionMetadata()
  const env: Record<string, string> = {}
  for (const [name, input] of Object.entries(metadata.inputs)) {
    if (input.default !== undefined) env[inputVariable(name)] = String(input.default)
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  return env
}

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Runs the bundled action as the runner does: a fresh Node process with INPUT_* and GITHUB_* files. */
export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  if (options.script === undefined) await bundleBuilt()
  const dir = await mkdtemp(join(tmpdir(), 'ryze-action-'))
  const outputPath = join(dir, 'output')
  const summaryPath = join(dir, 'summary')
  await writeFile(outputPath, '')
  await writeFile(summaryPath, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // Windows' sockets do not start without SystemRoot.
    ...(process.env.SystemRoot === undefined ? {} : { SystemRoot: process.env.SystemRoot }),
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: options.workspace ?? dir,
    ...(await inputEnvironment(inputs)),
    ...options.env
  }

  const started = performance.now()
  try {
    const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), options.script ?? BUNDLE], {
      cwd: options.workspace ?? dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    options.onStart?.(child)
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
      child.on('error', fail)
      child.on('close', (code, sig) => done([code, sig]))
    })
    const durationMs = performance.now() - started
    const outputFile = await readFile(outputPath, 'utf8')
    const summary = withLf(await readFile(summaryPath, 'utf8'))
    const [out, err] = [withLf(stdout), withLf(stderr)]
    if (options.script === undefined) checkMessageRules(out)
    return {
      exitCode,
      signal,
      stdout: out,
      stderr: err,
      outputs: parseOutputFile(outputFile),
      summary,
      outputFile,
      durationMs
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Reads `name<<DELIMITER\nvalue\nDELIMITER` records and `name=value` lines, as the runner does. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    const single = /^([^<=]+)=(.*)$/.exec(lines[i]!)
    if (single) outputs[single[1]!] = single[2]!
    if (!header) continue
    const [, name, delimiter] = header
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!)
    outputs[name!] = value.join('\n')
  }
  return outputs
}

/**
 * Everything a user could see: the log (less the `::add-mask::` commands that register secrets with
 * the runner, which it consumes and never shows), the outputs and the summary; of a run in process
 * (`runInProcess`) too, whose log is all on stdout.
 */
export function visibleText(run: Pick<ActionRun, 'stdout' | 'outputFile' | 'summary'> & { stderr?: string }): string {
  const log = `${run.stdout}\n${run.stderr ?? ''}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  return `${log}\n${run.outputFile}\n${run.summary}`
}

/** The workflow commands in the log, e.g. [['error', 'message'], ['add-mask', '***']]. */
export function workflowCommands(stdout: string): Array<[string, string]> {
  return stdout
    .split('\n')
    .map((line) => /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => [match[1]!, match[2]!])
}

/** The texts of the log's workflow commands called `name`, e.g. every `::error::` message. */
export function commandTexts(stdout: string, name: string): string[] {
  return workflowCommands(stdout)
    .filter(([command]) => command === name)
    .map(([, text]) => text)
}

/** The outputs that hand a link on; `results` is left out, since it is set whenever a group was tried. */
export function linkOutputs(outputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs).filter(([name]) => ['invite-link', 'invite-code', 'group-jid'].includes(name))
  )
}

export interface Annotation {
  level: string
  title?: string
  message: string
}

/** The annotations (error, warning, notice) in the log, their message and title unescaped as the runner shows them. */
export function annotationsOf(stdout: string): Annotation[] {
  const unescape = (text: string): string =>
    text
      .replaceAll('%0D', '\r')
      .replaceAll('%0A', '\n')
      .replaceAll('%3A', ':')
      .replaceAll('%2C', ',')
      .replaceAll('%25', '%')
  return stdout
    .split('\n')
    .map((line) => /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => {
      const title = /(?:^|,)title=([^,]*)/.exec(match[2] ?? '')?.[1]
      return {
        level: match[1]!,
        ...(title === undefined ? {} : { title: unescape(title) }),
        message: unescape(match[3]!)
      }
    })
}
