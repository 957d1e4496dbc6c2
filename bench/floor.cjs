// The floor: the least a JavaScript step can do, loaded the cheapest way. A plain CommonJS script,
// node:http only, that makes the same request and appends the output line itself. (As an ES module,
// `import ... from 'node:http'` builds a namespace that touches http.WebSocket, which loads Node's
// own undici: measurably more than this.)
/* eslint-disable @typescript-eslint/no-require-imports -- the floor is CommonJS on purpose */
const { appendFileSync } = require('node:fs')
const { request } = require('node:http')

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
