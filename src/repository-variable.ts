import { getOctokit } from '@actions/github'
import { messageOf } from './errors.js'
import type { VariableSettings } from './settings.js'

export type VariableWrite = 'created' | 'updated'

/**
 * Stores `value` in a repository variable through @actions/github's Octokit; GITHUB_API_URL is
 * honoured (GitHub Enterprise Server). A JSON object is merged into the one already stored, so that
 * groups that failed this time keep their last link.
 */
export async function storeRepositoryVariable(
  settings: VariableSettings,
  value: string | Record<string, string>
): Promise<VariableWrite> {
  const octokit = getOctokit(settings.githubToken)
  const where = { owner: settings.owner, repo: settings.repo, name: settings.name }

  try {
    let existing: string | undefined
    try {
      existing = (await octokit.rest.actions.getRepoVariable(where)).data.value
    } catch (error) {
      if (statusOf(error) !== 404) throw error
    }
    if (existing === undefined) {
      await octokit.rest.actions.createRepoVariable({ ...where, value: serialise(value) })
      return 'created'
    }
    await octokit.rest.actions.updateRepoVariable({ ...where, value: serialise(merged(existing, value)) })
    return 'updated'
  } catch (error) {
    throw new Error(explain(error, settings), { cause: error })
  }
}

function merged(existing: string, value: string | Record<string, string>): string | Record<string, string> {
  if (typeof value === 'string') return value
  try {
    const previous: unknown = JSON.parse(existing)
    if (typeof previous === 'object' && previous !== null && !Array.isArray(previous)) {
      return { ...(previous as Record<string, string>), ...value }
    }
  } catch {
    // Not JSON: replace it.
  }
  return value
}

function serialise(value: string | Record<string, string>): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

function explain(error: unknown, settings: VariableSettings): string {
  const target = `the repository variable ${settings.name} of ${settings.owner}/${settings.repo}`
  const status = statusOf(error)
  switch (status) {
    case 401:
      return `Could not write ${target}: GitHub answered HTTP 401, so github-token is not a valid token. Check the secret.`
    case 403:
      return (
        `Could not write ${target}: GitHub answered HTTP 403, so github-token may not write variables. ` +
        'The default GITHUB_TOKEN cannot; use a fine-grained token or a GitHub App token with "Variables: write" on this repository.'
      )
    case 404:
      return `Could not write ${target}: GitHub answered HTTP 404, so the repository was not found or github-token cannot see it.`
    default:
      return status === undefined
        ? `Could not write ${target}: ${messageOf(error)}`
        : `Could not write ${target}: GitHub answered HTTP ${status}.`
  }
}
