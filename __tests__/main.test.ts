import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runInProcess } from './helpers/in-process.js'
import { DEFAULT_GROUP_JID, DEFAULT_TOKEN, RyzeSimulator } from './simulator/ryze-simulator.js'

describe('run() in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>

  beforeEach(async () => {
    simulator = new RyzeSimulator()
    await simulator.start()
    inputs = simulator.actionInputs()
  })
  afterEach(() => simulator.stop())

  it('resets the link, sets the outputs and writes the summary', async () => {
    const result = await runInProcess(inputs)
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode

    expect(result.exitCode).toBeUndefined()
    expect(result.outputs).toEqual({
      'invite-link': `https://chat.whatsapp.com/${code}`,
      'invite-code': code,
      'group-jid': DEFAULT_GROUP_JID
    })
    expect(result.stdout).toContain(
      `Reset the invite link of ${DEFAULT_GROUP_JID}. New link: https://chat.whatsapp.com/${code}`
    )
    expect(result.stdout).toContain('RyzeAPI rate limit: 99 of 100 requests left in this window.')
    expect(result.summary).toContain('<h3>WhatsApp invite link reset</h3>')
    expect(result.summary).toContain(
      `<td>${DEFAULT_GROUP_JID}</td><td>Reset</td><td>https://chat.whatsapp.com/${code}</td>`
    )
  })

  it('masks the link and the code, and keeps them out of the log and summary', async () => {
    const result = await runInProcess({ ...inputs, 'mask-invite-link': 'true' })
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

  it('warns when RyzeAPI reports no group JID for a group given by code', async () => {
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode
    simulator.injectFault({ status: 200, body: { success: true, inviteCode: 'NewCode123' } })
    const result = await runInProcess({ ...inputs, group: code })
    expect(result.outputs['group-jid']).toBe('')
    expect(result.stdout).toContain(
      '::warning::RyzeAPI did not report the group JID, so the group-jid output is empty.'
    )
    expect(result.summary).toContain('<td>(not reported)</td>')
  })

  it('fails with one error, no outputs and the token redacted from what the server said', async () => {
    simulator.injectFault({
      status: 401,
      body: { success: false, error: { message: `Invalid token ${DEFAULT_TOKEN}` } }
    })
    const result = await runInProcess(inputs)

    expect(result.exitCode).toBe(1)
    expect(result.outputs).toEqual({})
    expect(result.stdout).toContain('::error::RyzeAPI answered HTTP 401: Invalid token ***. Check the token secret')
    expect(result.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(DEFAULT_TOKEN)
  })

  it('warns about each retry and publishes the link of the attempt that succeeded', async () => {
    simulator.injectFault({ status: 503, body: { success: false, error: { message: 'Instance not connected' } } })
    const result = await runInProcess({ ...inputs, retries: '1' })
    const code = simulator.groups.get(DEFAULT_GROUP_JID)!.inviteCode

    expect(result.exitCode).toBeUndefined()
    expect(result.stdout).toMatch(
      /::warning::Attempt 1 of 2 failed: RyzeAPI answered HTTP 503: Instance not connected\. .* Retrying in \d\.\d s\./
    )
    expect(result.outputs['invite-code']).toBe(code)
  })

  it('fails on bad input before any request', async () => {
    const result = await runInProcess({ ...inputs, timeout: 'soon' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('::error::Input "timeout" holds "soon"')
    expect(simulator.requests).toHaveLength(0)
  })
})
