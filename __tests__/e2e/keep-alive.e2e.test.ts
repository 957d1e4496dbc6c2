import { afterEach, describe, expect, it } from '@jest/globals'
import { runAction, workflowCommands } from '../helpers/run-action.js'
import { RyzeSimulator, adminGroups, groupJids } from '../simulator/ryze-simulator.js'

/**
 * One connection for the whole run (src/transport/http.ts): every call reuses it, a connection the server
 * closed is read back, and the process exits as soon as its work is done. That the deadline,
 * cancellation and the size limit hold on a reused connection too is tested in http.test.ts.
 */

describe('the bundled action keeps one connection for the run', () => {
  let simulator: RyzeSimulator
  afterEach(() => simulator.stop())

  it.each([1, 5])('opens one TCP connection for %i group(s), for the learn and reset calls alike', async (count) => {
    simulator = new RyzeSimulator({ groups: adminGroups(count) })
    await simulator.start()
    const result = await runAction({ ...simulator.actionInputs(), group: groupJids(count).join('\n') })
    expect(result.exitCode).toBe(0)
    expect(simulator.resets).toHaveLength(count)
    expect(simulator.requests).toHaveLength(2 * count)
    expect(simulator.connections).toBe(1)
  })

  it('exits as soon as the last answer is in, not when the server closes the idle connection', async () => {
    simulator = new RyzeSimulator()
    await simulator.start()
    let lastRequestAt = 0
    simulator.onRequest = () => (lastRequestAt = Date.now())
    let exitedAt = 0
    const result = await runAction(simulator.actionInputs(), {
      onStart: (child) => child.on('exit', () => (exitedAt = Date.now()))
    })
    expect(result.exitCode).toBe(0)
    expect(simulator.requests).toHaveLength(2)
    // Node's server keeps an idle connection 5 s; a process held by it would end no sooner.
    expect(exitedAt - lastRequestAt).toBeLessThan(2000)
  })

  it('reads back a reset whose reused connection the server closed without an answer, then resets once', async () => {
    simulator = new RyzeSimulator()
    await simulator.start()
    simulator.injectFault({ route: 'resetLink', drop: true })
    // Reads here never lag: a read right after the attempt tells what it did.
    const result = await runAction({ ...simulator.actionInputs(), retries: '1', 'max-lag': '0' })
    expect(result.exitCode).toBe(0)
    // The reset went on the learn call's connection, which the server closed; never a second reset unread.
    expect(simulator.requests.map((request) => `${request.method} ${request.status}`).slice(0, 4)).toEqual([
      'GET 200',
      'POST 0',
      'GET 200',
      'POST 200'
    ])
    expect(simulator.connections).toBe(2)
    expect(simulator.resets).toHaveLength(1)
    const warnings = workflowCommands(result.stdout).filter(([command]) => command === 'warning')
    expect(warnings).toEqual([
      [
        'warning',
        expect.stringContaining(
          'The link, read back once 2 x max-lag (0 s) had passed since the reset was sent, is unchanged, so the attempt did not take effect.'
        )
      ]
    ])
  })
})
