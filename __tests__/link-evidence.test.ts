import { describe, expect, it } from '@jest/globals'
import { LinkHistory } from '../src/link-evidence.js'

const LAG = 1000

describe('LinkHistory: what proves that a code is live', () => {
  it('takes the answer to the only reset as evidence by itself', () => {
    const history = new LinkHistory('OLD', LAG)
    expect(history.answerSuffices).toBe(false)
    history.answered('NEW', 100)
    expect(history.answerSuffices).toBe(true)
    expect(history.hadUnansweredAttempt).toBe(false)
  })

  it('knows the code before the run to be revoked', () => {
    const history = new LinkHistory('OLD', LAG)
    expect(history.isRevoked('OLD')).toBe(true)
    expect(history.isRevoked('NEW')).toBe(false)
  })

  describe('after an attempt whose answer was lost', () => {
    const lost = (): LinkHistory => {
      const history = new LinkHistory('OLD', LAG)
      history.unanswered(500)
      return history
    }

    it('takes a new code at once: the attempt took effect', () => {
      const history = lost()
      expect(history.earlyReadsCanProve).toBe(true)
      expect(history.judgeRead('NEW', 501)).toBe('live')
    })

    it('reads the old code again while reads may lag, and calls it unchanged only once the lag has passed', () => {
      const history = lost()
      expect(history.settledAt).toBe(1500)
      expect(history.judgeRead('OLD', 600)).toBe('stale')
      expect(history.judgeRead('OLD', 1499)).toBe('stale')
      expect(history.judgeRead('OLD', 1500)).toBe('unchanged')
    })

    it('no longer lets the answer of a later attempt suffice', () => {
      const history = lost()
      history.answered('NEW', 2000)
      expect(history.answerSuffices).toBe(false)
      expect(history.hadUnansweredAttempt).toBe(true)
      expect(history.earlyReadsCanProve).toBe(false)
    })
  })

  describe('confirming an answer after an earlier lost one', () => {
    const confirming = (): LinkHistory => {
      const history = new LinkHistory('OLD', LAG)
      history.unanswered(0)
      history.answered('NEW', 2000)
      return history
    }

    it("believes the answer's code only from a read taken once the lag has passed", () => {
      const history = confirming()
      expect(history.settledAt).toBe(3000)
      expect(history.judgeRead('NEW', 2500)).toBe('stale')
      expect(history.judgeRead('NEW', 3000)).toBe('live')
      expect(history.isRevoked('NEW')).toBe(false)
    })

    it('calls a revoked code after the lag a contradiction, never a live link', () => {
      const history = confirming()
      expect(history.judgeRead('OLD', 2500)).toBe('stale')
      expect(history.judgeRead('OLD', 3000)).toBe('contradicts')
    })

    it('takes a code never seen replaced, after the lag, as live, and the answer as revoked', () => {
      const history = confirming()
      expect(history.judgeRead('LATE', 2999)).toBe('stale')
      expect(history.isRevoked('NEW')).toBe(false)
      expect(history.judgeRead('LATE', 3000)).toBe('live')
      expect(history.isRevoked('NEW')).toBe(true)
      expect(history.judgeRead('NEW', 3100)).toBe('contradicts')
    })
  })
})
