import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { describeWithBash } from '../helpers/platforms.js'
import { PROJECT_ROOT, commandTexts } from '../helpers/run-action.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'

/*
 * The commands the README and docs/ give are ones CI runs. Each shell block says, in the comment
 * just above it, how it is covered: `ci` (every command is one that .ci/run runs), `run` (this file
 * runs it) or `not run: <why>` (it needs what CI cannot have). A block without one fails here, and
 * so does a command that .ci/run no longer runs or an npm script that no longer exists.
 */

interface ShellBlock {
  file: string
  /** The comment above the block: `ci: ...`, `run: ...` or `not run: ...`. */
  marker: string
  commands: string[]
}

const DOCUMENTS = async (): Promise<string[]> => [
  'README.md',
  ...(await readdir(join(PROJECT_ROOT, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)
]

async function shellBlocks(): Promise<ShellBlock[]> {
  const blocks: ShellBlock[] = []
  for (const file of await DOCUMENTS()) {
    const text = await readFile(join(PROJECT_ROOT, file), 'utf8')
    for (const match of text.matchAll(/(?:<!-- (.*?) -->\n\n)?( *)```(?:sh|bash|shell|console)\n([\s\S]*?)\2```/g)) {
      const commands = match[3]!
        .split('\n')
        .map((line) => line.replace(/(^|\s+)#.*$/, '').trim())
        .filter((line) => line !== '')
      blocks.push({ file, marker: match[1] ?? '', commands })
    }
  }
  return blocks
}

/** What .ci/run runs: its lines without comments. */
async function ciScript(): Promise<string> {
  const script = await readFile(join(PROJECT_ROOT, '.ci', 'run'), 'utf8')
  return script
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
}

/** `command` as .ci/run runs it, perhaps with more arguments: `npm ci` is covered by `npm ci --no-audit`. */
function runsInCi(script: string, command: string): boolean {
  const words = command.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  // A comment that names a command does not run it.
  const commands = script.replace(/^\s*#.*$/gm, '')
  return new RegExp(`(^|[\\s("'])${words.join('\\s+')}(?=$|[\\s)"';|&])`, 'm').test(commands)
}

async function npmScripts(): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  return new Set(Object.keys(manifest.scripts))
}

describe('the shell commands of the README and docs/', () => {
  it('are each in a block that says how CI covers it', async () => {
    const blocks = await shellBlocks()
    expect(blocks.filter((block) => block.file === 'README.md').length).toBeGreaterThanOrEqual(2)
    for (const block of blocks) {
      expect([block.file, block.commands, block.marker]).toEqual([
        block.file,
        block.commands,
        expect.stringMatching(/^(ci|run): \S|^not run: \S/)
      ])
    }
    // A block marked run is one that this file runs: today the jq recipe alone.
    const run = blocks.filter((block) => block.marker.startsWith('run:'))
    expect(run.map((block) => [block.file, block.marker, block.commands.length])).toEqual([
      ['README.md', expect.stringContaining('__tests__/project/readme-commands.test.ts'), 1]
    ])
    expect(run[0]!.commands[0]).toMatch(/^echo "\$RESULTS" \| jq /)
  })

  it('marked ci are run by .ci/run, as they are written', async () => {
    const script = await ciScript()
    const ciBlocks = (await shellBlocks()).filter((block) => block.marker.startsWith('ci:'))
    expect(ciBlocks.flatMap((block) => block.commands)).toEqual(
      expect.arrayContaining(['npm ci', 'npm test', 'npm run demo'])
    )
    for (const command of ciBlocks.flatMap((block) => block.commands)) {
      expect([command, runsInCi(script, command)]).toEqual([command, true])
    }
  })

  it('would fail on a command that .ci/run does not run', async () => {
    const script = await ciScript()
    expect(runsInCi(script, 'npm run all')).toBe(false)
    expect(runsInCi(script, 'npm run dem')).toBe(false)
    expect(runsInCi(script, 'npm test')).toBe(true)
  })

  it('name only npm scripts that package.json has, in blocks and in the text (CONTRIBUTING.md too)', async () => {
    const scripts = await npmScripts()
    const named: string[] = []
    for (const file of [...(await DOCUMENTS()), 'CONTRIBUTING.md']) {
      const text = await readFile(join(PROJECT_ROOT, file), 'utf8')
      for (const match of text.matchAll(/npm run ([\w:-]+)/g)) named.push(match[1]!)
    }
    expect(named).toEqual(expect.arrayContaining(['demo', 'release', 'bench']))
    for (const script of named) expect([script, scripts.has(script)]).toEqual([script, true])
  })
})

describe('the walkthrough and recipes of the README, against the simulator', () => {
  let simulator: RyzeSimulator
  let clock: ManualClock
  let readme: string

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock })
    await simulator.start()
    readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8')
  })
  afterEach(async () => {
    await simulator.stop()
  })

  const code = (): string => simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
  const linkNow = (): string => `https://chat.whatsapp.com/${code()}`

  /** The `with:` of docs/examples/find-group-jid.yml, its expressions given what a dispatch would. */
  async function findJidInputs(link: string): Promise<Record<string, string>> {
    const example = parse(await readFile(join(PROJECT_ROOT, 'docs/examples/find-group-jid.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Array<{ with?: Record<string, string | boolean> }> }>
    }
    const step = Object.values(example.jobs)[0]!.steps[0]!
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([name, value]) => [
        name,
        String(value).replace('${{ secrets.RYZE_TOKEN }}', DEFAULT_TOKEN).replace('${{ inputs.link }}', link)
      ])
    )
    return { ...inputs, 'base-url': simulator.url }
  }

  /** The text of the README's code span that starts with `start`, up to `…` if it has one. */
  function quoted(start: string): string {
    const span = new RegExp('`(' + start + '[^`]*)`').exec(readme)?.[1]
    if (span === undefined) throw new Error(`the README quotes no line starting "${start}"`)
    return span.replace(/ ?…$/, '')
  }

  it('finds the JID from a link with the example dry run, and revokes nothing', async () => {
    const link = linkNow()
    const run = await runInProcess(await findJidInputs(link), {}, clock)

    expect(run.exitCode).toBeUndefined()
    expect(run.outputs['group-jid']).toBe(DEFAULT_GROUP_JID)
    expect(run.stdout).toContain(quoted('Dry run: read the invite link of '))
    expect(run.summary).toContain(DEFAULT_GROUP_JID)
    expect(simulator.requestsTo('resetLink')).toHaveLength(0)
    expect(linkNow()).toBe(link)
    // mask-invite-link: the link read is not printed.
    expect(run.stdout).not.toMatch(new RegExp(`^[^:].*${code()}`, 'm'))
  })

  it('warns when the info answer names no JID, and the first reset names it, as the walkthrough says', async () => {
    simulator.infoOmitsJid = true
    const link = linkNow()
    const dryRun = await runInProcess(await findJidInputs(link), {}, clock)
    expect(dryRun.exitCode).toBeUndefined()
    expect(dryRun.outputs['group-jid']).toBe('')
    expect(commandTexts(dryRun.stdout, 'warning').join('\n')).toContain('did not report the group JID')

    const first = await runInProcess({ ...simulator.actionInputs(), group: link }, {}, clock)
    expect(first.exitCode).toBeUndefined()
    expect(first.outputs['group-jid']).toBe(DEFAULT_GROUP_JID)
  })

  it('revokes a link given as group, so that the next run fails with HTTP 404, as the walkthrough warns', async () => {
    const link = linkNow()
    const inputs = { ...simulator.actionInputs(), group: link }
    const first = await runInProcess(inputs, {}, clock)
    expect(first.exitCode).toBeUndefined()
    expect(first.outputs['group-jid']).toBe(DEFAULT_GROUP_JID)
    expect(first.stdout).toContain(quoted('Reset the invite link of '))

    const second = await runInProcess(inputs, {}, clock)
    expect(second.exitCode).toBe(1)
    expect(commandTexts(second.stdout, 'error').join('\n')).toContain('HTTP 404')
  })

  describeWithBash('the jq recipe', () => {
    it('lists each group of a real results output, as the README says', async () => {
      const recipe = (await shellBlocks()).find(
        (block) => block.file === 'README.md' && block.marker.startsWith('run:') && block.commands[0]?.includes('jq')
      )
      expect(recipe?.commands).toHaveLength(1)
      const unknown = 'https://chat.whatsapp.com/NoSuchGroup1234567890'
      const run = await runInProcess(
        { ...simulator.actionInputs(), group: `${DEFAULT_GROUP_JID}\n${linkNow()}\n${unknown}` },
        {},
        clock
      )
      const results = JSON.parse(run.outputs.results!) as Array<Record<string, unknown>>
      // The same group named twice is one entry that says so, and the unknown link fails.
      expect(results).toEqual([
        expect.objectContaining({ status: 'reset', groupJid: DEFAULT_GROUP_JID, alsoNamedBy: [expect.any(String)] }),
        expect.objectContaining({ status: 'failed', group: unknown })
      ])

      // As a workflow's run: step runs it (bash --noprofile --norc -eo pipefail), with RESULTS from env:.
      const lines = execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', recipe!.commands[0]!], {
        env: { PATH: process.env.PATH, RESULTS: run.outputs.results },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe']
      }).split(/\r?\n/)
      expect(lines[0]).toBe(`reset\tSupport\t${linkNow()}`)
      expect(lines[1]).toMatch(
        /^failed\thttps:\/\/chat\.whatsapp\.com\/NoSuchGroup1234567890\tRyzeAPI answered HTTP 404/
      )
    })
  })
})
