/**
 * `npm run bench`: what the action costs next to the floor (a CommonJS script doing the same
 * request) and the toolkit's own cost, what a plain reset loads from dist/, the size of what a
 * runner downloads, and how close the pacing comes to the rate limit's bound. Ratios are taken
 * within one interleaved round, so a noisy machine slows all three alike. Nothing here asserts: it
 * measures and prints.
 */
import { execFileSync, execSync } from 'node:child_process'
import { copyFile, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT, importing, runAction } from '../__tests__/helpers/run-action.js'
import { RyzeSimulator, adminGroups, groupJids } from '../__tests__/simulator/ryze-simulator.js'
import { slowLink } from './slow-link.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)
/** The slow link's round-trip time; BENCH_RTT_MS=0 leaves that part out. */
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 100)
const WARM_UP = 3
const PACING_GROUPS = 45
const PACING_LIMIT = { limit: 10, windowMs: 2000 }
const PROBE = join(PROJECT_ROOT, 'bench', 'probe.mjs')
const DIST = join(PROJECT_ROOT, 'dist')

interface Sample {
  ms: number
  cpuMs: number
  rssMb: number
}

/** The targets, against the floor. */
const TARGETS = { wall: 1.45, cpu: 1.5, rss: 1.2, defaultPathBytes: 64 * 1024, archiveBytes: 450_000 }

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'ryze-bench-'))
  try {
    console.log('Bundling the toolkit baseline with ncc, as the action is bundled...')
    execFileSync(
      process.execPath,
      [
        join(PROJECT_ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js'),
        'build',
        join(PROJECT_ROOT, 'bench', 'toolkit-action.ts'),
        '--out',
        join(work, 'toolkit'),
        '--minify',
        '--quiet'
      ],
      { cwd: PROJECT_ROOT, stdio: 'inherit' }
    )
    const variants = {
      action: join(DIST, 'index.js'),
      toolkit: join(work, 'toolkit', 'index.js'),
      floor: join(PROJECT_ROOT, 'bench', 'floor.cjs')
    }
    await startUp(variants, work)
    if (RTT_MS > 0) await slowLink({ rttMs: RTT_MS, rounds: ROUNDS, floor: variants.floor, action: variants.action })
    await defaultPath(work)
    await archive(work)
    await pacing()
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function measure(script: string, simulator: RyzeSimulator, report: string, trace = false): Promise<Sample> {
  const run = await runAction(simulator.actionInputs(), {
    script,
    nodeArgs: importing(PROBE),
    env: { BENCH_REPORT: report, ...(trace ? { BENCH_TRACE_MODULES: '1' } : {}) }
  })
  if (run.exitCode !== 0 || !run.outputs['invite-link']) {
    throw new Error(`${script} failed: ${run.stdout}${run.stderr}`)
  }
  const { maxRssKb, cpuMs } = JSON.parse(await readFile(report, 'utf8')) as { maxRssKb: number; cpuMs: number }
  return { ms: run.durationMs, cpuMs, rssMb: maxRssKb / 1024 }
}

async function startUp(variants: Record<'action' | 'toolkit' | 'floor', string>, work: string): Promise<void> {
  const simulator = new RyzeSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } })
  await simulator.start()
  const names = Object.keys(variants) as Array<keyof typeof variants>
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<
    keyof typeof variants,
    Sample[]
  >
  const report = join(work, 'report.json')
  try {
    console.log(`Warming up, then ${ROUNDS} interleaved rounds of: ${names.join(', ')}...`)
    for (let round = -WARM_UP; round < ROUNDS; round++) {
      for (const name of names) {
        const sample = await measure(variants[name], simulator, report)
        if (round >= 0) samples[name].push(sample)
      }
    }
  } finally {
    await simulator.stop()
  }

  type Variant = keyof typeof variants
  const ratios = (a: Variant, b: Variant, metric: keyof Sample): number[] =>
    samples[a].map((sample, index) => sample[metric] / samples[b][index]![metric])
  const minAndMedian = (values: number[]): string => `${Math.min(...values).toFixed(2)} / ${median(values).toFixed(2)}`

  console.log('\n## Start-up: one successful reset, each a whole Node process\n')
  console.log('| Variant | Median wall time | Median CPU time (user + sys) | Median peak memory |')
  console.log('| --- | --- | --- | --- |')
  for (const name of names) {
    const of = (metric: keyof Sample): number => median(samples[name].map((sample) => sample[metric]))
    console.log(
      `| ${name} | ${of('ms').toFixed(1)} ms | ${of('cpuMs').toFixed(1)} ms | ${of('rssMb').toFixed(1)} MiB |`
    )
  }
  console.log(`\nPer-round ratios over ${ROUNDS} rounds, min / median:\n`)
  console.log('| Ratio | Wall time | CPU time | Peak memory |')
  console.log('| --- | --- | --- | --- |')
  for (const [a, b] of [
    ['action', 'floor'],
    ['toolkit', 'floor'],
    ['action', 'toolkit']
  ] as Array<[Variant, Variant]>) {
    console.log(
      `| ${a}/${b} | ${minAndMedian(ratios(a, b, 'ms'))} | ${minAndMedian(ratios(a, b, 'cpuMs'))} | ${minAndMedian(ratios(a, b, 'rssMb'))} |`
    )
  }
  console.log(
    `\nTargets for action/floor medians: wall <= ${TARGETS.wall}, CPU <= ${TARGETS.cpu}, peak memory <= ${TARGETS.rss}`
  )
}

