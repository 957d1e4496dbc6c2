import { describe, expect, it } from '@jest/globals'
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PROJECT_ROOT, actionMetadata } from '../helpers/run-action.js'

/**
 * action.yml and every workflow (CI's and the README's examples) against GitHub's own schemas, from
 * @actions/workflow-parser, the parser behind GitHub's Actions language service.
 */
const trace = new NoOperationTraceWriter()

function actionErrors(content: string): string[] {
  return parseAction({ name: 'action.yml', content }, trace)
    .context.errors.getErrors()
    .map((error) => error.message)
}

function workflowErrors(name: string, content: string): string[] {
  return parseWorkflow({ name, content }, trace)
    .context.errors.getErrors()
    .map((error) => error.message)
}

async function workflowFiles(): Promise<string[]> {
  const folders = ['.github/workflows', 'docs/examples']
  const files = await Promise.all(
    folders.map(async (folder) =>
      (await readdir(join(PROJECT_ROOT, folder)))
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => `${folder}/${name}`)
    )
  )
  return files.flat()
}

describe('action.yml', () => {
  it('is valid action metadata', async () => {
    expect(actionErrors(await readFile(join(PROJECT_ROOT, 'action.yml'), 'utf8'))).toEqual([])
  })

  it.each([
    [
      'an unknown runtime',
      (text: string) => text.replace('using: node24', 'using: node99'),
      "Unexpected value 'node99'"
    ],
    ['an unknown key', (text: string) => text.replace('branding:', 'brandin:'), "Unexpected value 'brandin'"],
    ['no runs', (text: string) => text.replace(/^runs:[\s\S]*$/m, ''), 'Required property is missing: runs']
  ])('would fail the tests with %s', async (_case, breakIt, message) => {
    const broken = breakIt(await readFile(join(PROJECT_ROOT, 'action.yml'), 'utf8'))
    expect(actionErrors(broken)).toEqual(expect.arrayContaining([expect.stringContaining(message)]))
  })

  it('gives every input and output a description', async () => {
    const metadata = await actionMetadata()
    for (const [name, entry] of [...Object.entries(metadata.inputs), ...Object.entries(metadata.outputs)]) {
      expect([name, entry.description.trim().length > 20]).toEqual([name, true])
    }
  })
})

describe('the workflows', () => {
  it('are all valid workflows', async () => {
    const files = await workflowFiles()
    expect(files.length).toBeGreaterThan(5)
    for (const file of files) {
      expect([file, workflowErrors(file, await readFile(join(PROJECT_ROOT, file), 'utf8'))]).toEqual([file, []])
    }
  })

  it('would fail the tests with a broken example', async () => {
    const example = await readFile(join(PROJECT_ROOT, 'docs/examples/several-groups.yml'), 'utf8')
    expect(workflowErrors('broken.yml', example.replace('runs-on:', 'run-on:'))).toEqual(
      expect.arrayContaining([expect.stringContaining("Unexpected value 'run-on'")])
    )
    expect(
      workflowErrors('broken.yml', example.replace('${{ secrets.RYZE_TOKEN }}', '${{ secrets.RYZE_TOKEN }'))
    ).not.toEqual([])
  })

  it('give this action only inputs it declares, and every required one', async () => {
    const metadata = await actionMetadata()
    const declared = Object.keys(metadata.inputs)
    const required = declared.filter((name) => metadata.inputs[name]!.required)
    for (const file of await workflowFiles()) {
      const workflow = (await import('yaml')).parse(await readFile(join(PROJECT_ROOT, file), 'utf8')) as {
        jobs: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>
      }
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? [])
      for (const step of steps.filter((entry) => entry.uses === './' || entry.uses === 'OWNER/REPO@v1')) {
        const given = Object.keys(step.with ?? {})
        expect([file, given.filter((input) => !declared.includes(input))]).toEqual([file, []])
        expect([file, required.filter((input) => !given.includes(input))]).toEqual([file, []])
      }
    }
  })
})

describe('the code and action.yml', () => {
  async function sources(): Promise<string> {
    const dir = join(PROJECT_ROOT, 'src')
    const names = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.ts'))
    return (await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')))).join('\n')
  }
  const namesIn = (text: string, call: string): string[] =>
    [...new Set([...text.matchAll(new RegExp(`${call}\\('([a-z-]+)'`, 'g'))].map((match) => match[1]!))].sort()

  it('read exactly the inputs action.yml declares', async () => {
    const metadata = await actionMetadata()
    expect(namesIn(await sources(), 'getInput')).toEqual(Object.keys(metadata.inputs).sort())
  })

  it('set exactly the outputs action.yml declares', async () => {
    const metadata = await actionMetadata()
    expect(namesIn(await sources(), 'core\\.setOutput')).toEqual(Object.keys(metadata.outputs).sort())
  })
})
