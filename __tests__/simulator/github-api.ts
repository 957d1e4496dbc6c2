import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * GitHub's REST API for repository variables, on 127.0.0.1: what the action reaches through
 * GITHUB_API_URL. Only `token` is accepted, with write access unless `canWrite` is false.
 */
export class GitHubApiSimulator {
  readonly variables = new Map<string, string>()
  readonly requests: Array<{ method: string; path: string; authorization?: string; body: string }> = []
  canWrite = true
  /** Answer every request with this status, as an outage would. */
  failWith?: number
  /** Answer a request that succeeds with this status instead of the documented one (200, 201, 204). */
  successStatus?: number
  /** Called as a create arrives, before it is carried out: another job's write can land here. */
  beforeCreate?: (name: string) => void
  /** Answer every request with a 302 to this base URL followed by the request's path. */
  redirectTo?: string
  private server?: Server

  constructor(
    readonly token: string,
    readonly repository = 'octo/site'
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return this.url
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await new Promise<string>((resolve) => {
      let text = ''
      request.on('data', (chunk: Buffer) => (text += chunk.toString()))
      request.on('end', () => resolve(text))
    })
    const path = request.url ?? ''
    this.requests.push({ method: request.method ?? '', path, authorization: request.headers.authorization, body })

    const send = (status: number, payload?: object): void => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(payload ? JSON.stringify(payload) : undefined)
    }
    if (this.redirectTo !== undefined) {
      response.writeHead(302, { location: `${this.redirectTo}${path}`, 'content-type': 'text/plain' })
      return void response.end('Found')
    }
    if (this.failWith !== undefined) return send(this.failWith, { message: 'Server Error' })
    if (request.headers.authorization !== `token ${this.token}`) return send(401, { message: 'Bad credentials' })

    const match = /^\/repos\/([^/]+\/[^/]+)\/actions\/variables(?:\/([^/?]+))?$/.exec(path)
    if (!match || match[1] !== this.repository) return send(404, { message: 'Not Found' })
    const name = match[2]
    const write = request.method !== 'GET'
    if (write && !this.canWrite) return send(403, { message: 'Resource not accessible by integration' })

    if (request.method === 'GET' && name) {
      const value = this.variables.get(name)
      return value === undefined
        ? send(404, { message: 'Not Found' })
        : send(this.successStatus ?? 200, { name, value })
    }
    if (request.method === 'POST' && !name) {
      const { name: created, value } = JSON.parse(body) as { name: string; value: string }
      this.beforeCreate?.(created)
      if (this.variables.has(created)) return send(409, { message: 'Already exists' })
      this.variables.set(created, value)
      return send(this.successStatus ?? 201, {})
    }
    if (request.method === 'PATCH' && name) {
      if (!this.variables.has(name)) return send(404, { message: 'Not Found' })
      this.variables.set(name, (JSON.parse(body) as { value: string }).value)
      return send(this.successStatus ?? 204)
    }
    send(404, { message: 'Not Found' })
  }
}
