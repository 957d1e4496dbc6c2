import { describe, expect, it } from '@jest/globals'
import { CONTENDER_SPAN_MS, LinkHistory } from '../../src/rotation/link-evidence.js'

/*
 * Rewritten for the time rule of issue #31 (time-rule.ts): a read decides a reset only when it is
 * sent 2 x max-lag after the reset was sent, and every time is a send time. The old version judged
 * reads by the time their answer came, one max-lag after the answer or the attempt.
 */

const LAG = 1000

describe('LinkHistory: what proves that a code is live', () => {
  it('takes the answer to the only reset as evidence by itself', () => {
    const history = new LinkHistory(new Set(['OLD']), LAG)
    history.sent(100)
    expect(history.answerSuffices).toBe(false)
    history.answered('NEW')
    expect(history.answerSuffices).toBe(true)
    expect(history.hadUnansweredAttempt).toBe(false)
  })

  it('with confirm, never lets the answer suffice, and believes it from a read sent 2 x max-lag after the reset', () => {
    const history = new LinkHistory(new Set(['OLD']), LAG, true)
    history.sent(100)
    history.answered('NEW')
    expect(history.answerSuffices).toBe(false)
    expect(history.decidingReadAt).toBe(2100)
    expect(history.judgeRead('NEW', 2099)).toBe('stale')
    expect(history.judgeRead('NEW', 2100)).toBe('live')
  })

  it('knows every code it was given as seen: the group before the run, and the other planned groups', () => {
    const history = new LinkHistory(new Set(['OLD', 'OTHER']), LAG)
    expect(history.isSeen('OLD')).toBe(true)
    expect(history.isSeen('OTHER')).toBe(true)
    expect(history.isSeen('NEW')).toBe(false)
  })

  it("never takes another planned group's code, read after an answer, for this group's link", () => {
    const history = new LinkHistory(new Set(['OLD', 'OTHER']), LAG, true)
    history.sent(0)
    history.answered('NEW')
    expect(history.judgeRead('OTHER', 1999)).toBe('stale')
    expect(history.judgeRead('OTHER', 2000 + CONTENDER_SPAN_MS - 1)).toBe('stale')
    expect(history.judgeRead('OTHER', 2000 + CONTENDER_SPAN_MS)).toBe('contradicts')
  })

  it('with confirm and no answer, believes a new code only from a read sent 2 x max-lag after the reset', () => {
    const history = new LinkHistory(new Set(['OLD']), LAG, true)
    history.sent(0)
    history.lost()
    expect(history.earlyReadsCanProve).toBe(false)
    expect(history.judgeRead('NEW', 1999)).toBe('stale')
    expect(history.judgeRead('NEW', 2000)).toBe('live')
  })

  it("with confirm, never takes a code another group's answer named while this one waited for its read", () => {
    const run = new Set(['OLD'])
    const history = new LinkHistory(run, LAG, true)
    history.sent(0)
    history.answered('NEW')
    // The rotation adds each answer to the run's codes: this group's own, then a later group's.
    run.add('NEW')
    run.add('THEIRS')
    expect(history.isSeen('THEIRS')).toBe(false)
    expect(history.judgeRead('THEIRS', 2000 + CONTENDER_SPAN_MS + 2 * LAG)).toBe('contradicts')
    expect(history.judgeRead('NEW', 2000)).toBe('live')
  })

  it('with max-lag 0, a read sent after the reset decides at once', () => {
    const history = new LinkHistory(new Set(['OLD']), 0)
    history.sent(500)
    history.lost()
    expect(history.judgeRead('OLD', 499)).toBe('stale')
    expect(history.judgeRead('OLD', 500)).toBe('unchanged')
  })

  describe('after an attempt whose answer was lost', () => {
    const lost = (): LinkHistory => {
      const history = new LinkHistory(new Set(['OLD']), LAG)
      history.sent(500)
      history.lost()
      return history
    }

    it('takes a new code at once: the attempt took effect', () => {
      const history = lost()
      expect(history.earlyReadsCanProve).toBe(true)
      expect(history.judgeRead('NEW', 501)).toBe('live')
    })

    it('reads the old code again until a read sent 2 x max-lag after the reset, and only then calls it unchanged', () => {
      const history = lost()
      expect(history.decidingReadAt).toBe(2500)
      expect(history.judgeRead('OLD', 600)).toBe('stale')
      // One max-lag is not enough: the reset may take effect until then, and a read may lag as long again.
      expect(history.judgeRead('OLD', 1500)).toBe('stale')
      expect(history.judgeRead('OLD', 2499)).toBe('stale')
      expect(history.judgeRead('OLD', 2500)).toBe('unchanged')
    })

    it('counts from the latest reset sent, not from an earlier one', () => {
      const history = lost()
      history.sent(3000)
      expect(history.judgeRead('OLD', 2500)).toBe('stale')
      expect(history.judgeRead('OLD', 5000)).toBe('unchanged')
    })

    it('no longer lets the answer of a later attempt suffice', () => {
      const history = lost()
      history.sent(3000)
      history.answered('NEW')
      expect(history.answerSuffices).toBe(false)
      expect(history.hadUnansweredAttempt).toBe(true)
      expect(history.earlyReadsCanProve).toBe(false)
    })
  })

  describe('confirming an answer after an earlier lost one', () => {
    const confirming = (): LinkHistory => {
      const history = new LinkHistory(new Set(['OLD']), LAG)
      history.sent(0)
      history.lost()
      history.sent(2000)
      history.answered('NEW')
      return history
    }

    it("believes the answer's code only from a read sent 2 x max-lag after the last reset", () => {
      const history = confirming()
      expect(history.decidingReadAt).toBe(4000)
      expect(history.judgeRead('NEW', 3999)).toBe('stale')
      expect(history.judgeRead('NEW', 4000)).toBe('live')
      expect(history.isSeen('NEW')).toBe(false)
    })

    it('calls a code seen before, from reads that decide and go on showing it, a contradiction, never a live link', () => {
      const history = confirming()
      expect(history.judgeRead('OLD', 3000)).toBe('stale')
      expect(history.judgeRead('OLD', 4000)).toBe('stale')
      expect(history.judgeRead('OLD', 4000 + CONTENDER_SPAN_MS - 1)).toBe('stale')
      expect(history.judgeRead('OLD', 4000 + CONTENDER_SPAN_MS)).toBe('contradicts')
    })

    it('takes a code the answer did not name as live only when reads still show it a while later', () => {
      const history = confirming()
      expect(history.judgeRead('LATE', 3999)).toBe('stale')
      // A deciding read shows it: it may still be a lagging read of a code the answer's reset replaced.
      expect(history.judgeRead('LATE', 4000)).toBe('stale')
      const span = Math.max(2 * LAG, CONTENDER_SPAN_MS)
      expect(history.judgeRead('LATE', 4000 + span - 1)).toBe('stale')
      expect(history.isSeen('NEW')).toBe(false)
      expect(history.judgeRead('LATE', 4000 + span)).toBe('live')
      expect(history.isSeen('NEW')).toBe(true)
      expect(history.judgeRead('NEW', 4000 + span + CONTENDER_SPAN_MS)).toBe('contradicts')
    })

    it('takes the answer when a later read shows it after a code it did not name', () => {
      const history = confirming()
      expect(history.judgeRead('EARLIER', 4000)).toBe('stale')
      expect(history.judgeRead('NEW', 4500)).toBe('live')
    })

    it('starts the span again when reads show yet another code', () => {
      const history = confirming()
      expect(history.judgeRead('LATE', 4000)).toBe('stale')
      expect(history.judgeRead('LATER', 5000)).toBe('stale')
      expect(history.judgeRead('LATER', 6999)).toBe('stale')
      expect(history.judgeRead('LATER', 7000)).toBe('live')
    })
  })
})
