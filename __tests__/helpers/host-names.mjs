// Preloaded into the action (node --import) to give it host names without a DNS server: TEST_HOSTS
// holds `name=address` pairs, separated by commas. Other names are looked up as usual.
import dns from 'node:dns'

const table = new Map(
  (process.env.TEST_HOSTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('='))
)
const lookup = dns.lookup
dns.lookup = function (hostname, options, callback) {
  const address = table.get(hostname)
  if (address === undefined) return lookup.call(this, hostname, options, callback)
  const done = typeof options === 'function' ? options : callback
  const family = address.includes(':') ? 6 : 4
  const all = typeof options === 'object' && options?.all
  process.nextTick(() => (all ? done(null, [{ address, family }]) : done(null, address, family)))
}
