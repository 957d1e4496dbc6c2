// The floor: the least a JavaScript step can do, loaded the cheapest way. A plain CommonJS script
// that makes the same request on a fresh connection (node:http, or node:https for an https
// base-url) and writes the output as a correct step must: with a random delimiter, so that no
// value can forge another output, which costs loading crypto. (As an ES module, `import ... from
// 'node:http'` builds a namespace that touches http.WebSocket, which loads Node's own undici:
// measurably more than this.)
/* eslint-disable @typescript-eslint/no-require-imports -- the floor is CommonJS on purpose */
const { appendFileSync } = require('node:fs')
const { randomUUID } = require('node:crypto')

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? ''
const body = JSON.stringify({ identifier: input('group') })
const url = new URL(`${input('base-url')}/api/group/resetLink/${encodeURIComponent(input('instance'))}`)
const { request } = require(url.protocol === 'https:' ? 'node:https' : 'node:http')
const req = request(url, {
  method: 'POST',
  headers: { token: input('token'), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
})
req.on('response', (response) => {
  let text = ''
  response.on('data', (chunk) => (text += chunk))
  response.on('end', () => {
    const delimiter = `ghadelimiter_${randomUUID()}`
    appendFileSync(
      process.env.GITHUB_OUTPUT,
      `invite-link<<${delimiter}\n${JSON.parse(text).inviteLink}\n${delimiter}\n`
    )
  })
})
req.end(body)
