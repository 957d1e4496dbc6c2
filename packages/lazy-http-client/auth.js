/*
 * The credential handlers, as stand-ins: the real ones share a module with helpers that a plain run
 * never uses (about 1.5 KB of dist/index.js). Each stand-in only remembers its arguments; the
 * stand-in client (index.js) makes the real handler from them when it loads the real client.
 */

/** Each stand-in handler's class name and constructor arguments. */
export const HANDLERS = new WeakMap()

function standIn(name) {
  return class {
    constructor(...args) {
      HANDLERS.set(this, { name, args })
    }
  }
}

export const BasicCredentialHandler = standIn('BasicCredentialHandler')
export const BearerCredentialHandler = standIn('BearerCredentialHandler')
export const PersonalAccessTokenCredentialHandler = standIn('PersonalAccessTokenCredentialHandler')
