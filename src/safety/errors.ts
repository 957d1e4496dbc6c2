/** A bad input: names the input and what was expected. Raised before any request is made. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    problem: string,
    /** The line of a multi-line input that is wrong, counting from 1. */
    line?: number
  ) {
    super(`Input "${input}"${line === undefined ? '' : ` line ${line}`} ${problem}`)
    this.name = 'InputError'
  }
}

/**
 * Why a request to RyzeAPI failed. The retry policy decides on `kind` and `status`; the user reads
 * `message`, which already holds the API's own words (sanitised) and a hint where one helps.
 */
export type FailureKind =
  | 'status' // RyzeAPI answered with an error status or a failure envelope
  | 'network' // the connection failed or was dropped
  | 'tls' // the server's certificate was not trusted, or the address does not speak TLS
  | 'proxy' // the proxy refused its credentials (407), or its URL is not valid: never retried
  | 'timeout' // no complete answer within the time-out
  | 'redirect' // an unexpected 3xx, never followed
  | 'bad-answer' // an answer that is not what RyzeAPI sends (HTML, broken JSON, missing fields)
  | 'too-large' // an answer over the size limit
  | 'cancelled' // the job was cancelled

export interface RequestErrorDetails {
  status?: number
  apiMessage?: string
  retryAt?: Date
  /**
   * Whether the whole request may have reached the server, so that it may have acted on it. False
   * only when the transport knows it did not (a refused connection, DNS, TLS, a proxy refusal, a
   * time-out before the request was written); unknown counts as sent.
   */
  requestSent?: boolean
  cause?: unknown
}

export class RequestError extends Error {
  readonly kind: FailureKind
  readonly status?: number
  /** The API's own message from the error envelope, already sanitised. */
  readonly apiMessage?: string
  /** When the server said to try again (Retry-After, or the end of RyzeAPI's rate-limit window). */
  readonly retryAt?: Date
  /** See RequestErrorDetails.requestSent; true unless the transport knows better. */
  readonly requestSent: boolean

  constructor(kind: FailureKind, message: string, details: RequestErrorDetails = {}) {
    super(message, { cause: details.cause })
    this.name = 'RequestError'
    this.kind = kind
    this.status = details.status
    this.apiMessage = details.apiMessage
    this.retryAt = details.retryAt
    this.requestSent = details.requestSent ?? true
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The same failure, told in other words (its kind, status and the rest kept, for the retry decision). */
export function reworded(error: RequestError, message: string): RequestError {
  return new RequestError(error.kind, message, {
    status: error.status,
    apiMessage: error.apiMessage,
    retryAt: error.retryAt,
    requestSent: error.requestSent,
    cause: error
  })
}

/** The same failure, with a sentence added that says what is now known of it. */
export function withNote(error: unknown, note: string): unknown {
  return error instanceof RequestError ? reworded(error, joinSentences(error.message, note)) : error
}

/** Texts joined as sentences: each one that does not end a sentence is given a period, so none run together. */
export function joinSentences(...texts: string[]): string {
  return texts
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => (/[.!?][)"'\]]*$/.test(text) ? text : `${text}.`))
    .join(' ')
}

/**
 * A reset whose answer was lost, and whose effect could not be read back: the group may have a new
 * link that nobody knows. The message says so, and what to do.
 */
export class UnknownOutcomeError extends Error {
  constructor(lost: unknown, readBack: unknown) {
    super(
      `The reset may have taken effect, and the group's live link is unknown: the answer was lost ` +
        `(${messageOf(lost)}) and reading the link back failed too (${messageOf(readBack)}). ` +
        "Check the group's invite link in WhatsApp, or run again: a new reset makes a link that is known.",
      { cause: lost }
    )
    this.name = 'UnknownOutcomeError'
  }
}

/** What a wait is for: backoff after a failure, RyzeAPI's rate-limit window, or a 503's Retry-After. */
export type WaitReason = 'backoff' | 'rate-limit' | 'retry-after'

/** A failed attempt that will be tried again (here, below retry.ts, so that the safety modules need not import it). */
export interface RetryNotice {
  /** What is being tried, when it is not the main request (such as reading a link back). */
  what?: string
  attempt: number
  maxAttempts: number
  error: RequestError
  delayMs: number
  waitingFor: WaitReason
}
