import { readFileSync } from 'node:fs'

/*
 * Why a secret input can be empty although the workflow passes one: GitHub does not pass secrets to
 * a run for a pull request from a fork, and passes only Dependabot's own secrets to a run Dependabot
 * started. Read only when a secret input is found empty.
 */

/** Events whose runs get no secrets when the pull request comes from a fork (pull_request_target does get them). */
const FORK_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment'])
/** Events whose runs get only Dependabot secrets when Dependabot started them. */
const DEPENDABOT_EVENTS = new Set([...FORK_EVENTS, 'pull_request_target', 'push'])

const FORK_NOTE =
  'This run is for a pull request from a fork, and GitHub does not pass secrets to such runs. ' +
  'Give the step the condition if: github.event.pull_request.head.repo.full_name == github.repository, ' +
  'so that it runs only for pull requests from this repository.'

const DEPENDABOT_NOTE =
  'This run was started by Dependabot, and GitHub passes it only Dependabot secrets. ' +
  'Add the secret under Settings, Secrets and variables, Dependabot. ' +
  "Or skip the step with the condition if: github.actor != 'dependabot[bot]'."

/** A sentence saying why secrets are missing in this run, or undefined when nothing explains it. */
export function withheldSecretsNote(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (env.GITHUB_ACTOR === 'dependabot[bot]' && DEPENDABOT_EVENTS.has(event)) return DEPENDABOT_NOTE
  if (FORK_EVENTS.has(event) && isFromFork(env.GITHUB_EVENT_PATH)) return FORK_NOTE
  return undefined
}

/** The event payload's pull_request.head.repo.fork; a payload that cannot be read says nothing. */
function isFromFork(eventPath: string | undefined): boolean {
  if (!eventPath) return false
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { head?: { repo?: { fork?: unknown } | null } }
    }
    return payload.pull_request?.head?.repo?.fork === true
  } catch {
    return false
  }
}
