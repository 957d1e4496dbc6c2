import * as core from '@actions/core'
import { publishResult } from './outputs.js'
import { type RetryNotice, withRetries } from './retry.js'
import { RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'
import { readSettings } from './settings.js'

/**
 * Reads the inputs, resets the group's invite link (retrying what may pass) and publishes the new
 * one. `signal` fires when the job is cancelled.
 */
export async function run(signal?: AbortSignal): Promise<void> {
  try {
    const settings = readSettings()
    const client = new RyzeClient(settings)
    const result = await withRetries(() => client.resetInviteLink(settings.group, signal), {
      policy: settings,
      signal,
      onRetry: logRetry
    })
    await publishResult(result, settings)
  } catch (error) {
    core.setFailed(redactSecrets(error instanceof Error ? error.message : String(error)))
  }
}

function logRetry({ attempt, maxAttempts, error, delayMs, waitingFor }: RetryNotice): void {
  const wait = `${(delayMs / 1000).toFixed(1)} s`
  const then =
    waitingFor === 'rate-limit' ? `Waiting ${wait} for the rate-limit window to reset.` : `Retrying in ${wait}.`
  core.warning(`Attempt ${attempt} of ${maxAttempts} failed: ${error.message} ${then}`)
}
