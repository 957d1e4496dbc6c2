import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { annotationsOf, linkOutputs, visibleText } from '../helpers/run-action.js'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitHubApiSimulator } from '../simulator/github-api.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator, adminGroups, groupJids } from '../simulator/ryze-simulator.js'

/**
 * The summary is Markdown holding HTML: every tag is closed, in order, and no cell is empty (an
 * empty cell is written as an unclosed `<td>`), so nothing after the table can be swallowed by it.
 */
function expectWellFormed(summary: string): void {
  const open: string[] = []
  for (const [, closing, name] of summary.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/g)) {
    if (closing === '') open.push(name!)
    else expect(`</${name} after <${open.pop()}>`).toBe(`</${name} after <${name}>`)
  }
  expect(open).toEqual([])
  expect(summary).not.toMatch(/<(td|th)><\/\1>|<td><td>/)
}

describe('run() in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  /** The run's and the simulator's time: backoffs and read-back lags pass without waiting. */
  let clock: ManualClock
  async function runOnClock(given: Record<string, string>, env: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess(given, env, clock)
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    return result
  }

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock })
    await simulator.start()
    inputs = simulator.actionInputs()
  })
  afterEach(() => simulator.stop())

  it('resets the link, sets the outputs and writes the summary', async () => {
    const result = await runOnClock(inputs)
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode

    expect(result.exitCode).toBeUndefined()
    expect(result.outputs).toMatchObject({
      'invite-link': `https://chat.whatsapp.com/${code}`,
      'invite-code': code,
      'group-jid': DEFAULT_GROUP_JID
    })
    expect(result.stdout).toContain(
      `Reset the invite link of "Support" (${DEFAULT_GROUP_JID}). New link: https://chat.whatsapp.com/${code}`
    )
    expect(result.stdout).toContain('RyzeAPI rate limit: 98 of 100 requests left in this window.')
    expect(result.summary).toContain('<h3>WhatsApp invite link reset</h3>')
    // The new link is a link to click, and no column is shown for a feature not in use.
    const link = `https://chat.whatsapp.com/${code}`
    expect(result.summary).toContain(
      `<tr><td>&#34;Support&#34; &#40;${DEFAULT_GROUP_JID}&#41;</td><td>Reset</td><td><a href="${link}">${link}</a></td></tr>`
    )
    expect(result.summary).not.toContain('Files updated')
    expectWellFormed(result.summary)
  })

  it('shows a group name without its bidirectional and invisible formatting in the log, summary and results', async () => {
    simulator.groups.get(DEFAULT_GROUP_JID)!.subject = 'Sup\u200bport \u202eabc\u202c\u2066\u200f'
    const result = await runOnClock(inputs)

    expect(result.exitCode).toBeUndefined()
    expect(result.stdout).toContain(`Reset the invite link of "Support abc" (${DEFAULT_GROUP_JID}).`)
    expect(result.summary).toContain(`<td>&#34;Support abc&#34; &#40;${DEFAULT_GROUP_JID}&#41;</td>`)
    expect(JSON.parse(result.outputs.results!)).toEqual([expect.objectContaining({ name: 'Support abc' })])
    for (const printed of [result.stdout, result.summary, result.outputs.results!]) {
      expect(printed).not.toMatch(/[\u200b\u200f\u202c\u202e\u2066]/)
    }
  })

  it('masks the link and the code, and keeps them out of the log and summary', async () => {
    const result = await runOnClock({ ...inputs, 'mask-invite-link': 'true' })
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    const link = `https://chat.whatsapp.com/${code}`

    expect(result.stdout).toContain(`::add-mask::${link}`)
    expect(result.stdout).toContain(`::add-mask::${code}`)
    const logWithoutMasks = result.stdout.replace(/^::add-mask::.*$/gm, '')
    expect(logWithoutMasks).not.toContain(code)
    expect(logWithoutMasks).toContain('the new link is masked (mask-invite-link: true)')
    expect(result.summary).not.toContain(code)
    expect(result.summary).toContain('<td>(masked)</td>')
    expect(result.outputs['invite-link']).toBe(link)
  })

  it('takes the current invite link in a pasted form and sends the bare code', async () => {
    const current = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    const result = await runOnClock({
      ...inputs,
      'max-lag': '0',
      group: `  www.chat.whatsapp.com/invite/${current}/?utm_source=docs#join \n`
    })
    expect(result.exitCode).toBeUndefined()
    // Learned by its code, then reset by its JID: a retry can never name a code already revoked.
    expect(simulator.requestsTo('info')[0]!.rawPath).toContain(`identifier=${current}&`)
    expect(JSON.parse(simulator.requestsTo('resetLink')[0]!.body)).toEqual({ identifier: DEFAULT_GROUP_JID })
    expect(result.outputs['group-jid']).toBe(DEFAULT_GROUP_JID)
  })

  it('warns when RyzeAPI reports no group JID for a group given by code, and resets it by that code', async () => {
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    const link = `https://chat.whatsapp.com/${code}`
    simulator.injectFault({ status: 200, body: { success: true, group: { inviteLink: link } }, route: 'info' })
    simulator.injectFault({ status: 200, body: { success: true, inviteCode: 'NewCode123' }, route: 'resetLink' })
    const result = await runOnClock({ ...inputs, group: code })
    expect(JSON.parse(simulator.requestsTo('resetLink')[0]!.body)).toEqual({ identifier: code })
    expect(result.outputs['group-jid']).toBe('')
    expect(JSON.parse(result.outputs.results!)).toEqual([
      expect.objectContaining({ inviteCode: 'NewCode123', previousInviteLink: link, status: 'reset' })
    ])
    expect(result.stdout).toContain(
      '::warning title=Group JID missing::RyzeAPI did not report the group JID of every group, so some group-jid values are empty.'
    )
    expect(result.summary).toContain(`<td>${code}</td><td>Reset</td>`)
  })

  it('fails with one error, no outputs and the token redacted from what the server said', async () => {
    simulator.injectFault({
      route: 'info',
      status: 401,
      body: { success: false, error: { message: `Invalid token ${DEFAULT_TOKEN}` } }
    })
    const result = await runOnClock(inputs)

    expect(result.exitCode).toBe(1)
    expect(linkOutputs(result.outputs)).toEqual({})
    expect(result.stdout).toMatch(
      /::error title=\d+@g\.us failed::RyzeAPI answered HTTP 401: Invalid token \*\*\*\. Check the token secret/
    )
    expect(result.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(DEFAULT_TOKEN)
  })

  it('warns about each retry and publishes the link of the attempt that succeeded', async () => {
    simulator.injectFault({
      status: 503,
      body: { success: false, error: { message: 'Instance not connected' } },
      route: 'resetLink'
    })
    const result = await runOnClock({ ...inputs, retries: '1', 'max-lag': '0' })
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode

    expect(result.exitCode).toBeUndefined()
    expect(result.stdout).toMatch(
      /::warning title=Attempt 1 of 2 failed \(120363406289005073@g\.us\)::RyzeAPI answered HTTP 503: Instance not connected\. .* Retrying in \d\.\d s\./
    )
    expect(result.outputs['invite-code']).toBe(code)
  })

  it('resets several groups, then updates files and writes QR codes, naming a group that failed', async () => {
    await simulator.stop()
    simulator = new RyzeSimulator({ clock, groups: adminGroups(3) })
    await simulator.start()
    const [first, second, third] = groupJids(3) as [string, string, string]
    simulator.groups.get(third)!.admin = false
    const workspace = await mkdtemp(join(tmpdir(), 'ryze-main-ws-'))
    const oldFirst = simulator.groups.get(first)!.inviteCode
    await writeFile(join(workspace, 'links.md'), `https://chat.whatsapp.com/${oldFirst}\n`)
    try {
      const result = await runOnClock(
        {
          ...simulator.actionInputs(),
          group: [first, second, third].join('\n'),
          'update-files': '*.md',
          'qr-code': 'qr/{group}.svg',
          'mask-invite-link': 'true'
        },
        { GITHUB_WORKSPACE: workspace }
      )
      const newFirst = simulator.groups.get(first)!.inviteCode

      expect(result.exitCode).toBe(1)
      expect(result.stdout).toContain(
        `::error title="Group 3" (${third}) failed::RyzeAPI answered HTTP 403: Not authorized to reset group invite link (must be admin).`
      )
      expect(result.stdout).toContain(
        "::error title=1 of 3 groups failed::1 of 3 groups failed. Each failure has an error annotation of its own, and the results output holds every group's outcome."
      )
      expect(result.outputs['updated-files']).toBe('links.md')
      expect(result.outputs['qr-code-files']).toBe(
        `qr/${first.replace('@g.us', '')}.svg\nqr/${second.replace('@g.us', '')}.svg`
      )
      expect(await readFile(join(workspace, 'links.md'), 'utf8')).toBe(`https://chat.whatsapp.com/${newFirst}\n`)
      expect(result.summary).toContain('<th>Files updated</th>')
      expect(result.summary).toContain('<td>links.md</td>')
      expect(result.summary).toContain('<td>(masked)</td>')
      // The failed group has no link and no file: its cells say so, rather than being left empty.
      expect(result.summary).toContain(`<td>&#8212;</td><td>&#8212;</td></tr>`)
      expectWellFormed(result.summary)
      expect(result.stdout).toContain(`::group::"Group 1" (${first})\n`)
      expect(result.stdout).toMatch(/^::debug::Follow-up update-files: done in \d+ ms\.$/m)
      expect(result.stdout).toMatch(/^::debug::Follow-up qr-code: done in \d+ ms\.$/m)
      expect(result.stdout).not.toContain('Follow-up variable')
      expect(result.stdout).toContain(`"Group 3" (${third}) failed. RyzeAPI answered HTTP 403`)
    } finally {
      await rm(workspace, { recursive: true, force: true })
    }
  })

  it('with four of five groups failing: one short annotation each, named in its title, the hint given once', async () => {
    await simulator.stop()
    simulator = new RyzeSimulator({ clock, groups: adminGroups(5) })
    await simulator.start()
    const jids = groupJids(5)
    for (const jid of jids.slice(1)) simulator.groups.get(jid)!.admin = false
    const result = await runOnClock({ ...simulator.actionInputs(), group: jids.join('\n') })

    expect(result.exitCode).toBe(1)
    const errors = annotationsOf(result.stdout).filter((annotation) => annotation.level === 'error')
    expect(errors.map((error) => error.title)).toEqual([
      ...jids.slice(1).map((jid, index) => `"Group ${index + 2}" (${jid}) failed`),
      '4 of 5 groups failed'
    ])
    const hint = "The instance's WhatsApp number must be an admin of the group"
    expect(errors.filter((error) => error.message.includes(hint))).toHaveLength(1)
    for (const error of errors.slice(0, 4)) {
      expect(error.message).toMatch(/^RyzeAPI answered HTTP 403: .* Nothing was reset\.$/)
    }
    expect(errors.at(-1)!.message).toBe(
      "4 of 5 groups failed. Each failure has an error annotation of its own, and the results output holds every group's outcome."
    )
    expect(Math.max(...errors.map((error) => error.message.length))).toBeLessThanOrEqual(700)
  })

  it('says, when the token is empty on a pull request from Dependabot, that secrets are not passed there', async () => {
    const result = await runOnClock(
      { ...inputs, token: '' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_ACTOR: 'dependabot[bot]' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      '::error title=Input "token" is empty::Input "token" is empty; expected a RyzeAPI TokenAccount or TokenInstance. This run was started by Dependabot'
    )
    expect(simulator.requests).toHaveLength(0)
  })

  it('reads current links in a dry run and changes no file', async () => {
    const result = await runOnClock({ ...inputs, 'dry-run': 'true', 'update-files': '*.md', summary: 'false' })
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    expect(result.exitCode).toBeUndefined()
    expect(result.outputs['invite-code']).toBe(code)
    expect(result.stdout).toContain('Dry run: no file is updated.')
    expect(result.summary).toBe('')
  })

  it('stores the new link in a repository variable, and fails clearly when it may not', async () => {
    const github = new GitHubApiSimulator('ghp_main0123')
    try {
      const env = { GITHUB_API_URL: await github.start(), GITHUB_REPOSITORY: 'octo/site' }
      const stored = await runOnClock({ ...inputs, variable: 'LINK', 'github-token': 'ghp_main0123' }, env)
      expect(stored.exitCode).toBeUndefined()
      expect(github.variables.get('LINK')).toBe(stored.outputs['invite-link'])
      expect(stored.stdout).toContain('Created the repository variable LINK.')

      github.canWrite = false
      const refused = await runOnClock({ ...inputs, variable: 'LINK', 'github-token': 'ghp_main0123' }, env)
      expect(refused.exitCode).toBe(1)
      expect(refused.stdout).toContain(
        '::error title=variable failed::Could not write the repository variable LINK of octo/site: GitHub answered HTTP 403, so github-token ' +
          'may not write variables. The default GITHUB_TOKEN cannot'
      )
      expect(refused.outputs['invite-link']).toMatch(/^https:\/\/chat\.whatsapp\.com\//)

      github.canWrite = true
      const elsewhere = { ...env, GITHUB_REPOSITORY: 'octo/other' }
      const missing = await runOnClock({ ...inputs, variable: 'LINK', 'github-token': 'ghp_main0123' }, elsewhere)
      expect(missing.exitCode).toBe(1)
      expect(missing.stdout).toContain(
        '::error title=variable failed::Could not write the repository variable LINK of octo/other: GitHub answered HTTP 404, so the repository was not found'
      )
      expect(missing.outputs['invite-link']).toMatch(/^https:\/\/chat\.whatsapp\.com\//)
    } finally {
      await github.stop()
    }
  })

  it('lists failed and skipped groups in the summary with fail-fast', async () => {
    await simulator.stop()
    simulator = new RyzeSimulator({ clock, groups: adminGroups(3) })
    await simulator.start()
    const [first, second, third] = groupJids(3) as [string, string, string]
    simulator.groups.get(second)!.member = false
    const result = await runOnClock({
      ...simulator.actionInputs(),
      group: [first, second, third].join('\n'),
      'fail-fast': 'true'
    })
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain(`<td>${second}</td><td>Failed: RyzeAPI answered HTTP 404: Group not found`)
    expect(result.summary).toContain(`<td>${third}</td><td>Skipped</td>`)
    // Every group is learned before any reset: with fail-fast, one that cannot be learned stops them all.
    expect(simulator.requestsTo('resetLink')).toHaveLength(0)
    expect(result.summary).toContain(`&#34;Group 1&#34; &#40;${first}&#41;</td><td>Skipped</td>`)
    expect(result.stdout).toContain(
      `${third} was skipped. Not attempted: a group could not be learned and fail-fast is set.`
    )
    expect(JSON.parse(result.outputs.results!)).toHaveLength(3)
  })

  it('fails on bad input before any request', async () => {
    const result = await runOnClock({ ...inputs, timeout: 'soon' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('::error title=Input "timeout" is not valid::Input "timeout" holds "soon"')
    expect(simulator.requests).toHaveLength(0)
  })
})
