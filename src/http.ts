import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { HttpClient } from '@actions/http-client'
import type { RequestHandler } from '@actions/http-client/lib/interfaces'
import { RequestError } from './errors.js'

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: URL
  headers: Record<string, string>
  body?: string
  /** The whole exchange, from connecting to the last byte of the answer. */
  timeoutMs: number
  /** Aborts the request when the job is cancelled. */
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** No RyzeAPI answer comes near this; a larger one is a misbehaving server or gateway. */
export const MAX_BODY_BYTES = 1024 * 1024

const USER_AGENT = 'ryze-reset-invite-link-action'

/**
 * Sends one request and reads the whole answer within the time-out. Redirects are never followed:
 * @actions/http-client would carry a custom `token` header to whatever host a redirect names.
 */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const deadline = AbortSignal.timeout(request.timeoutMs)
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline
  const client = new HttpClient(USER_AGENT, [abortOn(signal)], {
    allowRedirects: false,
    allowRetries: false,
    socketTimeout: request.timeoutMs
  })

  try {
    signal.throwIfAborted()
    const response = await client.request(request.method, request.url.href, request.body ?? null, request.headers)
    const body = await readBody(response.message, signal)
    return { status: response.message.statusCode ?? 0, headers: response.message.headers, body }
  } catch (error) {
    if (request.signal?.aborted) {
      throw new RequestError('cancelled', 'Cancelled during the request to RyzeAPI.', { cause: error })
    }
    if (deadline.aborted) {
      throw new RequestError(
        'timeout',
        `RyzeAPI at ${request.url.origin} timed out: no complete answer within ${request.timeoutMs / 1000} s.`,
        { cause: error }
      )
    }
    if (error instanceof RequestError) throw error
    if (isCertificateError(error)) {
      throw new RequestError(
        'tls',
        `Could not reach RyzeAPI at ${request.url.origin}: its TLS certificate is not trusted ` +
          `(${describeNetworkError(error)}). Check base-url; for a private CA, set NODE_EXTRA_CA_CERTS.`,
        { cause: error, requestSent: false }
      )
    }
    throw new RequestError(
      'network',
      `Could not reach RyzeAPI at ${request.url.origin}: ${describeNetworkError(error)}`,
      { cause: error, requestSent: !NEVER_CONNECTED.has((error as NodeJS.ErrnoException | null)?.code ?? '') }
    )
  } finally {
    client.dispose()
  }
}

/** Hands the signal to Node's http.request, which then destroys the socket when it fires. */
function abortOn(signal: AbortSignal): RequestHandler {
  return {
    prepareRequest: (options) => {
      options.signal = signal
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not supported'))
  }
}

function readBody(message: IncomingMessage, signal: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const tooLarge = (): void => {
      message.destroy()
      reject(new RequestError('too-large', `The answer is larger than ${MAX_BODY_BYTES / 1024} KiB; refused.`))
    }
    if (Number(message.headers['content-length']) > MAX_BODY_BYTES) return tooLarge()

    const chunks: Buffer[] = []
    let size = 0
    const onAbort = (): void => {
      message.destroy()
      reject(signal.reason as Error)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) return tooLarge()
      chunks.push(chunk)
    })
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    message.on('error', reject)
    message.on('close', () => {
      signal.removeEventListener('abort', onAbort)
      if (!message.complete) reject(new Error('the connection closed before the answer was complete'))
    })
  })
}

/** Errors that come before a connection exists: the request cannot have reached the server. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

/** A certificate problem does not pass by itself: retrying it only delays the error. */
function isCertificateError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? ''
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(code)
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code
  return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message
}
