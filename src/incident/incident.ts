import { type ParticipantReport, participantReport } from './participant-report.js'
import { parseIncident } from '../inputs/participant-input.js'
import { maskPhoneNumbers } from '../safety/personal-data.js'
import { type ParticipantWork, demoteAndRemove, rejectJoinRequests } from './participants.js'
import type { RetryNotice } from '../ryze/retry.js'
import type { RyzeClient } from '../ryze/ryze-client.js'
import type { Settings } from '../inputs/settings.js'
import type { GroupResult, ParticipantResult } from '../report/outcome.js'
import type { GroupStep } from '../rotation/rotation.js'

/*
 * remove, demote and reject-join-requests (issue #18), loaded only when one of them is set. The
 * rotation calls the two steps around each group's reset; main reports what became of each
 * participant.
 */

export interface IncidentSteps {
  hooks: {
    /** Demote, then remove: before the reset. */
    beforeReset: GroupStep
    /** Reject the pending join requests: after the reset; absent unless reject-join-requests is true. */
    afterReset?: GroupStep
  }
  report: (results: GroupResult[]) => ParticipantReport
}

/** Checks the inputs (an InputError before any request) and binds the steps to the run. */
export function incidentSteps(
  settings: Pick<Settings, 'incident' | 'dryRun' | 'retries' | 'maxWaitMs' | 'maxLagMs'>,
  client: RyzeClient,
  signal?: AbortSignal
): IncidentSteps {
  const incident = parseIncident(settings.incident!)
  const work = (onRetry?: (notice: RetryNotice) => void): ParticipantWork => ({
    client,
    policy: settings,
    maxLagMs: settings.maxLagMs,
    dryRun: settings.dryRun,
    signal,
    onRetry
  })
  return {
    hooks: {
      beforeReset: async (group, onRetry) => (await demoteAndRemove(group, incident, work(onRetry))).map(masked),
      ...(incident.rejectJoinRequests
        ? {
            afterReset: async (group, onRetry, reset) => {
              // Only a reset that took effect closes the old link: then the listing waits for reads to show it.
              const resetBy = reset?.result.status === 'reset' ? reset.takenEffectBy : undefined
              return (await rejectJoinRequests(group, work(onRetry), resetBy)).map(masked)
            }
          }
        : {})
    },
    report: participantReport
  }
}

/**
 * An entry as `results` holds it: every phone number masked, as in the log. A later step that
 * puts `results` in its `env:` has it printed in the log; the numbers of remove and demote are in
 * the step's own inputs, in the same order as the entries.
 */
function masked(result: ParticipantResult): ParticipantResult {
  return {
    ...result,
    participant: maskPhoneNumbers(result.participant),
    ...(result.phoneNumber === undefined ? {} : { phoneNumber: maskPhoneNumbers(result.phoneNumber) }),
    ...(result.error === undefined ? {} : { error: maskPhoneNumbers(result.error) })
  }
}
