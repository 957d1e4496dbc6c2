import * as core from '@actions/core'
import { messageOf } from '../safety/errors.js'
import type { VariableWrite } from './repository-variable.js'
import type { LinkedGroup } from '../report/outcome.js'
import type { VariableSettings } from '../inputs/variable-input.js'
import { isValidVariableName, variableNameFor } from './variable-name.js'

type Store = (settings: VariableSettings, value: string) => Promise<VariableWrite>

/**
 * Writes one variable per reset group, its name made from the `{group}` template. Each write stands
 * alone (no read, no merge), so that matrix jobs rotating other groups at once cannot undo it.
 * Every group is tried; the failures are then told together.
 */
export async function storeGroupVariables(
  variable: VariableSettings,
  reset: LinkedGroup[],
  store: Store
): Promise<void> {
  const failures: string[] = []
  const taken = new Map<string, string>()
  for (const result of reset) {
    const who = result.groupJid || result.group
    if (result.groupJid === '') {
      failures.push(`RyzeAPI did not report the group JID of ${who}, so {group} cannot name its variable.`)
      continue
    }
    const name = variableNameFor(variable.name, result.groupJid)
    // GitHub compares names without regard to case: two groups must not share one.
    const other = taken.get(name.toUpperCase())
    if (!isValidVariableName(name) || other !== undefined) {
      const why = other === undefined ? 'is not a valid variable name' : `is the name ${other} has already`
      failures.push(`The variable name ${name} for ${who} ${why}, so its link was not stored.`)
      continue
    }
    taken.set(name.toUpperCase(), who)
    try {
      const how = await store({ ...variable, name }, result.inviteLink)
      core.info(`${how === 'created' ? 'Created' : 'Updated'} the repository variable ${name}.`)
    } catch (error) {
      failures.push(messageOf(error))
    }
  }
  if (failures.length === 0) return
  const [first] = failures
  const more = failures.length - 1
  if (more > 0) for (const failure of failures) core.info(failure)
  throw new Error(
    more === 0
      ? first
      : `${failures.length} of ${reset.length} repository variables were not stored. ${first} (${more} more: see the log.)`
  )
}
