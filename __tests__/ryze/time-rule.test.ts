import { describe, expect, it } from '@jest/globals'
import { currentReadAt, decides, decidingReadAt, waitForRead } from '../../src/ryze/time-rule.js'
import { ManualClock } from '../helpers/manual-clock.js'

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

  it('waits for the deciding read until its time, not at all once that time has passed', async () => {
    const clock = new ManualClock(0)
    await waitForRead(clock, 10_000)
    expect(clock.now()).toBe(10_000)
    await waitForRead(clock, 9000)
    expect(clock.sleeps).toEqual([10_000])
  })

  it('on cancellation, waits nothing: before the wait, or during it, which then ends at once without an error', async () => {
    const clock = new ManualClock(0, { held: true })
    const cancelled = new AbortController()
    cancelled.abort()
    await waitForRead(clock, 10_000, cancelled.signal)
    expect(clock.sleeps).toEqual([])
    const cancel = new AbortController()
    const waiting = waitForRead(clock, 10_000, cancel.signal)
    expect(clock.waiting).toBe(1)
    cancel.abort()
    await expect(waiting).resolves.toBeUndefined()
    expect(clock.now()).toBe(0)
  })
})
