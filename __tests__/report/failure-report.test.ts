import { describe, expect, it, jest } from '@jest/globals'
import { HintFilter, MAX_ANNOTATION_CHARACTERS, fitAnnotation } from '../../src/report/failure-report.js'

describe('fitAnnotation', () => {
  it('leaves a message that fits as it is', () => {
    expect(fitAnnotation('RyzeAPI answered HTTP 401. Check the token secret.')).toBe(
      'RyzeAPI answered HTTP 401. Check the token secret.'
    )
  })

  it('shortens a long message at a word, says so, and logs it whole first', () => {
    let logged = ''
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged += chunk.toString()
      return true
    })
    const long = `${'The server said something rather long '.repeat(40)}and then stopped.`
    try {
      const fitted = fitAnnotation(long)
      expect(fitted.length).toBeLessThanOrEqual(MAX_ANNOTATION_CHARACTERS)
      expect(fitted).toMatch(
        /^The server said something rather long .* \(shortened: the full message is in the log above\)\.$/
      )
      expect(fitted).not.toMatch(/ [a-z]{1,3} \(shortened/)
      expect(logged).toContain(long)
    } finally {
      write.mockRestore()
    }
  })
})

describe('HintFilter', () => {
  const forbidden = (group: number): string =>
    `RyzeAPI answered HTTP 403: Not authorized (group ${group}). ` +
    "The instance's WhatsApp number must be an admin of the group, and the token must own the instance. " +
    'Nothing was reset.'

  it('gives a hint once, and keeps what failed and what became of the link in every message', () => {
    const hints = new HintFilter()
    expect(hints.withoutRepeatedHints(forbidden(1))).toBe(forbidden(1))
    expect(hints.withoutRepeatedHints(forbidden(2))).toBe(
      'RyzeAPI answered HTTP 403: Not authorized (group 2). Nothing was reset.'
    )
  })

  it('does not split a quoted server message inside parentheses', () => {
    const unknown =
      'The reset may have taken effect: the answer was lost (Bridge down. Try later.) and reading it back failed. ' +
      "Check the group's invite link in WhatsApp. Run again."
    const hints = new HintFilter()
    hints.withoutRepeatedHints(unknown)
    expect(hints.withoutRepeatedHints(unknown)).toBe(
      'The reset may have taken effect: the answer was lost (Bridge down. Try later.) and reading it back failed. Run again.'
    )
  })
})
