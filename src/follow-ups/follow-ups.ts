import * as core from '@actions/core'
import { messageOf } from '../safety/errors.js'
import type { Failure } from '../report/failure-report.js'
import { relative } from 'node:path'
import type { AnnounceOptions, AnnounceReport } from './announce.js'
import type { FileUpdateReport } from './file-updates.js'
import { inviteCodeFromLink } from '../ryze/identifier.js'
import { isInside, portablePath } from '../workspace/paths.js'
import type { QrCodeReport } from './qr-code.js'
import { type GroupResult, type LinkedGroup, hasLink } from '../report/outcome.js'
import { publishAnnouncements, publishFileLists } from '../report/outputs.js'
import type { RyzeClient } from '../ryze/ryze-client.js'
import type { Settings } from '../inputs/settings.js'

/*
 * What follows the rotation: updating files, writing QR codes, storing a repository variable and
 * announcing the new links. This module is loaded only when one of them is asked for, and the
 * module behind each, with the library it uses, only when its own input is set: most runs need
 * none of them, and ncc puts each in a chunk of its own.
 */

/** What the follow-ups could not do, and what they leave for the step summary. */
export interface FollowUpReport {
  problems: Failure[]
  /** The files updated for each group, in the order of the results; set when update-files ran. */
  filesByGroup?: string[][]
  announcements?: AnnounceReport['summary']
}

/** Runs each follow-up that is asked for, in turn; a failure is noted, and the steps after it still run. */
export async function runFollowUps(
  settings: Settings,
  results: GroupResult[],
  client: RyzeClient,
  options: Omit<AnnounceOptions, 'dryRun' | 'masked' | 'policy'>
): Promise<FollowUpReport> {
  const problems: Failure[] = []
  const files = await attempt(problems, 'update-files', settings.updateFiles.length > 0, () =>
    updateLinkedFiles(settings, results)
  )
  const qrCodes = await attempt(problems, 'qr-code', settings.qrCode !== undefined, () =>
    writeGroupQrCodes(settings, results)
  )
  publishFileLists(
    settings.updateFiles.length > 0 ? (files?.updatedFiles ?? []) : undefined,
    settings.qrCode === undefined ? undefined : (qrCodes?.written ?? [])
  )
  problems.push(...fileFailures(files, qrCodes))
  await attempt(problems, 'variable', settings.variable !== undefined, () => storeVariable(settings, results))
  const announced = await attempt(problems, 'announce-to', settings.announce !== undefined, () =>
    announce(settings, results, client, options)
  )
  publishAnnouncements(announced?.announcements)
  problems.push(...(announced?.problems ?? []))
  return {
    problems,
    filesByGroup:
      settings.updateFiles.length > 0 && !settings.dryRun ? results.map((result) => filesOf(result, files)) : undefined,
    announcements: announced?.summary
  }
}

/** Runs one follow-up step when its input is set; a failure is noted, and the steps after it still run. */
async function attempt<T>(
  problems: Failure[],
  input: string,
  inUse: boolean,
  step: () => Promise<T>
): Promise<T | undefined> {
  if (!inUse) return undefined
  const started = Date.now()
  const took = (): string => `${Date.now() - started} ms`
  try {
    const result = await step()
    core.debug(`Follow-up ${input}: done in ${took()}.`)
    return result
  } catch (error) {
    core.debug(`Follow-up ${input}: failed after ${took()}.`)
    problems.push({ title: input, message: messageOf(error) })
    return undefined
  }
}

async function updateLinkedFiles(settings: Settings, results: GroupResult[]): Promise<FileUpdateReport | undefined> {
  if (settings.updateFiles.length === 0) return undefined
  if (settings.dryRun) {
    core.info('Dry run: no file is updated.')
    return undefined
  }
  const changes = results.flatMap((result) => {
    const oldCode = previousCodeOf(result)
    return oldCode && hasLink(result) ? [{ oldCode, newLink: result.inviteLink }] : []
  })
  const { updateFiles } = await import('./file-updates.js')
  const report = await updateFiles(settings.updateFiles, settings.workspace, changes)
  for (const { file, reason } of report.skipped) {
    core.warning(`Skipped ${file}: ${reason}.`, { title: `update-files skipped ${file}` })
  }
  for (const { file, reason } of report.failed) {
    core.warning(`Could not update ${file}: ${reason}.`, { title: `update-files could not update ${file}` })
  }
  core.info(
    report.updatedFiles.length === 0
      ? 'No file matched by update-files held a replaced link.'
      : `Updated ${countOf(report.updatedFiles, 'file')}: ${report.updatedFiles.join(', ')}`
  )
  return report
}

