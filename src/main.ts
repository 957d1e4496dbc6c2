import * as core from '@actions/core'
import { publishResult } from './outputs.js'
import { RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'
import { readSettings } from './settings.js'

/** Reads the inputs, resets the group's invite link and publishes the new one. */
export async function run(): Promise<void> {
  try {
    const settings = readSettings()
    const result = await new RyzeClient(settings).resetInviteLink(settings.group)
    await publishResult(result, settings)
  } catch (error) {
    core.setFailed(redactSecrets(error instanceof Error ? error.message : String(error)))
  }
}
