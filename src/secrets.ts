import * as core from '@actions/core'

const secrets = new Set<string>()

/**
 * Masks a value in the runner's log and remembers it, so that text the action writes itself can be
 * redacted too: the runner's masking does not exist when the bundle runs outside Actions.
 */
export function maskSecret(value: string): void {
  // Each line on its own as well: the runner masks a multi-line value line by line.
  for (const part of [value, ...value.split(/\r?\n|\r/)]) {
    const trimmed = part.trim()
    if (trimmed === '' || secrets.has(trimmed)) continue
    core.setSecret(trimmed)
    secrets.add(trimmed)
  }
}

/** Replaces every masked value in `text` with `***`. */
export function redactSecrets(text: string): string {
  let redacted = text
  // Longest first, so that a secret containing another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    redacted = redacted.split(secret).join('***')
  }
  return redacted
}