/** Writes the QR codes; the paths in the report are shown with `/`, relative to the workspace when inside it. */
async function writeGroupQrCodes(settings: Settings, results: GroupResult[]): Promise<QrCodeReport | undefined> {
  const qrCode = settings.qrCode
  if (qrCode === undefined) return undefined
  const { qrCodePath, writeQrCodes } = await import('./qr-code.js')
  const targets = results.filter(hasLink).map((result) => ({
    path: qrCodePath(qrCode.template, result.groupJid, result.inviteCode),
    inviteLink: result.inviteLink
  }))
  const report = await writeQrCodes(targets, qrCode.roots)
  const shown = {
    written: report.written.map((path) => relativeToWorkspace(path, settings.workspace)),
    failed: report.failed.map(({ path, reason }) => ({ path: relativeToWorkspace(path, settings.workspace), reason }))
  }
  if (shown.written.length > 0) core.info(`Wrote ${countOf(shown.written, 'QR code')}: ${shown.written.join(', ')}`)
  return shown
}

/** What the file follow-ups could not do, once every file has been tried: one failure each. */
function fileFailures(files: FileUpdateReport | undefined, qrCodes: QrCodeReport | undefined): Failure[] {
  const problems = (qrCodes?.failed ?? []).map(({ path, reason }) => ({
    title: 'qr-code',
    message: `Could not write the QR code ${path}: ${reason}.`
  }))
  const failed = files?.failed.map(({ file }) => file) ?? []
  if (failed.length > 0) {
    problems.unshift({
      title: 'update-files',
      message: `update-files could not update ${countOf(failed, 'file')}: ${failed.join(', ')} (see the warnings).`
    })
  }
  return problems
}

async function storeVariable(settings: Settings, results: GroupResult[]): Promise<void> {
  const variable = settings.variable
  if (variable === undefined) return
  if (settings.dryRun) {
    core.info(`Dry run: the repository variable ${variable.name} is left as it is.`)
    return
  }
  const reset = results.filter((result): result is LinkedGroup => result.status === 'reset')
  const [only] = reset
  if (only === undefined) return
  const { storeRepositoryVariable } = await import('./repository-variable.js')
  if (variable.name.includes('{group}')) {
    const { storeGroupVariables } = await import('./group-variables.js')
    return storeGroupVariables(variable, reset, storeRepositoryVariable)
  }
  const value =
    results.length === 1
      ? only.inviteLink
      : Object.fromEntries(reset.map((result) => [result.groupJid || result.group, result.inviteLink]))
  const how = await storeRepositoryVariable(variable, value)
  core.info(`${how === 'created' ? 'Created' : 'Updated'} the repository variable ${variable.name}.`)
}

/** Sends the new links to the chats of announce-to, when it is set. */
async function announce(
  settings: Settings,
  results: GroupResult[],
  client: RyzeClient,
  options: Omit<AnnounceOptions, 'dryRun' | 'masked' | 'policy'>
): Promise<AnnounceReport | undefined> {
  if (settings.announce === undefined) return undefined
  const { announceLinks } = await import('./announce.js')
  return announceLinks(settings.announce, results, client, {
    ...options,
    dryRun: settings.dryRun,
    masked: settings.maskInviteLink,
    policy: settings
  })
}

function filesOf(result: GroupResult, report: FileUpdateReport | undefined): string[] {
  const oldCode = previousCodeOf(result)
  return (oldCode && report?.filesByOldCode.get(oldCode)) || []
}

function previousCodeOf(result: GroupResult): string | undefined {
  return result.status === 'reset' && result.previousInviteLink
    ? inviteCodeFromLink(result.previousInviteLink)
    : undefined
}

/** A path inside the workspace as users write it; one outside in full. Both with `/`. */
function relativeToWorkspace(path: string, workspace: string): string {
  return portablePath(isInside(workspace, path) ? relative(workspace, path) : path)
}

/** "1 file", "2 files": a count in words, without "(s)". */
function countOf(items: unknown[], noun: string): string {
  return `${items.length} ${noun}${items.length === 1 ? '' : 's'}`
}
