import * as core from '@actions/core'
import { type Clock, systemClock } from './ryze/clock.js'
import type { Failure } from './report/failure-report.js'
import { joinSentences } from './safety/errors.js'
import { logResult, nameOf, publishLinks } from './report/outputs.js'
import { RateLimitPacer } from './ryze/rate-limit.js'
import type { RetryNotice } from './ryze/retry.js'
import { closeConnections } from './transport/http.js'
import { type GroupResult, hasFailed } from './report/outcome.js'
import { type PlannedGroup, isKnown, planGroups } from './plan/plan.js'
import { rotateGroups } from './rotation/rotation.js'
import { RyzeClient } from './ryze/ryze-client.js'
import { type Settings, readSettings } from './inputs/settings.js'
import { writeSummary } from './report/summary.js'

/**
 * Reads the inputs, lists the communities' groups, resets each group's invite link (retrying transient
 * failures), publishes the new links, then updates files, QR codes and the repository variable, and
 * announces the links. `signal` fires on cancellation; every wait is made by `clock`.
 */
export async function run(signal?: AbortSignal, clock: Clock = systemClock): Promise<void> {
  try {
    const settings = await readSettings()
    const pacer = new RateLimitPacer(
      settings.maxWaitMs,
      (delayMs, bucket) => {
        core.info(
          `RyzeAPI rate limit: 0 of ${bucket.limit} requests left; waiting ${seconds(delayMs)} for the next window.`
        )
      },
      clock
    )
    const client = new RyzeClient(settings, pacer, clock)
    // remove, demote, reject-join-requests: checked here, before any request, by a module loaded only when set.
    const incident =
      settings.incident && (await import('./incident/incident.js')).incidentSteps(settings, client, signal)
    const groups = await planGroups(settings.groups, client, {
      policy: settings,
      dryRun: settings.dryRun,
      failFast: settings.failFast,
      signal,
      onRetry: logRetry,
      onNote: (line) => core.info(line),
      onWarning: (title, message) => core.warning(message, { title })
    })
    // With several groups, each group's work is a folded section of the log.
    const several = groups.length > 1
    // A reset is logged as soon as it is settled, before the join requests rejected after it.
    let logged = false
    const log = (result: GroupResult): void => {
      if (!logged) logResult(result, settings.maskInviteLink, several)
      logged = true
    }
    const results = await rotateGroups({ ...settings, groups }, client, {
      signal,
      onRetry: (notice, group) => logRetry(notice, group.input),
      onGroupStart: (group) => {
        logged = false
        if (several) core.startGroup(sectionTitle(group))
      },
      onConfirmLater: (group) => {
        core.info(
          `The reset of ${sectionTitle(group)} was answered; its new link is published once a read, sent 2 x max-lag (${seconds(2 * settings.maxLagMs)}) after the reset, shows it.`
        )
        if (several) core.endGroup()
      },
      onConfirmStart: (group) => {
        logged = false
        if (several) core.startGroup(`Confirming ${sectionTitle(group)}`)
      },
      onReset: log,
      onResult: (result) => {
        log(result)
        if (several) core.endGroup()
      },
      ...incident?.hooks
    })
    publishLinks(results, settings.maskInviteLink)
    // A line given by code or link names the link just revoked: a module loaded only for such a line.
    const revoked = settings.groups.some((line) => 'identifier' in line && line.identifier.kind === 'code')
      ? (await import('./report/revoked-lines.js')).warnRevokedLines(results)
      : undefined
    const bucket = pacer.state
    if (bucket) core.info(`RyzeAPI rate limit: ${bucket.remaining} of ${bucket.limit} requests left in this window.`)

    const participants = incident?.report(results)
    const problems: Failure[] = [...(participants?.problems ?? [])]
    // Files, QR codes, a variable, announcements: a module loaded only when one is asked for.
    const followUps = hasFollowUps(settings)
      ? await (
          await import('./follow-ups/follow-ups.js')
        ).runFollowUps(settings, results, client, { signal, onRetry: logRetry })
      : undefined
    problems.push(...(followUps?.problems ?? []))

    if (settings.summary) {
      await writeSummary(results, {
        masked: settings.maskInviteLink,
        dryRun: settings.dryRun,
        filesByGroup: followUps?.filesByGroup,
        announcements: followUps?.announcements,
        warnings: revoked,
        participants: participants?.summary,
        rateLimit: pacer.state
      })
    }
    // The failure path is loaded only when something failed, to keep it off the default path.
    if (problems.length > 0 || results.some(hasFailed)) {
      const { reportFailures } = await import('./report/failure-report.js')
      reportFailures(results, problems)
    }
  } catch (error) {
    const { failRun } = await import('./report/failure-report.js')
    failRun(error)
  } finally {
    closeConnections()
  }
}

/** The title of a group's folded section in the log. */
function sectionTitle(group: PlannedGroup): string {
  if (!isKnown(group)) return nameOf(group)
  return group.name === undefined ? group.input : `"${group.name}" (${group.input})`
}

/** Files to update, QR codes, a variable, announcements: what runs after the rotation, when asked for. */
function hasFollowUps(settings: Settings): boolean {
  return (
    settings.updateFiles.length > 0 ||
    settings.qrCode !== undefined ||
    settings.variable !== undefined ||
    settings.announce !== undefined
  )
}

function logRetry({ what, attempt, maxAttempts, error, delayMs, waitingFor }: RetryNotice, group?: string): void {
  const then =
    waitingFor === 'rate-limit'
      ? `Waiting ${seconds(delayMs)} for the rate-limit window to reset.`
      : `Retrying in ${seconds(delayMs)}.`
  const title = `${what ?? 'Attempt'}${what ? ', attempt' : ''} ${attempt} of ${maxAttempts} failed`
  core.warning(joinSentences(error.message, then), { title: group ? `${title} (${group})` : title })
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
