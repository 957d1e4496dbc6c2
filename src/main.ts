import * as core from '@actions/core'
import { joinSentences, messageOf } from './errors.js'
import { nameOf, publishAnnouncements, publishFileLists, publishLinks, writeSummary } from './outputs.js'
import { RateLimitPacer } from './rate-limit.js'
import type { RetryNotice } from './retry.js'
import { announce, fileFailures, filesOf, storeVariable, updateLinkedFiles, writeGroupQrCodes } from './follow-ups.js'
import { closeConnections } from './http.js'
import { type GroupResult, type UnlinkedGroup, hasFailed } from './outcome.js'
import { planGroups } from './plan.js'
import { rotateGroups } from './rotation.js'
import { RyzeClient } from './ryze-client.js'
import { redactSecrets } from './secrets.js'
import { readSettings } from './settings.js'

/**
 * Reads the inputs, lists the communities' groups, resets each group's invite link (retrying transient
 * failures), publishes the new links, then updates files, QR codes and the repository variable, and
 * announces the links. `signal` fires on cancellation.
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
    // remove, demote, reject-join-requests: checked here, before any request, by a module loaded only when set.
    const incident = settings.incident && (await import('./incident.js')).incidentSteps(settings, client, signal)
    const groups = await planGroups(settings.groups, client, {
      policy: settings,
      dryRun: settings.dryRun,
      failFast: settings.failFast,
      signal,
      onRetry: (notice, line) => logRetry(notice, settings.groups.length > 1 ? line : undefined),
      onNote: (line) => core.info(line)
    })
    const results = await rotateGroups({ ...settings, groups }, client, {
      signal,
      onRetry: (notice, group) => logRetry(notice, groups.length > 1 ? group.input : undefined),
      ...incident?.hooks
    })
    publishLinks(results, settings.maskInviteLink)
    const bucket = pacer.state
    if (bucket) core.info(`RyzeAPI rate limit: ${bucket.remaining} of ${bucket.limit} requests left in this window.`)

    const problems = results.filter(hasFailed).map((result) => failureLine(result, results))
    const participants = incident?.report(results)
    problems.push(...(participants?.problems ?? []))
    const files = await attempt(problems, 'update-files', () => updateLinkedFiles(settings, results))
    const qrCodes = await attempt(problems, 'qr-code', () => writeGroupQrCodes(settings, results))
    publishFileLists(
      settings.updateFiles.length > 0 ? (files?.updatedFiles ?? []) : undefined,
      settings.qrCode === undefined ? undefined : (qrCodes?.written ?? [])
    )
    problems.push(...fileFailures(files, qrCodes))
    await attempt(problems, 'variable', () => storeVariable(settings, results))
    const announced = await attempt(problems, 'announce-to', () =>
      announce(settings, results, client, { signal, onRetry: (notice, chat) => logRetry(notice, chat) })
    )
    publishAnnouncements(announced?.announcements)
    problems.push(...(announced?.problems ?? []))

    if (settings.summary) {
      await writeSummary(results, {
        masked: settings.maskInviteLink,
        dryRun: settings.dryRun,
        filesByGroup: results.map((result) => filesOf(result, files)),
        announcements: announced?.summary,
        participants: participants?.summary,
        rateLimit: pacer.state
      })
    }
    if (problems.length > 0) core.setFailed(redactSecrets(failureMessage(problems, results)))
  } catch (error) {
    core.setFailed(redactSecrets(messageOf(error)))
  } finally {
    closeConnections()
  }
}

/** Runs one follow-up step; a failure is noted, and the steps after it still run. */
async function attempt<T>(problems: string[], input: string, step: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now()
  const took = (): string => `${Math.round(Date.now() - started)} ms`
  try {
    const result = await step()
    core.debug(`Follow-up ${input}: done in ${took()}.`)
    return result
  } catch (error) {
    core.debug(`Follow-up ${input}: failed after ${took()}.`)
    problems.push(messageOf(error))
    return undefined
  }
}

function failureLine(result: UnlinkedGroup, results: GroupResult[]): string {
  return results.length === 1 ? result.error : `${nameOf(result)}: ${result.error}`
}

function failureMessage(problems: string[], results: GroupResult[]): string {
  const failed = results.filter(hasFailed).length
  if (results.length === 1 || failed === 0) return joinSentences(...problems)
  const skipped = results.filter((result) => result.status === 'skipped').length
  const skippedNote = skipped > 0 ? ` (${skipped} skipped)` : ''
  return `${failed} of ${results.length} groups failed${skippedNote}. ${problems.map((problem) => joinSentences(problem)).join(' | ')}`
}

function logRetry({ what, attempt, maxAttempts, error, delayMs, waitingFor }: RetryNotice, group?: string): void {
  const then =
    waitingFor === 'rate-limit'
      ? `Waiting ${seconds(delayMs)} for the rate-limit window to reset.`
      : `Retrying in ${seconds(delayMs)}.`
  const which = group === undefined ? '' : `${group}: `
  const attempted = what === undefined ? 'Attempt' : `${what}: attempt`
  core.warning(joinSentences(`${which}${attempted} ${attempt} of ${maxAttempts} failed: ${error.message}`, then))
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
