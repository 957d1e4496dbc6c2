import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionRun,
  type RunOptions,
  runAction,
  visibleText,
  linkOutputs,
  commandTexts
} from '../helpers/run-action.js'
import { GitHubApiSimulator } from '../simulator/github-api.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from '../simulator/ryze-simulator.js'

/**
 * The bundled action against hostile inputs and hostile answers, as a security review ran it:
 * nothing injected into the log or the summary, no secret shown in any form, nothing believed
 * that a sane server could not have said.
 */
describe('the bundled action against hostile inputs and answers', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  /** When each request reached the simulator, in milliseconds. */
  let arrivals: number[]

  async function startSimulator(token = DEFAULT_TOKEN): Promise<void> {
    simulator = new RyzeSimulator({ tokens: { [token]: ['support'] } })
    await simulator.start()
    inputs = { ...simulator.actionInputs(), token }
    arrivals = []
    // When each info call arrives: the faults below meet the info call that learns the group.
    simulator.onRequest = (request) => {
      if (request.method === 'GET') arrivals.push(Date.now())
    }
  }

  beforeEach(() => startSimulator())
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}, options?: RunOptions): Promise<ActionRun> {
    const result = await runAction({ ...inputs, ...overrides }, options)
    const seen = visibleText(result)
    expect(seen).not.toContain(inputs.token)
    expect(seen).not.toMatch(/\bNaN\b|Infinity|Invalid time value/)
    return result
  }

  const commandsOf = (result: ActionRun, name: string): string[] => commandTexts(result.stdout, name)

  describe('inputs', () => {
    // A carriage return in a group line, and Markdown or HTML in the summary: hostile-answers.test.ts.
    // The other control characters (C1, line separators, DEL, a form feed): refusals.test.ts.

    // Linux caps one environment variable at 128 KiB, so the runner cannot pass the review's 600,000
    // characters; settings.test.ts reads that many directly.
    it('refuses a 120,000-character group as an input error, without echoing it', async () => {
      const result = await run({ group: 'A'.repeat(120_000) })
      expect(result.exitCode).toBe(1)
      expect(commandsOf(result, 'error')).toEqual([expect.stringContaining('Input "group" holds 120000 characters')])
      expect(simulator.requests).toHaveLength(0)
      expect(result.stdout.length).toBeLessThan(2000)
    })
  })

  describe('secrets in transformed forms', () => {
    const TOKEN = 'Zk3/q+Rw=9x&Tn~Lp"v\\w'
    const forms = {
      'URL-encoded': encodeURIComponent(TOKEN),
      'form-encoded': new URLSearchParams({ t: TOKEN }).toString().slice(2),
      base64: Buffer.from(TOKEN).toString('base64').replace(/=+$/, ''),
      base64url: Buffer.from(TOKEN).toString('base64url'),
      'JSON-escaped': JSON.stringify(TOKEN).slice(1, -1)
    }

    beforeEach(async () => {
      await simulator.stop()
      await startSimulator(TOKEN)
    })

    it('shows none of them when a 401 echoes the token URL-encoded and base64-encoded', async () => {
      simulator.injectFault({
        route: 'info',
        status: 401,
        body: {
          success: false,
          error: { message: `Invalid token ${Object.values(forms).join(' and ')} for ${forms.base64}==` }
        }
      })
      const result = await run()

      expect(result.exitCode).toBe(1)
      // As the runner shows it: workflow command data has its % escaped as %25.
      const seen = visibleText(result).replace(/%25/g, '%')
      for (const form of Object.values(forms)) expect(seen).not.toContain(form)
      expect(commandsOf(result, 'error')).toEqual([
        expect.stringContaining('RyzeAPI answered HTTP 401: Invalid token ***')
      ])
      expect(result.summary).toContain('Invalid token &#42;&#42;&#42;') // *** as the summary shows it
    })
  })

  describe('answers', () => {
    // A code too short, and one not of letters and digits: answers.test.ts. Absurd X-RateLimit-Reset
    // and Retry-After headers, Retry-After on a 503 or beyond max-wait, and a gateway's JSON 503:
    // hostile-answers.test.ts, in process on a clock the simulator shares.
    it('treats an invite code that is 600,000 characters as a bad answer', async () => {
      const inviteCode = 'A'.repeat(600_000)
      simulator.injectFault({
        route: 'resetLink',
        status: 200,
        body: { success: true, groupJid: DEFAULT_GROUP_JID, inviteCode }
      })
      // Reads here never lag: the read-back after the bad answer is taken at once.
      const result = await run({ 'max-lag': '0' })

      expect(result.exitCode).toBe(1)
      expect(commandsOf(result, 'error')).toEqual([
        expect.stringContaining('RyzeAPI sent an invite code that is not 6 to 64 letters and digits')
      ])
      expect(linkOutputs(result.outputs)).toEqual({})
      expect(result.stdout.length + result.summary.length).toBeLessThan(5000)
    })

    it("honours a gateway's Retry-After on an HTML 429 and says it is rate limited", async () => {
      simulator.injectFault({
        route: 'info',
        status: 429,
        body: '<html><h1>429 Too Many Requests</h1></html>',
        headers: { 'retry-after': '1' }
      })
      const result = await run({ 'max-wait': '10' })

      expect(result.exitCode).toBe(0)
      expect(arrivals).toHaveLength(2)
      // Retry-After and a small margin: not a backoff of its own choosing.
      expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1000)
      expect(arrivals[1]! - arrivals[0]!).toBeLessThan(2000)
      expect(commandsOf(result, 'warning')).toEqual([
        expect.stringMatching(/^RyzeAPI answered HTTP 429 \(rate limited\).* Waiting 1\.\d s /)
      ])
    })
  })

  describe('the GitHub API path', () => {
    const GITHUB_TOKEN = 'ghp_hostile0123456789'
    let github: GitHubApiSimulator
    let elsewhere: GitHubApiSimulator

    beforeEach(async () => {
      github = new GitHubApiSimulator(GITHUB_TOKEN)
      elsewhere = new GitHubApiSimulator(GITHUB_TOKEN)
      await github.start()
      await elsewhere.start()
      elsewhere.failWith = 200
    })
    afterEach(async () => {
      await github.stop()
      await elsewhere.stop()
    })

    it.each([
      ['a path on itself', () => `${github.url}/moved`],
      ['another server that answers 200', () => elsewhere.url]
    ])('does not follow a redirect to %s, nor report the variable as stored', async (_case, target) => {
      github.redirectTo = target()
      const result = await run(
        { variable: 'LINK', 'github-token': GITHUB_TOKEN },
        { env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo/site' } }
      )

      expect(result.exitCode).toBe(1)
      expect(result.stdout).not.toContain('Created the repository variable')
      expect(github.requests).toHaveLength(1)
      expect(elsewhere.requests).toHaveLength(0)
      expect(commandsOf(result, 'error')).toEqual([
        expect.stringContaining('GitHub answered HTTP 302, a redirect, which is not followed')
      ])
      expect(visibleText(result)).not.toContain(GITHUB_TOKEN)
    })
  })
})