async function defaultPath(work: string): Promise<void> {
  const simulator = new RyzeSimulator()
  await simulator.start()
  const report = join(work, 'trace.json')
  try {
    await measure(join(DIST, 'index.js'), simulator, report, true)
  } finally {
    await simulator.stop()
  }
  const { loaded, undici } = JSON.parse(await readFile(report, 'utf8')) as { loaded: string[]; undici: boolean }
  const distUrl = new URL(`file://${DIST}/`).href
  const fromDist = [...new Set(loaded.filter((url) => url.startsWith(distUrl)))].map((url) => url.slice(distUrl.length))
  const all = (await readdir(DIST)).filter((name) => name.endsWith('.js') || name.endsWith('.cjs'))
  const size = async (name: string): Promise<number> => (await stat(join(DIST, name))).size
  let total = 0
  console.log('\n## What a plain reset loads from dist/\n')
  console.log('| File | Size | Loaded by a plain reset |')
  console.log('| --- | --- | --- |')
  for (const name of all.sort()) {
    const bytes = await size(name)
    const isLoaded = fromDist.includes(name)
    if (isLoaded) total += bytes
    console.log(`| ${name} | ${kib(bytes)} | ${isLoaded ? 'yes' : 'no (optional feature)'} |`)
  }
  console.log(
    `\nDefault path: ${kib(total)} of dist/ (target <= ${kib(TARGETS.defaultPathBytes)}); Node's built-in undici loaded: ${undici ? 'yes' : 'no'}`
  )
}

/**
 * What a runner downloads for `uses: owner/repo@ref`: `git archive` of the commit, gzipped. Measured
 * on the working tree as it would be committed (dist/ included), through a scratch index.
 */
async function archive(work: string): Promise<void> {
  const index = join(work, 'index')
  const git = (command: string): string =>
    execSync(command, { cwd: PROJECT_ROOT, env: { ...process.env, GIT_INDEX_FILE: index }, encoding: 'utf8' }).trim()
  let bytes: number
  try {
    await copyFile(join(git('git rev-parse --absolute-git-dir'), 'index'), index)
    git('git add -A .')
    bytes = Number(git(`git archive ${git('git write-tree')} | gzip -9 | wc -c`))
  } catch {
    console.log('\n## Download\n\nNot measured: this is not a git checkout.')
    return
  }
  console.log('\n## Download\n')
  console.log(
    `The repository archive a runner downloads (git archive | gzip): ${bytes.toLocaleString('en')} bytes (target <= ${TARGETS.archiveBytes.toLocaleString('en')})`
  )
}

async function pacing(): Promise<void> {
  const simulator = new RyzeSimulator({ groups: adminGroups(PACING_GROUPS), rateLimit: PACING_LIMIT })
  await simulator.start()
  const arrivals: number[] = []
  simulator.onRequest = () => arrivals.push(Date.now())
  try {
    const run = await runAction({
      ...simulator.actionInputs(),
      group: groupJids(PACING_GROUPS).join('\n'),
      summary: 'false'
    })
    if (run.exitCode !== 0) throw new Error(`the pacing run failed: ${run.stdout}`)
  } finally {
    await simulator.stop()
  }
  const { limit, windowMs } = PACING_LIMIT
  const first = arrivals[0]!
  const last = arrivals[arrivals.length - 1]!
  // Windows are aligned to the clock: the last request may come no sooner than the start of the
  // window that the limit pushes it into.
  const lastWindowStart = (Math.floor(first / windowMs) + Math.ceil(arrivals.length / limit) - 1) * windowMs
  const boundMs = Math.max(0, lastWindowStart - first)
  const tooMany = simulator.requests.filter((request) => request.status === 429).length
  console.log(`\n## Pacing: ${PACING_GROUPS} groups, ${limit} requests per ${windowMs / 1000} s\n`)
  console.log('| Requests | First to last request | Least the limit allows | Share of the bound | 429 answers |')
  console.log('| --- | --- | --- | --- | --- |')
  console.log(
    `| ${arrivals.length} | ${((last - first) / 1000).toFixed(2)} s | ${(boundMs / 1000).toFixed(2)} s | ${((100 * boundMs) / Math.max(1, last - first)).toFixed(1)} % | ${tooMany} |`
  )
  console.log('\n(target: at least 90 % of the bound, and no 429)')
}

console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`
)
await main()
