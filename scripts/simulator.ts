/**
 * `npm run simulator -- --port 8787 --groups 3`: the RyzeAPI simulator as a standalone server on
 * 127.0.0.1, for the self-test workflow and for trying the action by hand. It answers GET /health
 * once it listens, and stops on SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util'
import { DEFAULT_TOKEN, RyzeSimulator, adminGroups } from '../__tests__/simulator/ryze-simulator.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    groups: { type: 'string', default: '1' }
  }
})
const port = Number(values.port)
const groupCount = Number(values.groups)
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  throw new Error(`--port must be a port number, not ${values.port}`)
if (!Number.isInteger(groupCount) || groupCount < 1)
  throw new Error(`--groups must be a whole number above 0, not ${values.groups}`)

const simulator = new RyzeSimulator({ groups: adminGroups(groupCount) })
const url = await simulator.start(port)
console.log(`RyzeAPI simulator on ${url}: instance "support", token ${DEFAULT_TOKEN}`)
for (const group of simulator.groups.values()) {
  console.log(`  ${group.jid}  https://chat.whatsapp.com/${group.inviteCode}`)
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void simulator.stop())
}
