import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import { type AddressInfo, type Socket, connect } from 'node:net'

export interface ConnectProxyOptions {
  /** Accept each connection and read the CONNECT request, but never answer it. */
  silent?: boolean
  /** Require these credentials (Basic), answering 407 without them, as a corporate proxy does. */
  credentials?: { user: string; password: string }
  /** Open tunnels for only this many CONNECT requests, then stay silent as with `silent`. */
  answerFirst?: number
  /** Answer every CONNECT with this status (such as 403 for a host the proxy's rules forbid). */
  refuseWith?: number
}

/**
 * A forward proxy on 127.0.0.1 that handles HTTP CONNECT, as corporate proxies do for https. It
 * resolves host names from its own table, so a test can use a name such as ryze.test without DNS.
 */
export class ConnectProxy {
  /** The `host:port` of every CONNECT request, in order. */
  readonly tunnels: string[] = []
  /** The headers of every CONNECT request, in order. */
  readonly connectHeaders: IncomingHttpHeaders[] = []
  /** Every byte the client sent through a tunnel: with https, nothing readable. */
  private readonly seen: Buffer[] = []
  private readonly sockets = new Set<Socket>()
  private server?: Server

  constructor(
    private readonly hosts: Record<string, string>,
    private readonly options: ConnectProxyOptions = {}
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`
  }

  async start(): Promise<string> {
    this.server = createServer((_request, response) => {
      response.writeHead(405).end('CONNECT only')
    })
    this.server.on('connect', (request, client: Socket, head: Buffer) => {
      this.track(client)
      const target = request.url ?? ''
      this.tunnels.push(target)
      this.connectHeaders.push(request.headers)
      // Silent, but it notices a client that goes (the server's sockets are half-open by default).
      const silent = this.options.silent || this.tunnels.length > (this.options.answerFirst ?? Infinity)
      if (silent) return void client.on('end', () => client.end())
      if (!this.authorized(request.headers['proxy-authorization'])) {
        return void client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\nContent-Length: 0\r\n\r\n'
        )
      }
      if (this.options.refuseWith !== undefined) {
        return void client.end(`HTTP/1.1 ${this.options.refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`)
      }
      const [host = '', port = '443'] = target.split(':')
      const address = this.hosts[host]
      if (address === undefined) return void client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      const upstream = connect(Number(port), address, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      client.on('data', (chunk: Buffer) => this.seen.push(chunk))
      this.track(upstream)
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return this.url
  }

  /** Connections still open, from clients and to upstreams. */
  get openConnections(): number {
    return this.sockets.size
  }

  get bytesSeen(): Buffer {
    return Buffer.concat(this.seen)
  }

  /** Closes every connection, as a proxy does with idle tunnels, and goes on accepting new ones. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy()
  }

  async stop(): Promise<void> {
    this.dropConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private authorized(header: string | undefined): boolean {
    const required = this.options.credentials
    if (required === undefined) return true
    const expected = Buffer.from(`${required.user}:${required.password}`).toString('base64')
    return header === `Basic ${expected}`
  }

  private track(socket: Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
  }
}
