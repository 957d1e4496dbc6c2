import { InputError } from '../safety/errors.js'
import { quotedInput } from '../safety/text-safety.js'

/* The variable input, read only when it is set. */

export interface VariableSettings {
  name: string
  githubToken: string
  owner: string
  repo: string
}

export function parseVariable(raw: string, githubToken: string, repository: string | undefined): VariableSettings {
  const name = raw.trim()
  // {group} becomes a JID's digits (see variable-name.ts): the worst case is a name starting with one.
  const worstCase = name.replaceAll('{group}', '0')
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(worstCase) || /^GITHUB_/i.test(worstCase)) {
    const perGroup = worstCase !== name ? ', where {group} becomes digits, so it cannot come first' : ''
    throw new InputError(
      'variable',
      `holds ${quotedInput(name)}; expected a variable name of letters, digits and underscores, not starting with a digit or GITHUB_${perGroup}, such as WHATSAPP_LINK or WHATSAPP_LINK_{group}`
    )
  }
  if (githubToken === '') {
    throw new InputError(
      'github-token',
      'is empty, but "variable" is set; expected a token that may write repository variables (Variables: write)'
    )
  }
  const [owner, repo, ...rest] = (repository ?? '').split('/')
  if (!owner || !repo || rest.length > 0) {
    throw new InputError('variable', 'is set, but GITHUB_REPOSITORY does not name a repository (owner/name)')
  }
  return { name, githubToken, owner, repo }
}
