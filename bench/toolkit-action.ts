/**
 * The toolkit baseline: the least an action built like ours does. It imports @actions/core and
 * @actions/http-client, makes the same request and sets the output; no validation, no retries.
 * `npm run bench` bundles it with ncc exactly as the action is bundled.
 */
import * as core from '@actions/core'
import { HttpClient } from '@actions/http-client'

const token = core.getInput('token')
core.setSecret(token)
const client = new HttpClient('bench-toolkit')
const url = `${core.getInput('base-url')}/api/group/resetLink/${encodeURIComponent(core.getInput('instance'))}`
const response = await client.post(url, JSON.stringify({ identifier: core.getInput('group') }), {
  token,
  'content-type': 'application/json'
})
const answer = JSON.parse(await response.readBody()) as { inviteLink: string }
core.setOutput('invite-link', answer.inviteLink)
