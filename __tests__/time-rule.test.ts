import { describe, expect, it } from '@jest/globals'
import { currentReadAt, decides, decidingReadAt } from '../src/time-rule.js'

const LAG = 5000

describe('the time rule', () => {
  it('lets a read decide a write only two lags after the write left: one for late execution, one for a lagging read', () => {
    expect(decidingReadAt(1000, LAG)).toBe(11_000)
    expect(decides({ sentAt: 10_999 }, 1000, LAG)).toBe(false)
    expect(decides({ sentAt: 11_000 }, 1000, LAG)).toBe(true)
  })

  it('with max-lag 0, lets any read sent after the write decide at once, and none sent before it', () => {
    expect(decides({ sentAt: 1000 }, 1000, 0)).toBe(true)
    expect(decides({ sentAt: 999 }, 1000, 0)).toBe(false)
  })

  it('takes a read as current one lag after the run first read the server', () => {
    expect(currentReadAt(2000, LAG)).toBe(7000)
    expect(currentReadAt(2000, 0)).toBe(2000)
  })
})
