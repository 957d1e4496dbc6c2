import { annotationsOf } from './run-action.js'

/*
 * The rules every message the action prints must keep, checked on what the tests' runs print (not on
 * the source text): every annotation has a title, and no line or annotation says "(s)" or chains
 * colons. runAction and runInProcess apply them to every run, so each end-to-end and in-process
 * test checks them on its own output.
 */

/**
 * Sentences with two or more colons that introduce (": "), outside parentheses and quotes, where a
 * server's own words are kept as they came: "Attempt 1 of 3 failed: RyzeAPI answered HTTP 429: …".
 * A server's message and a system error's code may hold colons of their own, which are not ours.
 */
export function colonChains(text: string): string[] {
  let plain = ''
  // Words from outside, kept as they came: a server's message after its status, a system error's code.
  text = text.replace(/(HTTP \d{3}: )[^]*?(?=[.!?](\s|$))/g, '$1').replace(/\b(Error|E[A-Z]+): /g, '$1 ')
  let depth = 0
  let quoted = false
  for (const character of text) {
    if (character === '"') quoted = !quoted
    else if (character === '(') depth++
    else if (character === ')') depth = Math.max(0, depth - 1)
    else if (depth === 0 && !quoted) plain += character
  }
  return plain.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((sentence) => (sentence.match(/: /g) ?? []).length >= 2)
}

/** What breaks the rules in one run's stdout, one line per problem; empty when none does. */
export function messageRuleProblems(stdout: string): string[] {
  const problems: string[] = []
  for (const annotation of annotationsOf(stdout)) {
    if (annotation.title === undefined || annotation.title.trim() === '') {
      problems.push(`An ${annotation.level} annotation without a title: ${annotation.message}`)
    }
    for (const chain of colonChains(annotation.message)) problems.push(`A chain of colons: ${chain}`)
  }
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::debug::') || line.startsWith('::add-mask::')) continue
    if (line.includes('(s)')) problems.push(`A "(s)" plural: ${line}`)
  }
  return problems
}

/** Throws, naming every problem, when a run's stdout breaks a rule. */
export function checkMessageRules(stdout: string): void {
  const problems = messageRuleProblems(stdout)
  if (problems.length > 0) throw new Error(`The run printed messages that break the rules:\n${problems.join('\n')}`)
}
