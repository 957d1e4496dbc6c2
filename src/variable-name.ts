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

/** Whether the name holds {group}, so that each group gets a variable of its own. */
export function isPerGroup(template: string): boolean {
  return template.includes(GROUP_PLACEHOLDER)
}

/**
 * Whether every name the template can make is valid. A JID's user part is digits (an old group's
 * has a hyphen too, made `_`), so the template is tried with a digit in place of {group}: the worst case.
 */
export function templateMakesValidNames(template: string): boolean {
  return isValidVariableName(template.replaceAll(GROUP_PLACEHOLDER, '0'))
}

/** The variable name for a group, given by its JID; characters GitHub refuses become `_`. */
export function variableNameFor(template: string, groupJid: string): string {
  const user = groupJid.replace(/@.*$/, '').replace(/[^A-Za-z0-9_]/g, '_')
  return template.replaceAll(GROUP_PLACEHOLDER, user)
}
