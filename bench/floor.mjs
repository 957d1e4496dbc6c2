// The floor: the least a JavaScript step can do. A plain Node script, node:http only, that makes
// the same request and appends the output line itself.
import { appendFileSync } from 'node:fs'
import { request } from 'node:http'

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? ''
const body = JSON.stringify({ identifier: input('group') })
const url = new URL(`${input('base-url')}/api/group/resetLink/${encodeURIComponent(input('instance'))}`)
const req = request(url, {
  method: 'POST',
  headers: { token: input('token'), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
})
req.on('response', (response) => {
  let text = ''
  response.on('data', (chunk) => (text += chunk))
  response.on('end', () => appendFileSync(process.env.GITHUB_OUTPUT, `invite-link=${JSON.parse(text).inviteLink}\n`))
})
req.end(body)
