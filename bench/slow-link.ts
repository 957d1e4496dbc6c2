/**
 * The action on a slow link: a TLS simulator behind a relay on 127.0.0.1 that delays every byte by
 * half the round-trip time each way, and holds a new connection's first bytes one more round trip,
 * as TCP's handshake does. The action (dist/index.js) and the one-request floor (bench/floor.cjs:
 * one HTTPS POST on a fresh connection) run in turns; the relay counts the connections each opens.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { type Server, type Socket, connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { runAction } from '../__tests__/helpers/run-action.js'
import { RyzeSimulator, adminGroups, groupJids } from '../__tests__/simulator/ryze-simulator.js'

export interface SlowLinkOptions {
  rttMs: number
  rounds: number
  floor: string
  action: string
}

/** The targets at 100 ms round-trip time. */
const TARGETS = { wallForOneGroup: 1.5, connections: 1 }

/** Forwards 127.0.0.1:<port> to `target`, delaying each direction by rttMs / 2, and a new connection by one rttMs. */
class SlowRelay {
  connections = 0
  private readonly server: Server
  private readonly sockets = new Set<Socket>()

  constructor(
    private readonly target: number,
    private readonly rttMs: number
  ) {
    this.server = createServer((client) => this.relay(client))
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return (this.server.address() as { port: number }).port
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise((resolve) => this.server.close(resolve))
  }

  private relay(client: Socket): void {
    this.connections++
    const oneWayMs = this.rttMs / 2
    // The client may send once SYN and SYN-ACK have crossed: one round trip after it connected.
    const openAt = Date.now() + this.rttMs
    const server = connect(this.target, '127.0.0.1')
    for (const socket of [client, server]) {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    const later = (at: number, action: () => void): void => void setTimeout(action, Math.max(0, at - Date.now()))
    client.on('data', (chunk) => later(Math.max(Date.now(), openAt) + oneWayMs, () => server.write(chunk)))
    server.on('data', (chunk) => later(Date.now() + oneWayMs, () => client.write(chunk)))
    client.on('end', () => later(Math.max(Date.now(), openAt) + oneWayMs, () => server.end()))
    server.on('end', () => later(Date.now() + oneWayMs, () => client.end()))
    client.on('close', () => later(Date.now() + oneWayMs, () => server.destroy()))
    server.on('close', () => later(Date.now() + oneWayMs, () => client.destroy()))
  }
}

interface Sample {
  ms: number
  connections: number
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export async function slowLink({ rttMs, rounds, floor, action }: SlowLinkOptions): Promise<void> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]
  })
  const dir = await mkdtemp(join(tmpdir(), 'ryze-slow-link-'))
  const caFile = join(dir, 'ca.pem')
  await writeFile(caFile, pems.cert)
  const simulator = new RyzeSimulator({
    groups: adminGroups(5),
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
    tls: { key: pems.private, cert: pems.cert }
  })
  await simulator.start()
  const relay = new SlowRelay(simulator.port, rttMs)
  const baseUrl = `https://127.0.0.1:${await relay.start()}`

  const variants = {
    floor: { script: floor, groups: 1 },
    'action, 1 group': { script: action, groups: 1 },
    'action, 5 groups': { script: action, groups: 5 }
  }
  type Variant = keyof typeof variants
  const names = Object.keys(variants) as Variant[]
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<Variant, Sample[]>
  const measure = async (name: Variant): Promise<Sample> => {
    const { script, groups } = variants[name]
    const before = relay.connections
    const run = await runAction(
      { ...simulator.actionInputs(), 'base-url': baseUrl, group: groupJids(groups).join('\n'), summary: 'false' },
      { script, env: { NODE_EXTRA_CA_CERTS: caFile } }
    )
    if (run.exitCode !== 0 || !run.outputs['invite-link']) throw new Error(`${name} failed: ${run.stdout}${run.stderr}`)
    return { ms: run.durationMs, connections: relay.connections - before }
  }

  try {
    console.log(`\n## On a slow link: ${rttMs} ms round trip, a warm-up and ${rounds} interleaved rounds\n`)
    for (let round = -1; round < rounds; round++) {
      for (const name of names) {
        const sample = await measure(name)
        if (round >= 0) samples[name].push(sample)
      }
    }
  } finally {
    await relay.stop()
    await simulator.stop()
    await rm(dir, { recursive: true, force: true })
  }

  const floorMs = samples.floor.map((sample) => sample.ms)
  console.log('| Variant | Median wall time | Median wall / floor (per round) | TCP connections (median) |')
  console.log('| --- | --- | --- | --- |')
  for (const name of names) {
    const wall = samples[name].map((sample) => sample.ms)
    const ratio = median(wall.map((ms, index) => ms / floorMs[index]!))
    const connections = median(samples[name].map((sample) => sample.connections))
    console.log(`| ${name} | ${median(wall).toFixed(0)} ms | ${ratio.toFixed(2)} | ${connections} |`)
  }
  console.log(
    `\nTargets at 100 ms: action, 1 group <= ${TARGETS.wallForOneGroup}x the floor; ` +
      `${TARGETS.connections} connection for 1 group and for 5.`
  )
}
