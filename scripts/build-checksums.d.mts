// The types of build-checksums.mjs, which stays JavaScript: scripts/test.mjs runs it before anything is compiled.
export function writeBuildChecksums(root?: string): void
export function buildChecksumsHold(root?: string): boolean
