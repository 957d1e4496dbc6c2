import { expect } from '@jest/globals'
import { type InProcessRun, runInProcess } from './in-process.js'
import type { ManualClock } from './manual-clock.js'
import { visibleText } from './run-action.js'
import { DEFAULT_TOKEN, type RyzeSimulator } from '../simulator/ryze-simulator.js'

/** What the tests of remove, demote and reject-join-requests share: a run in process, and what to read of it. */

/** One entry of a group's `participants` in `results`. */
export interface Participant {
  participant: string
  action: string
  status: string
  readBack?: boolean
  phoneNumber?: string
  error?: string
}

/** Runs the action in process against `simulator`, on its clock, with one retry; the token never shows. */
export async function runOn(
  simulator: RyzeSimulator,
  clock: ManualClock,
  inputs: Record<string, string>
): Promise<InProcessRun> {
  const result = await runInProcess({ ...simulator.actionInputs(), retries: '1', ...inputs }, {}, clock)
  expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
  return result
}

/** The first group's participants, as `results` gives them. */
export function participantsOf(result: InProcessRun): Participant[] {
  return (JSON.parse(result.outputs.results!) as Array<{ participants: Participant[] }>)[0]!.participants
}

/** The participants of each participants call the simulator received, as sent. */
export function sentParticipants(simulator: RyzeSimulator): string[][] {
  return simulator
    .requestsTo('participants')
    .map((request) => (JSON.parse(request.body) as { participants: string[] }).participants)
}
