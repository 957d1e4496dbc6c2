import * as core from '@actions/core'

const secrets = new Set<string>()

/**
 * Masks a value in the runner's log and remembers it, so that text the action writes itself can be
 * redacted too: the runner's masking does not exist when the bundle runs outside Actions. The
 * forms a server is likely to echo a secret in (URL-encoded, base64, JSON-escaped) are masked too.
 */
export function maskSecret(value: string): void {
  // Each line on its own as well: the runner masks a multi-line value line by line.
  for (const part of [value, ...value.split(/\r?\n|\r/)]) {
    const trimmed = part.trim()
    if (trimmed === '') continue
    for (const form of [trimmed, ...encodedForms(trimmed)]) {
      if (secrets.has(form)) continue
      core.setSecret(form)
      secrets.add(form)
    }
  }
}

/**
 * The common transforms of a secret, where they differ from it: percent-encoding
 * (encodeURIComponent, and the form encoding of URLSearchParams, each with upper- and lower-case
 * hex), base64 and base64url (without padding, so that padded and unpadded echoes both match) and
 * JSON string escaping.
 */
export function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const percent = encodeURIComponent(secret)
  const form = new URLSearchParams({ s: secret }).toString().slice('s='.length)
  const forms = [
    percent,
    lowerHex(percent),
    form,
    lowerHex(form),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    JSON.stringify(secret).slice(1, -1)
  ]
  return [...new Set(forms)].filter((encoded) => encoded !== secret)
}

function lowerHex(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
}

/** Replaces every masked value, in every form registered, in `text` with `***`. */
export function redactSecrets(text: string): string {
  let redacted = text
  // Longest first, so that a secret containing another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    redacted = redacted.split(secret).join('***')
  }
  return redacted
}
