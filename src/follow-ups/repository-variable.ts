import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { messageOf } from '../safety/errors.js'
import type { VariableSettings } from '../inputs/variable-input.js'

export type VariableWrite = 'created' | 'updated'

/** GitHub's documented success for each call; any other status means nothing was read or stored. */
const SUCCESS = { read: 200, create: 201, update: 204 } as const

/** A status that is not the documented success, so that the caller cannot count it as one. */
class UnexpectedStatus extends Error {
  constructor(readonly status: number) {
    super(`GitHub answered HTTP ${status}`)
  }
}

/**
 * Stores `value` in a repository variable through @actions/github's Octokit; GITHUB_API_URL is
 * honoured (GitHub Enterprise Server). A link is written without reading first (update, else
 * create), so that jobs writing variables at once never undo each other's writes. A JSON object is
 * merged into the one already stored, so that groups that failed this time keep their last link.
 */
export async function storeRepositoryVariable(
  settings: VariableSettings,
  value: string | Record<string, string>
): Promise<VariableWrite> {
  // Octokit's fetch follows redirects, carrying the token along; 'manual' hands the 3xx back instead.
  // The whole `request` object replaces the default one, so @actions/github's proxy-aware fetch is kept.
  const octokit = getOctokit(settings.githubToken, { request: { ...defaults.request, redirect: 'manual' } })
  const where = { owner: settings.owner, repo: settings.repo, name: settings.name }
  const update = async (stored: string): Promise<'updated'> => {
    expectStatus(await octokit.rest.actions.updateRepoVariable({ ...where, value: stored }), SUCCESS.update)
    return 'updated'
  }
  const create = async (stored: string): Promise<'created'> => {
    expectStatus(await octokit.rest.actions.createRepoVariable({ ...where, value: stored }), SUCCESS.create)
    return 'created'
  }

  try {
    if (typeof value === 'string') return await updateOrCreate(value, update, create)
    let existing: string | undefined
    try {
      existing = expectStatus(await octokit.rest.actions.getRepoVariable(where), SUCCESS.read).data.value
    } catch (error) {
      if (statusOf(error) !== 404) throw error
    }
    return existing === undefined ? await create(serialise(value)) : await update(serialise(merged(existing, value)))
  } catch (error) {
    throw new Error(explain(error, settings), { cause: error })
  }
}

/** Update, else create; a create that finds the variable made meanwhile (409) updates it after all. */
async function updateOrCreate(
  value: string,
  update: (value: string) => Promise<VariableWrite>,
  create: (value: string) => Promise<VariableWrite>
): Promise<VariableWrite> {
  try {
    return await update(value)
  } catch (error) {
    if (statusOf(error) !== 404) throw error
  }
  try {
    return await create(value)
  } catch (error) {
    if (statusOf(error) !== 409) throw error
    return update(value)
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

function expectStatus<T extends { status: number }>(response: T, status: number): T {
  if (response.status === status) return response
  throw new UnexpectedStatus(response.status)
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

function explain(error: unknown, settings: VariableSettings): string {
  const target = `the repository variable ${settings.name} of ${settings.owner}/${settings.repo}`
  const status = statusOf(error)
  if (error instanceof UnexpectedStatus) {
    return status !== undefined && status >= 300 && status < 400
      ? `Could not write ${target}: GitHub answered HTTP ${status}, a redirect, which is not followed so that github-token ` +
          'reaches no other address; nothing was stored. Check GITHUB_API_URL.'
      : `Could not write ${target}: GitHub answered HTTP ${status}, which is not the documented success; nothing was stored.`
  }
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
