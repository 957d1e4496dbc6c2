/**
 * RyzeAPI's rate limit: per token, fixed windows aligned to the clock (as a counter keyed by the
 * current minute would be), and every answer counted, faults included.
 */
export class RateLimitBuckets {
  private readonly buckets = new Map<string, { used: number; resetAt: number }>()

  constructor(
    readonly rule: { limit: number; windowMs: number },
    private readonly now: () => number
  ) {}

  /** Counts one request; true when the token's window was already used up. */
  take(token: string): boolean {
    const now = this.now()
    let bucket = this.buckets.get(token)
    if (!bucket || now >= bucket.resetAt) {
      bucket = { used: 0, resetAt: this.windowEnd(now) }
      this.buckets.set(token, bucket)
    }
    if (bucket.used >= this.rule.limit) return true
    bucket.used++
    return false
  }

  /** Spends the whole window, which ends `resetInMs` from now. */
  useUp(token: string, resetInMs: number): void {
    this.buckets.set(token, { used: this.rule.limit, resetAt: this.now() + resetInMs })
  }

  /** Starts a fresh window that ends `resetInMs` from now, not at the clock's next boundary. */
  startWindow(token: string, resetInMs: number): void {
    this.buckets.set(token, { used: 0, resetAt: this.now() + resetInMs })
  }

  headers(token: string): Record<string, string> {
    const bucket = this.buckets.get(token)
    const current = bucket !== undefined && this.now() < bucket.resetAt ? bucket : undefined
    return {
      'x-ratelimit-limit': String(this.rule.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.rule.limit - (current?.used ?? 0))),
      'x-ratelimit-reset': String(Math.ceil((current?.resetAt ?? this.windowEnd()) / 1000))
    }
  }

  private windowEnd(now = this.now()): number {
    return (Math.floor(now / this.rule.windowMs) + 1) * this.rule.windowMs
  }
}
