import { type ParticipantReport, participantReport } from './participant-report.js'
import { parseIncident } from './participant-input.js'
import {
  type ParticipantResult,
  type ParticipantWork,
  type TargetGroup,
  demoteAndRemove,
  rejectJoinRequests
} from './participants.js'
import type { RetryNotice } from './retry.js'
import type { RyzeClient } from './ryze-client.js'
import type { Settings } from './settings.js'
import type { GroupResult } from './outcome.js'

/*
 * remove, demote and reject-join-requests (issue #18), loaded only when one of them is set. The
 * rotation calls the two steps around each group's reset; main reports what became of each
 * participant.
 */

/** One step around a group's reset; `onRetry` tells of its retries under the group's name. */
export type IncidentStep = (group: TargetGroup, onRetry?: (notice: RetryNotice) => void) => Promise<ParticipantResult[]>

export interface IncidentSteps {
  hooks: {
    /** Demote, then remove: before the reset. */
    beforeReset: IncidentStep
    /** Reject the pending join requests: after the reset; absent unless reject-join-requests is true. */
    afterReset?: IncidentStep
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
      beforeReset: (group, onRetry) => demoteAndRemove(group, incident, work(onRetry)),
      ...(incident.rejectJoinRequests
        ? { afterReset: (group, onRetry) => rejectJoinRequests(group, work(onRetry)) }
        : {})
    },
    report: participantReport
  }
}
