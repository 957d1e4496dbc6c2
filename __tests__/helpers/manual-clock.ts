import type { Clock } from '../../src/ryze/clock.js'

interface PendingSleep {
  until: number
  resolve: () => void
}

/**
 * A clock that tests drive. By default a sleep moves time forward at once and is recorded; with
 * `{ held: true }` it waits until `advance` reaches its end or its signal is aborted.
 */
export class ManualClock implements Clock {
  /** Every sleep asked for, in milliseconds, in order. */
  readonly sleeps: number[] = []
  private time: number
  private readonly pending: PendingSleep[] = []
  private readonly deadlines: Array<{ at: number; controller: AbortController }> = []

  constructor(
    start = Date.parse('2026-11-26T03:00:00Z'),
    private readonly options: { held?: boolean } = {}
  ) {
    this.time = start
  }

  now = (): number => this.time

  /** How many sleeps are waiting for `advance`. */
  get waiting(): number {
    return this.pending.length
  }

  sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted()
    this.sleeps.push(ms)
    if (!this.options.held) {
      this.advance(ms)
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const entry: PendingSleep = { until: this.time + ms, resolve }
      this.pending.push(entry)
      signal?.addEventListener(
        'abort',
        () => {
          this.pending.splice(this.pending.indexOf(entry), 1)
          reject(signal.reason as Error)
        },
        { once: true }
      )
    })
  }

  deadline = (ms: number): AbortSignal => {
    const controller = new AbortController()
    this.deadlines.push({ at: this.time + ms, controller })
    return controller.signal
  }

  /**
   * Moves time forward, ending the sleeps and deadlines it passes in the order they fall due, each
   * at its own moment: what a deadline's listener does happens at that deadline's time.
   */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const due = [...this.pending.map((entry) => entry.until), ...this.deadlines.map((entry) => entry.at)]
      const next = Math.min(...due.filter((at) => at <= end))
      if (next === Infinity) break
      this.time = next
      for (const entry of this.pending.filter(({ until }) => until <= next)) {
        this.pending.splice(this.pending.indexOf(entry), 1)
        entry.resolve()
      }
      for (const entry of this.deadlines.filter(({ at }) => at <= next)) {
        this.deadlines.splice(this.deadlines.indexOf(entry), 1)
        entry.controller.abort(new DOMException('The deadline passed.', 'TimeoutError'))
      }
    }
    this.time = end
  }
}

/** Lets every promise that is ready run, without letting real time pass. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve()
}
