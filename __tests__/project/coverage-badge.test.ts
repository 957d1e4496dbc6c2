import { describe, expect, it } from '@jest/globals'
import { coverageBadge } from '../../scripts/coverage-badge.js'

describe('the coverage badge', () => {
  it('is the same file for the same coverage, so that npm run all leaves a clean tree clean', () => {
    const first = coverageBadge(97.3)
    expect(coverageBadge(97.3)).toBe(first)
    expect(first).toContain('coverage: 97%')
  })

  it('keeps each id and its references paired', () => {
    const svg = coverageBadge(91)
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1])
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(svg).toContain(`url(#${id})`)
  })
})
