import * as core from '@actions/core'
import { messageOf } from './errors.js'
import type { FileUpdateReport } from './file-updates.js'
import { publishFileLists, publishLinks, writeSummary } from './outputs.js'
import { RateLimitPacer, type RetryNotice } from './retry.js'
import { type GroupResult, type LinkedGroup, type UnlinkedGroup, hasLink, rotateGroups } from './rotation.js'
import { inviteCodeFromLink } from './identifier.js'
import { RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'
import { type Settings, readSettings } from './settings.js'

/**
 * Reads the inputs, resets each group's invite link (retrying what may pass), publishes the new
 * links, then updates files, QR codes and the repository variable. `signal` fires on cancellation.
 * The modules of those three follow-ups, and the libraries they use, are imported only when their
 * input is set: most runs need none of them, and ncc puts each in a chunk of its own.
 */
export async function run(signal?: AbortSignal): Promise<void> {
  try {
    const settings = readSettings()
    const pacer = new RateLimitPacer(settings.maxWaitMs, (delayMs, bucket) => {
      core.info(
        `RyzeAPI rate limit: 0 of ${bucket.limit} requests left; waiting ${seconds(delayMs)} for the next window.`
      )
    })
    const client = new RyzeClient(settings, pacer)
    const results = await rotateGroups(settings, client, {
      signal,
      onRetry: (notice, group) => logRetry(notice, settings.groups.length > 1 ? group.input : undefined)
    })
    publishLinks(results, settings.maskInviteLink)
    const bucket = pacer.state
    if (bucket) core.info(`RyzeAPI rate limit: ${bucket.remaining} of ${bucket.limit} requests left in this window.`)

    const problems = results
      .filter((result): result is UnlinkedGroup => result.status === 'failed')
      .map((result) => failureLine(result, results))
    const files = await attempt(problems, () => updateLinkedFiles(settings, results))
    const qrCodes = await attempt(problems, () => writeGroupQrCodes(settings, results))
    publishFileLists(
      settings.updateFiles.length > 0 ? (files?.updatedFiles ?? []) : undefined,
      settings.qrCode === undefined ? undefined : (qrCodes ?? [])
    )
    await attempt(problems, () => storeVariable(settings, results))

    if (settings.summary) {
      await writeSummary(results, {
        masked: settings.maskInviteLink,
        dryRun: settings.dryRun,
        filesByGroup: results.map((result) => filesOf(result, files)),
        rateLimit: pacer.state
      })
    }
    if (problems.length > 0) core.setFailed(redactSecrets(failureMessage(problems, results)))
  } catch (error) {
    core.setFailed(redactSecrets(messageOf(error)))
  }
}

/** Runs one follow-up step; a failure is noted, and the steps after it still run. */
async function attempt<T>(problems: string[], step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step()
  } catch (error) {
    problems.push(messageOf(error))
    return undefined
  }
}

async function updateLinkedFiles(settings: Settings, results: GroupResult[]): Promise<FileUpdateReport | undefined> {
  if (settings.updateFiles.length === 0) return undefined
  if (settings.dryRun) {
    core.info('Dry run: no file is updated.')
    return undefined
  }
  const changes = results.flatMap((result) => {
    const oldCode = previousCodeOf(result)
    return oldCode && hasLink(result) ? [{ oldCode, newLink: result.inviteLink }] : []
  })
  const { updateFiles } = await import('./file-updates.js')
  const report = await updateFiles(settings.updateFiles, settings.workspace, changes)
  for (const file of report.skippedBinary) core.info(`Skipped ${file}: it looks like a binary file.`)
  core.info(
    report.updatedFiles.length === 0
      ? 'No file matched by update-files held a replaced link.'
      : `Updated ${report.updatedFiles.length} file(s): ${report.updatedFiles.join(', ')}`
  )
  return report
}

async function writeGroupQrCodes(settings: Settings, results: GroupResult[]): Promise<string[]> {
  const template = settings.qrCode
  if (template === undefined) return []
  const { qrCodePath, writeQrCodes } = await import('./qr-code.js')
  const targets = results.filter(hasLink).map((result) => ({
    path: qrCodePath(template, result.groupJid, result.inviteCode),
    inviteLink: result.inviteLink
  }))
  const written = await writeQrCodes(targets)
  const shown = written.map((path) => relativeToWorkspace(path, settings.workspace))
  if (shown.length > 0) core.info(`Wrote the QR code(s): ${shown.join(', ')}`)
  return shown
}

async function storeVariable(settings: Settings, results: GroupResult[]): Promise<void> {
  const variable = settings.variable
  if (variable === undefined) return
  if (settings.dryRun) {
    core.info(`Dry run: the repository variable ${variable.name} is left as it is.`)
    return
  }
  const reset = results.filter((result): result is LinkedGroup => result.status === 'reset')
  const [only] = reset
  if (only === undefined) return
  const value =
    settings.groups.length === 1
      ? only.inviteLink
      : Object.fromEntries(reset.map((result) => [result.groupJid || result.group, result.inviteLink]))
  const { storeRepositoryVariable } = await import('./repository-variable.js')
  const how = await storeRepositoryVariable(variable, value)
  core.info(`${how === 'created' ? 'Created' : 'Updated'} the repository variable ${variable.name}.`)
}

function filesOf(result: GroupResult, report: FileUpdateReport | undefined): string[] {
  const oldCode = previousCodeOf(result)
  return (oldCode && report?.filesByOldCode.get(oldCode)) || []
}

function previousCodeOf(result: GroupResult): string | undefined {
  return result.status === 'reset' && result.previousInviteLink
    ? inviteCodeFromLink(result.previousInviteLink)
    : undefined
}

function relativeToWorkspace(path: string, workspace: string): string {
  return path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path
}

function failureLine(result: UnlinkedGroup, results: GroupResult[]): string {
  return results.length === 1 ? result.error : `${result.groupJid || result.group}: ${result.error}`
}

function failureMessage(problems: string[], results: GroupResult[]): string {
  const failed = results.filter((result) => result.status === 'failed').length
  if (results.length === 1 || failed === 0) return problems.join(' ')
  const skipped = results.filter((result) => result.status === 'skipped').length
  const skippedNote = skipped > 0 ? ` (${skipped} skipped)` : ''
  return `${failed} of ${results.length} groups failed${skippedNote}. ${problems.join(' | ')}`
}

function logRetry({ attempt, maxAttempts, error, delayMs, waitingFor }: RetryNotice, group?: string): void {
  const then =
    waitingFor === 'rate-limit'
      ? `Waiting ${seconds(delayMs)} for the rate-limit window to reset.`
      : `Retrying in ${seconds(delayMs)}.`
  const which = group === undefined ? '' : `${group}: `
  core.warning(`${which}Attempt ${attempt} of ${maxAttempts} failed: ${error.message} ${then}`)
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
