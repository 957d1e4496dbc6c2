import { describe, expect, it } from '@jest/globals'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from './helpers/run-action.js'

interface Step {
  uses?: string
  run?: string
}
interface Workflow {
  jobs: Record<string, { steps?: Step[] }>
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
})
