// The types of check-platform-deps.mjs, which stays JavaScript: .ci/run runs it before anything is compiled.
export const HARMLESS_INSTALL_SCRIPTS: Record<string, string>
export function platformProblems(lock: { packages?: Record<string, Record<string, unknown>> }): string[]
