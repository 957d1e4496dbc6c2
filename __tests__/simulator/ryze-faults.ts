import type { ServerResponse } from 'node:http'
import type { Endpoint } from './ryze-model.js'

/** What the next request to `route` gets instead of (or before) the normal answer. */
export interface Fault {
  /** The endpoint whose next request takes the fault; requests to other endpoints pass it by. */
  route: Endpoint
  /**
   * Carry the request out first (a reset revokes the old code), then spoil the answer with the
   * fault: the case of an answer lost after RyzeAPI acted.
   */
  afterEffect?: boolean
  /** Answer with this status and body instead of handling the request. */
  status?: number
  body?: string | object
  headers?: Record<string, string>
  /** Declare this Content-Length, whatever the body's real length: a lie a gateway may tell. */
  declaredLength?: number
  /** Wait this long before answering (normally, or with the fault's status). */
  delayMs?: number
  /** Close the connection without any answer. */
  drop?: boolean
  /** Never answer; the connection stays open until the client gives up. */
  silent?: boolean
  /** Answer with a redirect to this address. */
  redirectTo?: string
  /** Send the headers and then one byte of body per this many milliseconds, without end. */
  trickleMs?: number
  /** A reset or a participants call: carry it out this long after the request came, whatever the answer (a request handled late). */
  carryOutAfterMs?: number
  /**
   * A reset: carry it out and answer its code, then this long after the request make yet another
   * code live, unasked: a server that assigned the link twice, whose answer names a dead code.
   */
  reassignAfterMs?: number
}

/** Writes the fault's own answer: a redirect or a status with its body; false when it has none. */
export function answerWithFault(
  fault: Fault,
  response: ServerResponse,
  rateLimitHeaders: Record<string, string>,
  declareLength: boolean
): boolean {
  if (fault.redirectTo) {
    response.writeHead(fault.status ?? 302, { location: fault.redirectTo, 'content-type': 'text/plain' })
    response.end('Found')
    return true
  }
  if (fault.status === undefined) return false
  const text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body ?? {})
  const length = fault.declaredLength ?? (declareLength ? Buffer.byteLength(text) : undefined)
  response.writeHead(fault.status, {
    'content-type': typeof fault.body === 'string' ? 'text/html' : 'application/json',
    ...(length === undefined ? {} : { 'content-length': String(length) }),
    ...rateLimitHeaders,
    ...fault.headers
  })
  if (fault.declaredLength !== undefined && fault.declaredLength > Buffer.byteLength(text)) {
    // Node refuses to end an answer short of its declared length: send what there is and hang up.
    response.write(text)
    response.socket?.end()
    return true
  }
  response.end(text)
  return true
}

/** Sends the headers and `{`, then a space every `intervalMs`, never ending the answer. */
export function trickle(
  response: ServerResponse,
  intervalMs: number,
  schedule: (tick: () => void, ms: number) => void
): void {
  response.writeHead(200, { 'content-type': 'application/json' })
  response.write('{')
  const tick = (): void => {
    if (response.destroyed) return
    response.write(' ')
    schedule(tick, intervalMs)
  }
  schedule(tick, intervalMs)
}
