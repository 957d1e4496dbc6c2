import * as core from '@actions/core'
import type { ResetResult } from './ryze-client.js'
import { maskSecret } from './secrets.js'
import type { Settings } from './settings.js'

/** Sets the outputs, logs the result and writes the job summary. Every value here was validated. */
export async function publishResult(result: ResetResult, settings: Pick<Settings, 'maskInviteLink'>): Promise<void> {
  if (settings.maskInviteLink) {
    maskSecret(result.inviteLink)
    maskSecret(result.inviteCode)
  }

  core.setOutput('invite-link', result.inviteLink)
  core.setOutput('invite-code', result.inviteCode)
  core.setOutput('group-jid', result.groupJid)

  const group = result.groupJid || 'the group'
  core.info(
    settings.maskInviteLink
      ? `Reset the invite link of ${group}; the new link is masked (mask-invite-link: true).`
      : `Reset the invite link of ${group}. New link: ${result.inviteLink}`
  )
  if (result.groupJid === '') {
    core.warning('RyzeAPI did not report the group JID, so the group-jid output is empty.')
  }
  if (result.rateLimit) {
    core.info(
      `RyzeAPI rate limit: ${result.rateLimit.remaining} of ${result.rateLimit.limit} requests left in this window.`
    )
  }

  await writeSummary(result, settings.maskInviteLink)
}

async function writeSummary(result: ResetResult, masked: boolean): Promise<void> {
  // Outside a runner there is no summary file; the reset itself has succeeded.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary
      .addHeading('WhatsApp invite link reset', 3)
      .addTable([
        [
          { data: 'Group', header: true },
          { data: 'Result', header: true },
          { data: 'New invite link', header: true }
        ],
        [result.groupJid || '(not reported)', 'Reset', masked ? '(masked)' : result.inviteLink]
      ])
      .write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}
