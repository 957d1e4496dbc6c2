import { afterEach, describe, expect, it } from '@jest/globals'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { RequestError } from '../src/errors.js'
import { MAX_BODY_BYTES, closeConnections, sendRequest } from '../src/http.js'
import { runAction, workflowCommands } from './helpers/run-action.js'
import { RyzeSimulator, adminGroups, groupJids } from './simulator/ryze-simulator.js'

/**
 * One connection for the whole run (src/http.ts): every call reuses it, and the guarantees of a
 * fresh connection still hold on a reused one: the deadline, cancellation, the size limit, a
 * connection the server closed, and a process that exits as soon as its work is done.
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
          'The link, read back once max-lag (0 s) had passed, is unchanged, so the attempt did not take effect.'
        )
      ]
    ])
  })
})

/** sendRequest in this process, against an http server that counts its connections and answers as told. */
describe('sendRequest on a reused connection', () => {
  let server: Server
  let connections: Socket[]
  afterEach(async () => {
    closeConnections()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  /** Starts a server whose nth request (from 1) is handled by `handlers[n - 1]`, or answered 200 when there is none. */
  async function start(...handlers: Array<(request: IncomingMessage, response: ServerResponse) => void>): Promise<URL> {
    let seen = 0
    connections = []
    server = createServer((request, response) => {
      const handler = handlers[seen++]
      if (handler) return handler(request, response)
      request.resume()
      request.on('end', () => response.end('{"success":true}'))
    })
    server.on('connection', (socket) => connections.push(socket))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/group/resetLink/support`)
  }

  const post = (url: URL, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    sendRequest({ method: 'POST', url, headers: { token: 't' }, body: '{"identifier":"x"}', timeoutMs: 2000, ...extra })

  async function failure(promise: Promise<unknown>): Promise<RequestError> {
    const error = await promise.then(
      () => new Error('expected a RequestError'),
      (thrown: unknown) => thrown
    )
    if (error instanceof RequestError) return error
    throw error
  }

  const closed = (socket: Socket): Promise<void> =>
    socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()))

  it('sends every request on one connection, which closeConnections closes', async () => {
    const url = await start()
    for (let i = 0; i < 3; i++) expect((await post(url)).body).toBe('{"success":true}')
    expect(connections).toHaveLength(1)
    expect(connections[0]!.destroyed).toBe(false)
    closeConnections()
    await closed(connections[0]!)
    expect((await post(url)).status).toBe(200)
    expect(connections).toHaveLength(2)
  })

  it('counts a request as sent when the server closed its reused connection before any answer', async () => {
    // The server goes away as the second request arrives, without reading it: only the client's side is known.
    const url = await start(undefined!, (request) => request.socket.destroy())
    await post(url)
    // A body larger than the socket's buffers, so that the failure comes before the request is all written.
    const body = JSON.stringify({ identifier: 'x'.repeat(4 * 1024 * 1024) })
    const error = await failure(sendRequest({ method: 'POST', url, headers: {}, body, timeoutMs: 2000 }))
    expect(error).toMatchObject({ kind: 'network', requestSent: true })
    expect(connections).toHaveLength(1)
    // The next request opens a fresh connection.
    expect((await post(url)).status).toBe(200)
    expect(connections).toHaveLength(2)
  })

  it('times out on a reused connection that never answers, and closes it', async () => {
    const url = await start(undefined!, () => undefined)
    await post(url)
    const started = Date.now()
    const error = await failure(post(url, { timeoutMs: 300 }))
    expect(error).toMatchObject({ kind: 'timeout', requestSent: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    await closed(connections[0]!)
    expect(connections).toHaveLength(1)
  })

  it('ends at once on cancellation on a reused connection, and closes it', async () => {
    let answerWaiting!: () => void
    const waiting = new Promise<void>((resolve) => (answerWaiting = resolve))
    const url = await start(undefined!, () => answerWaiting())
    await post(url)
    const controller = new AbortController()
    const attempt = failure(post(url, { timeoutMs: 60_000, signal: controller.signal }))
    await waiting
    controller.abort(new Error('cancelled'))
    const error = await attempt
    expect(error).toMatchObject({
      kind: 'cancelled',
      requestSent: true,
      message: 'Cancelled during the request to RyzeAPI.'
    })
    await closed(connections[0]!)
    expect(connections).toHaveLength(1)
  })

  it('refuses an answer that declares a Content-Length over the limit, without waiting for its body', async () => {
    const url = await start((request, response) => {
      request.resume()
      response.writeHead(200, { 'content-length': String(MAX_BODY_BYTES + 1), 'content-type': 'application/json' })
      // A few bytes, then nothing: only the declared length can say that the answer is too large.
      response.write('{"success":')
    })
    const error = await failure(post(url, { timeoutMs: 5000 }))
    expect(error).toMatchObject({ kind: 'too-large', message: 'The answer is larger than 1024 KiB; refused.' })
    await closed(connections[0]!)
  })
})
