/*
 * Repository variable names, as GitHub allows them: letters, digits and underscores, not starting
 * with a digit or with GITHUB_, compared without regard to case. `{group}` in the `variable` input
 * stands for each group's JID without its @g.us part.
 */

export const GROUP_PLACEHOLDER = '{group}'

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export function isValidVariableName(name: string): boolean {
  return VALID_NAME.test(name) && !/^GITHUB_/i.test(name)
}

/** The variable name for a group, given by its JID; characters GitHub refuses become `_`. */
export function variableNameFor(template: string, groupJid: string): string {
  const user = groupJid.replace(/@.*$/, '').replace(/[^A-Za-z0-9_]/g, '_')
  return template.replaceAll(GROUP_PLACEHOLDER, user)
}
