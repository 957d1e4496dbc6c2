/*
 * What @actions/core gets for `@actions/exec` (the "overrides" entry in the root package.json).
 * Core imports it at the top only for `core.platform.getDetails()`, which this action never calls;
 * the real one (with @actions/io) would be a third of the bytes a plain run loads. These stand-ins
 * load the real @actions/exec, the project's own dependency, on first use, and ncc puts it in a
 * chunk of its own. The same pattern as ../lazy-http-client.
 */

export async function exec(...args) {
  const real = await import('@actions/exec')
  return real.exec(...args)
}

export async function getExecOutput(...args) {
  const real = await import('@actions/exec')
  return real.getExecOutput(...args)
}
