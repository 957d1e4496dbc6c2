import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ActionRun,
  START_UP_ALLOWANCE_MS,
  runAction,
  visibleText,
  workflowCommands,
  linkOutputs
} from '../helpers/run-action.js'
import { encodedForms } from '../../src/safety/secrets.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The bundled dist/index.js, run as the runner runs it, against the simulator on 127.0.0.1: a reset
 * with its outputs, log and summary, one case of each kind of bad input and RyzeAPI error, and a
 * misbehaving network. Their variants run in process: a pasted invite link in main.test.ts; a contact
 * where a group is expected and the other bad input in refusals.test.ts.
 * Every run also checks that the token appears nowhere a user could see it.
 */
describe('the bundled action', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>

  beforeEach(async () => {
    simulator = new RyzeSimulator()
    await simulator.start()
    inputs = { ...simulator.actionInputs(), 'max-lag': '0' }
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}, env?: Record<string, string>): Promise<ActionRun> {
    const result = await runAction({ ...inputs, ...overrides }, { env })
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }

  function expectFailure(result: ActionRun, message: string | RegExp): void {
    expect(result.exitCode).toBe(1)
    const errors = workflowCommands(result.stdout).filter(([command]) => command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]![1]).toEqual(
      typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message)
    )
    expect(linkOutputs(result.outputs)).toEqual({})
  }

  describe('on success', () => {
    it('reads the group, resets the link and sets the outputs, log and summary', async () => {
      const before = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
      const result = await run()
      const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
      const link = `https://chat.whatsapp.com/${code}`

      expect(code).not.toBe(before)
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toEqual({
        'invite-link': link,
        'invite-code': code,
        'group-jid': DEFAULT_GROUP_JID,
        results: JSON.stringify([
          {
            group: DEFAULT_GROUP_JID,
            groupJid: DEFAULT_GROUP_JID,
            name: 'Support',
            inviteCode: code,
            inviteLink: link,
            previousInviteLink: `https://chat.whatsapp.com/${before}`,
            status: 'reset'
          }
        ])
      })
      expect(result.stdout).toContain(`Reset the invite link of "Support" (${DEFAULT_GROUP_JID}). New link: ${link}`)
      expect(result.summary).toContain(link)
      expect(simulator.requests.map((request) => request.method)).toEqual(['GET', 'POST'])
      expect(simulator.resets).toEqual([{ jid: DEFAULT_GROUP_JID, oldCode: before, newCode: code }])
      // Token first: the mask is registered before anything else is written.
      expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${DEFAULT_TOKEN}`)
    })

    it('keeps the new link out of the log and summary with mask-invite-link', async () => {
      const result = await run({ 'mask-invite-link': 'true' })
      const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
      const lines = result.stdout.split('\n')
      const maskedAt = lines.indexOf(`::add-mask::https://chat.whatsapp.com/${code}`)

      expect(maskedAt).toBeGreaterThan(0)
      expect(lines.indexOf(`::add-mask::${code}`)).toBeGreaterThan(0)
      expect(lines.filter((line) => !line.startsWith('::add-mask::') && line.includes(code))).toEqual([])
      expect(result.summary).not.toContain(code)
      expect(result.outputs['invite-code']).toBe(code)
    })

    it('logs each request and retry decision for step debug, never a secret', async () => {
      simulator.injectFault({ route: 'resetLink', status: 503, body: { success: false, error: { message: 'busy' } } })
      const result = await run({ retries: '1' }, { ACTIONS_STEP_DEBUG: 'true' })
      const debug = workflowCommands(result.stdout)
        .filter(([command]) => command === 'debug')
        .map(([, text]) => text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%'))
      const info = `GET ${simulator.url}/api/group/info/support?identifier=${encodeURIComponent(DEFAULT_GROUP_JID)}&participants=false`
      const reset = `POST ${simulator.url}/api/group/resetLink/support`
      expect(debug).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(`^${escape(info)}: HTTP 200 in \\d+ ms; rate limit 99 of 100 left, resets at \\d{4}-`)
          ),
          expect.stringMatching(new RegExp(`^${escape(reset)}: HTTP 503 in \\d+ ms; rate limit \\d+ of 100 left`)),
          expect.stringMatching(
            /^Attempt 1 of 2 failed \(status, HTTP 503\)\. Trying again after \d+(\.\d)? s \(backoff\)\.$/
          ),
          expect.stringMatching(new RegExp(`^${escape(reset)}: HTTP 200 in \\d+ ms`))
        ])
      )
      // No follow-up input is set, so no follow-up has a debug line.
      expect(debug.filter((line) => line.startsWith('Follow-up'))).toEqual([])
      expect(debug.join('\n')).not.toContain(DEFAULT_TOKEN)
    })

    it('still succeeds, with a warning, when the job summary cannot be written', async () => {
      const result = await run({}, { GITHUB_STEP_SUMMARY: '/nonexistent/summary.md' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['invite-link']).toMatch(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{22}$/)
      expect(workflowCommands(result.stdout)).toContainEqual([
        'warning',
        expect.stringContaining('Could not write the job summary')
      ])
    })

    it('writes outputs without line breaks whatever the server sends', async () => {
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: {
          success: true,
          groupJid: `${DEFAULT_GROUP_JID}\ninvite-link<<EOF\nhttps://evil.example\nEOF`,
          inviteCode: 'Abc123Def456',
          inviteLink: 'https://chat.whatsapp.com/Abc123Def456\n::add-mask::x'
        }
      })
      const result = await run()
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({
        'invite-link': 'https://chat.whatsapp.com/Abc123Def456',
        'invite-code': 'Abc123Def456',
        'group-jid': DEFAULT_GROUP_JID
      })
      expect(result.outputFile.split('\n').filter((line) => line.includes('evil'))).toEqual([])
      expect(JSON.parse(result.outputs.results!)).toEqual([expect.objectContaining({ groupJid: DEFAULT_GROUP_JID })])
    })
  })

  // One case of each kind runs the bundle; refusals.test.ts runs the others in process, among them a
  // contact where a group is expected, and an empty token on a pull request from Dependabot or from
  // this repository.
  describe('on bad input it names the input and makes no request', () => {
    it('a token with a line break, masked and never echoed', async () => {
      const token = `${DEFAULT_TOKEN}\nX-Injected: 1`
      const result = await runAction({ ...inputs, token })
      expectFailure(result, 'Input "token" holds a line break')
      expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
      expect(visibleText(result)).not.toContain('X-Injected: 1')
      expect(simulator.requests).toHaveLength(0)
    })
  })

  describe('on a run that GitHub gives no secrets, an empty token says why and how to guard the step', () => {
    let dir: string
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ryze-event-'))
    })
    afterEach(() => rm(dir, { recursive: true, force: true }))

    it('a pull request from a fork', async () => {
      const eventPath = join(dir, 'event.json')
      await writeFile(
        eventPath,
        JSON.stringify({ pull_request: { head: { repo: { fork: true, full_name: 'fork/site' } } } })
      )
      const result = await run(
        { token: '' },
        { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_ACTOR: 'octocat' }
      )
      expectFailure(
        result,
        'Input "token" is empty; expected a RyzeAPI TokenAccount or TokenInstance. This run is for a pull request from a fork, ' +
          'and GitHub does not pass secrets to such runs. Give the step the condition ' +
          'if: github.event.pull_request.head.repo.full_name == github.repository, so that it runs only for pull requests from this repository.'
      )
      expect(simulator.requests).toHaveLength(0)
    })
  })

  // These check what one failed attempt reports; retrying is covered in reliability.e2e.test.ts.
  // The other statuses (403, 404, 429, 500): answers.test.ts. A token for another instance, an HTML
  // page from a proxy, and a 200 that reports a failure or lacks a link: hostile-answers.test.ts.
  describe('on RyzeAPI errors it fails with the status, the API message and a hint', () => {
    it('HTTP 401', async () => {
      const [status, message, hint] = [401, 'Invalid token', 'Check the token secret']
      simulator.injectFault({ route: 'resetLink', status, body: { success: false, error: { message } } })
      const result = await run({ retries: '0' })
      expectFailure(result, `RyzeAPI answered HTTP ${status}: ${message.replace(/\.?$/, '.')} `)
      expectFailure(result, hint)
      expect(result.summary).toContain(`<td>Failed: RyzeAPI answered HTTP ${status}: `)
    })

    it('server text cannot become a workflow command, and the token it echoes is redacted', async () => {
      const message = `Invalid token ${DEFAULT_TOKEN}\n::set-output name=invite-link::https://evil.example\n::add-mask::x\n::error::fake`
      simulator.injectFault({ route: 'info', status: 401, body: { success: false, error: { message } } })
      const result = await run()
      expectFailure(
        result,
        'RyzeAPI answered HTTP 401: Invalid token *** ::set-output name=invite-link::https://evil.example'
      )
      const commands = workflowCommands(result.stdout)
      // The only masks are the token's, in each form a server may echo it in (see secrets.ts).
      expect(commands.filter(([command]) => command === 'add-mask').map(([, value]) => value)).toEqual([
        DEFAULT_TOKEN,
        ...encodedForms(DEFAULT_TOKEN)
      ])
      expect(
        commands.filter(([command]) => command !== 'add-mask' && command !== 'debug').map(([command]) => command)
      ).toEqual(['error'])
    })
  })

  describe('on a misbehaving network', () => {
    it('aborts a silent server after the time-out and says so', async () => {
      simulator.injectFault({ route: 'info', silent: true })
      const result = await run({ timeout: '0.5', retries: '0' })
      expectFailure(result, /timed out: no complete answer within 0\.5 s\. Nothing was reset\.$/)
      expect(result.durationMs).toBeGreaterThanOrEqual(500)
      expect(result.durationMs).toBeLessThan(500 + START_UP_ALLOWANCE_MS)
    })

    it('aborts a trickling answer after the time-out, counting the whole exchange', async () => {
      simulator.injectFault({ route: 'info', trickleMs: 100 })
      const result = await run({ timeout: '0.5', retries: '0' })
      expectFailure(result, 'timed out')
    })

    it('refuses a redirect to another origin without sending the token there', async () => {
      const elsewhere = new RyzeSimulator()
      try {
        simulator.injectFault({
          route: 'resetLink',
          redirectTo: `${await elsewhere.start()}/api/group/resetLink/support`,
          status: 308
        })
        const result = await run()
        expectFailure(
          result,
          /^RyzeAPI answered HTTP 308, a redirect to http:\/\/127\.0\.0\.1:\d+\/api\/group\/resetLink\/support\. Redirects are not followed/
        )
        expect(elsewhere.requests).toHaveLength(0)
      } finally {
        await elsewhere.stop()
      }
    })

    it('reports a dropped connection', async () => {
      simulator.injectFault({ route: 'resetLink', drop: true })
      expectFailure(await run({ retries: '0' }), 'Could not reach RyzeAPI at http://127.0.0.1')
    })
  })
})
