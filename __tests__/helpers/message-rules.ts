import { annotationsOf } from './run-action.js'

/*
 * The rules every message the action prints must keep, checked on what the tests' runs print (not on
 * the source text): every annotation has a title, and no log line or annotation says "(s)" or chains
 * colons (the colon of a URL, a time or a JID has no space after it, so it never counts). runAction
 * and runInProcess apply them to every run, so each end-to-end and in-process test checks them on
 * its own output.
 */

/**
 * The sentences that chain two or more colons of ours (": "), such as "Attempt 1 of 3 failed:
 * RyzeAPI answered HTTP 429: …". A server's message and a system error's code may hold colons of
 * their own, and so may quoted or parenthesised text: those are not counted.
 */
export function colonChains(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((sentence) => (ours(sentence).match(/: /g) ?? []).length >= 2)
}

/** A sentence less the words that are not ours: quoted or in parentheses, a server's message, a system error's code. */
function ours(sentence: string): string {
  let plain = ''
  let depth = 0
  let quoted = false
  const text = sentence.replace(/(HTTP \d{3}: ).*$/, '$1').replace(/\b(Error|E[A-Z]+): /g, '$1 ')
  for (const character of text) {
    if (character === '"') quoted = !quoted
    else if (character === '(') depth++
    else if (character === ')') depth = Math.max(0, depth - 1)
    else if (depth === 0 && !quoted) plain += character
  }
  return plain
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
    // A plain log line: the group's name and a colon may start it, which counts as its one colon.
    if (!line.startsWith('::')) for (const chain of colonChains(line)) problems.push(`A chain of colons: ${chain}`)
  }
  return problems
}

/** Throws, naming every problem, when a run's stdout breaks a rule. */
export function checkMessageRules(stdout: string): void {
  const problems = messageRuleProblems(stdout)
  if (problems.length > 0) throw new Error(`The run printed messages that break the rules:\n${problems.join('\n')}`)
}
