/*
 * What @actions/core gets for `@actions/http-client` (the "overrides" entry in the root package.json).
 * Core imports the HTTP client at the top only for getIDToken(); the real one imports undici, which
 * would be most of the bytes this action loads. This stand-in loads the real @actions/http-client
 * (the project's own dependency, found from this folder) the first time core makes a request, and
 * ncc puts it in a chunk of its own.
 */

import { HANDLERS } from './auth.js'

/** Each stand-in's constructor arguments, then the real client made from them. */
const state = new WeakMap()

async function realClient(standIn) {
  const entry = state.get(standIn)
  if (entry.client === undefined) {
    const [{ HttpClient: Real }, auth] = await Promise.all([
      import('@actions/http-client'),
      import('@actions/http-client/lib/auth')
    ])
    const [userAgent, handlers, ...rest] = entry.args
    const real = handlers?.map((handler) => {
      const made = HANDLERS.get(handler)
      return made === undefined ? handler : new auth[made.name](...made.args)
    })
    entry.client = new Real(userAgent, real, ...rest)
  }
  return entry.client
}

export class HttpClient {
  constructor(...args) {
    state.set(this, { args, client: undefined })
  }

  dispose() {
    state.get(this).client?.dispose()
  }
}

/** Every request method of the real client: each loads it, then calls it. */
export const REQUEST_METHODS = [
  'options',
  'get',
  'del',
  'post',
  'patch',
  'put',
  'head',
  'sendStream',
  'getJson',
  'postJson',
  'putJson',
  'patchJson',
  'request',
  'requestRaw'
]
for (const method of REQUEST_METHODS) {
  HttpClient.prototype[method] = async function (...args) {
    const client = await realClient(this)
    return client[method](...args)
  }
}
