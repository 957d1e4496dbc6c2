import { describe, expect, it } from '@jest/globals'
import { RequestError, joinSentences, withNote } from '../../src/safety/errors.js'

describe('joinSentences', () => {
  it('ends each part that does not end a sentence with a period, so that none run together', () => {
    expect(joinSentences('connect ECONNREFUSED 127.0.0.1:9', 'Nothing was reset.')).toBe(
      'connect ECONNREFUSED 127.0.0.1:9. Nothing was reset.'
    )
    expect(joinSentences('answered CONNECT with HTTP 403', 'Retrying in 0.2 s.')).toBe(
      'answered CONNECT with HTTP 403. Retrying in 0.2 s.'
    )
  })

  it('leaves a part that ends a sentence as it is, closing brackets and quotes included', () => {
    expect(joinSentences('Done.', 'Really?', 'Yes!', '(As said.)', 'It said "no."')).toBe(
      'Done. Really? Yes! (As said.) It said "no."'
    )
  })

  it('skips empty parts and trims the rest', () => {
    expect(joinSentences('  One  ', '', ' ', 'two')).toBe('One. two.')
    expect(joinSentences()).toBe('')
  })
})

describe('withNote', () => {
  it('adds the note as a sentence of its own, keeping the failure', () => {
    const error = new RequestError('network', 'Could not reach RyzeAPI at https://x: connect ECONNREFUSED', {
      requestSent: false
    })
    const noted = withNote(error, 'Nothing was reset.') as RequestError
    expect(noted.message).toBe('Could not reach RyzeAPI at https://x: connect ECONNREFUSED. Nothing was reset.')
    expect(noted).toMatchObject({ kind: 'network', requestSent: false })
    expect(withNote('not a request error', 'Nothing was reset.')).toBe('not a request error')
  })
})
