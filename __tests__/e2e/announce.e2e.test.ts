import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type ActionRun, runAction, visibleText } from '../helpers/run-action.js'
import { DEFAULT_TOKEN, RyzeSimulator, adminGroups, groupJids } from '../simulator/ryze-simulator.js'

interface Announcement {
  chat: string
  status: string
  groups: string[]
  messageId?: string
  error?: string
}

const PHONE = '5511999990001'
const CONTACT = '5511999990002@s.whatsapp.net'
/** A contact's JID is its number's chat: RyzeAPI is sent the number. */
const CONTACT_CHAT = '5511999990002'
const ADMINS_GROUP = '120363400000000777@g.us'
/** How the log and the summary show PHONE and CONTACT: phone numbers are personal data. */
const SHOWN_PHONE = '+55 •••• 0001'
const SHOWN_CONTACT = '+55 •••• 0002'

/**
 * announce-to: each chat gets one message with every new link, sent once at most. One case of each
 * kind (sent messages, a lost answer, a 429, a masked link) through the bundle; the variants
 * (templates, failed groups, dry runs, a refused message, refused inputs) run in process in
 * announce-run.test.ts.
 */
describe('the bundled action announcing the new links', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>

  beforeEach(async () => {
    simulator = new RyzeSimulator({ groups: adminGroups(3) })
    await simulator.start()
    inputs = { ...simulator.actionInputs(), 'max-lag': '0.3' }
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}): Promise<ActionRun> {
    const result = await runAction({ ...inputs, ...overrides })
    expect(visibleText(result)).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const linkOf = (jid: string): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const announcementsOf = (result: ActionRun): Announcement[] =>
    JSON.parse(result.outputs.announcements ?? 'null') as Announcement[]
  const [first] = groupJids(1) as [string]
  /** The log as printed, less the `::add-mask::` commands that register the link with the runner. */
  const logOf = (result: ActionRun): string =>
    `${result.stdout}\n${result.stderr}`
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')

  it('sends the new link to three chats of different kinds, once each', async () => {
    const result = await run({ 'announce-to': `+55 11 99999-0001\n${CONTACT}\n${ADMINS_GROUP}` })
    expect(result.exitCode).toBe(0)
    const text = `New invite link for Group 1: ${linkOf(first)}`
    expect(simulator.messages.map(({ number, message }) => ({ number, message }))).toEqual([
      { number: PHONE, message: text },
      { number: CONTACT_CHAT, message: text },
      { number: ADMINS_GROUP, message: text }
    ])
    // The outputs show the chats' numbers as the log does: a later step's env: prints them.
    const shown: Record<string, string> = { [PHONE]: SHOWN_PHONE, [CONTACT_CHAT]: SHOWN_CONTACT }
    expect(announcementsOf(result)).toEqual(
      simulator.messages.map(({ number, messageId }) => ({
        chat: shown[number] ?? number,
        status: 'sent',
        groups: [first],
        messageId
      }))
    )
    expect(result.stdout).toContain(`Sent ${SHOWN_CONTACT} the new link of 1 group.`)
    expect(result.summary).toContain(`<li>${SHOWN_CONTACT}: sent, 1 link</li>`)
  })

  it('does not send again a message whose answer was lost after delivery, and says it may have arrived', async () => {
    simulator.injectFault({ route: 'text', afterEffect: true, drop: true })
    const result = await run({ 'announce-to': `${PHONE}\n${CONTACT}`, retries: '3' })
    expect(result.exitCode).toBe(1)
    expect(simulator.requestsTo('text')).toHaveLength(2)
    expect(simulator.messages.map(({ number }) => number)).toEqual([PHONE, CONTACT_CHAT])
    expect(announcementsOf(result)[0]).toEqual({
      chat: SHOWN_PHONE,
      status: 'unknown',
      groups: [first],
      error: expect.stringContaining(
        'It may have been carried out all the same, so it is not sent again. The message may or may not have been delivered.'
      )
    })
    // The step's error is titled with the chat, masked.
    expect(result.stdout).toMatch(
      new RegExp(`^::error title=announce-to \\${SHOWN_PHONE} failed::.*may or may not have been delivered`, 'm')
    )
    expect(result.summary).toContain(`${SHOWN_PHONE}: may or may not have been delivered`)
    expect(result.outputs['invite-link']).toBe(linkOf(first))
  })

  it('waits out a 429 and sends once: a refused request cannot have been delivered', async () => {
    simulator.injectFault({
      route: 'text',
      status: 429,
      body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } },
      headers: { 'retry-after': '1' }
    })
    const result = await run({ 'announce-to': PHONE })
    expect(result.exitCode).toBe(0)
    expect(simulator.requestsTo('text').map((request) => request.status)).toEqual([429, 200])
    expect(simulator.messages).toHaveLength(1)
  })

  it('with mask-invite-link, sends the message but never logs its text', async () => {
    const result = await run({
      'mask-invite-link': 'true',
      'announce-to': PHONE,
      'announce-message': 'Secret door: {link}'
    })
    expect(result.exitCode).toBe(0)
    expect(simulator.messages.map(({ message }) => message)).toEqual([`Secret door: ${linkOf(first)}`])
    // Raw stdout: the runner's masking must not be the only guard.
    expect(logOf(result)).not.toContain(simulator.groups.get(first)!.inviteCode)
    expect(logOf(result)).not.toContain('Secret door')
    expect(announcementsOf(result)).toEqual([expect.objectContaining({ chat: SHOWN_PHONE, status: 'sent' })])

    const dryRun = await run({
      'mask-invite-link': 'true',
      'dry-run': 'true',
      'announce-to': PHONE,
      'announce-message': 'Secret door: {link}'
    })
    expect(dryRun.stdout).toContain(
      `Would send ${SHOWN_PHONE} one message with 1 link (dry run); its text is not shown`
    )
    expect(logOf(dryRun)).not.toContain('Secret door')
    expect(logOf(dryRun)).not.toContain(simulator.groups.get(first)!.inviteCode)
  })
})
