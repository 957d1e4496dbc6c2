import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runInProcess } from './helpers/in-process.js'
import { type ActionRun, runAction, visibleText, workflowCommands } from './helpers/run-action.js'
import { DEFAULT_TOKEN, RyzeSimulator, adminGroups, groupJids } from './simulator/ryze-simulator.js'

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

/** announce-to: each chat gets one message with every new link, sent once at most. */
describe('the bundled action announcing the new links', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>

  beforeEach(async () => {
    simulator = new RyzeSimulator({ groups: adminGroups(3) })
    await simulator.start()
    inputs = simulator.actionInputs()
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
  const errorsOf = (result: ActionRun): string[] =>
    workflowCommands(result.stdout)
      .filter(([command]) => command === 'error')
      .map(([, text]) => text)
  const [first, second, third] = groupJids(3) as [string, string, string]
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
    expect(announcementsOf(result)).toEqual(
      simulator.messages.map(({ number, messageId }) => ({ chat: number, status: 'sent', groups: [first], messageId }))
    )
    expect(result.stdout).toContain(`Sent ${SHOWN_CONTACT} the new link(s) of 1 group(s).`)
    expect(result.summary).toContain(`<li>${SHOWN_CONTACT}: sent, 1 link&#40;s&#41;</li>`)
  })

  it('sends each chat one message that lists every group, by the template', async () => {
    const result = await run({
      group: groupJids(3).join('\n'),
      'announce-to': `${PHONE}\n${CONTACT}`,
      'announce-message': '{name} ({group}): {link} [{code}]'
    })
    expect(result.exitCode).toBe(0)
    const text = [first, second, third]
      .map((jid, index) => `Group ${index + 1} (${jid}): ${linkOf(jid)} [${simulator.groups.get(jid)!.inviteCode}]`)
      .join('\n')
    expect(simulator.requestsTo('text')).toHaveLength(2)
    expect(simulator.messages.map(({ number, message }) => [number, message])).toEqual([
      [PHONE, text],
      [CONTACT_CHAT, text]
    ])
  })

  it('announces only the groups that were reset', async () => {
    simulator.groups.get(second)!.admin = false
    const result = await run({ group: `${first}\n${second}`, 'announce-to': PHONE })
    expect(result.exitCode).toBe(1)
    expect(simulator.messages.map(({ message }) => message)).toEqual([`New invite link for Group 1: ${linkOf(first)}`])
    expect(announcementsOf(result)).toEqual([expect.objectContaining({ status: 'sent', groups: [first] })])
  })

  it('sends nothing when no group was reset', async () => {
    simulator.groups.get(first)!.admin = false
    const result = await run({ 'announce-to': PHONE })
    expect(result.exitCode).toBe(1)
    expect(simulator.requestsTo('text')).toEqual([])
    expect(announcementsOf(result)).toEqual([])
  })

  it('in a dry run, sends nothing and says what it would send, to whom', async () => {
    const result = await run({ 'dry-run': 'true', 'announce-to': `${PHONE}\n${CONTACT}` })
    expect(result.exitCode).toBe(0)
    expect(simulator.requestsTo('text')).toEqual([])
    expect(simulator.resets).toEqual([])
    const text = JSON.stringify(`New invite link for Group 1: ${linkOf(first)}`)
    expect(result.stdout).toContain(`Dry run: would send ${SHOWN_PHONE}`)
    expect(result.stdout).toContain(`Dry run: would send ${SHOWN_CONTACT}`)
    expect(result.stdout).toContain(text)
    expect(announcementsOf(result)).toEqual([
      { chat: PHONE, status: 'dry-run', groups: [first] },
      { chat: CONTACT_CHAT, status: 'dry-run', groups: [first] }
    ])
  })

  it('a failed announcement keeps the outputs, names the chat, and the other chats still get theirs', async () => {
    simulator.injectFault({
      route: 'text',
      status: 400,
      body: { success: false, error: { message: 'invalid number' } }
    })
    const result = await run({ 'announce-to': `${PHONE}\n${CONTACT}` })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['invite-link']).toBe(linkOf(first))
    expect(simulator.messages.map(({ number }) => number)).toEqual([CONTACT_CHAT])
    // A 400 is final: not sent again.
    expect(simulator.requestsTo('text')).toHaveLength(2)
    expect(announcementsOf(result)).toEqual([
      {
        chat: PHONE,
        status: 'failed',
        groups: [first],
        error: expect.stringMatching(/^RyzeAPI answered HTTP 400: invalid number\..* The message was not delivered\.$/)
      },
      expect.objectContaining({ chat: CONTACT_CHAT, status: 'sent' })
    ])
    expect(errorsOf(result)).toEqual([
      expect.stringMatching(new RegExp(`^announce-to \\${SHOWN_PHONE}: RyzeAPI answered HTTP 400`))
    ])
  })

  it('does not send again a message whose answer was lost after delivery, and says it may have arrived', async () => {
    simulator.injectFault({ route: 'text', afterEffect: true, drop: true })
    const result = await run({ 'announce-to': `${PHONE}\n${CONTACT}`, retries: '3' })
    expect(result.exitCode).toBe(1)
    expect(simulator.requestsTo('text')).toHaveLength(2)
    expect(simulator.messages.map(({ number }) => number)).toEqual([PHONE, CONTACT_CHAT])
    expect(announcementsOf(result)[0]).toEqual({
      chat: PHONE,
      status: 'unknown',
      groups: [first],
      error: expect.stringContaining(
        'It may have been carried out all the same, so it is not sent again. The message may or may not have been delivered.'
      )
    })
    expect(errorsOf(result)[0]).toMatch(
      new RegExp(`^announce-to \\${SHOWN_PHONE}: .*may or may not have been delivered`)
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

  // An unknown placeholder: refusals.test.ts.
  it.each([
    [
      'a malformed chat',
      { 'announce-to': `${PHONE}\nthe admins` },
      'Input "announce-to" line 2 holds "the admins", which is not a chat'
    ],
    [
      'a template with the token',
      { 'announce-to': PHONE, 'announce-message': `{link} ${DEFAULT_TOKEN}` },
      'Input "announce-message" holds a secret'
    ]
  ])('refuses %s before any request', async (_name, overrides, message) => {
    const result = await run(overrides)
    expect(result.exitCode).toBe(1)
    expect(simulator.requests).toEqual([])
    expect(errorsOf(result)).toEqual([expect.stringContaining(message)])
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
    expect(announcementsOf(result)).toEqual([expect.objectContaining({ chat: PHONE, status: 'sent' })])

    const dryRun = await run({
      'mask-invite-link': 'true',
      'dry-run': 'true',
      'announce-to': PHONE,
      'announce-message': 'Secret door: {link}'
    })
    expect(dryRun.stdout).toContain(
      `Dry run: would send ${SHOWN_PHONE} one message with 1 link(s); its text is not shown`
    )
    expect(logOf(dryRun)).not.toContain('Secret door')
    expect(logOf(dryRun)).not.toContain(simulator.groups.get(first)!.inviteCode)
  })

  // The same rules, run in this process so that the sources' coverage counts them.
  it('in process: a sent, a refused and an unsure message, then a masked dry run', async () => {
    simulator.injectFault({
      route: 'text',
      status: 400,
      body: { success: false, error: { message: 'invalid number' } }
    })
    simulator.injectFault({ route: 'text', afterEffect: true, status: 502, body: '<html>Bad Gateway</html>' })
    const result = await runInProcess({ ...inputs, 'announce-to': `${PHONE}\n${CONTACT}\n${ADMINS_GROUP}` })
    expect(result.exitCode).toBe(1)
    expect(simulator.messages.map(({ number }) => number)).toEqual([CONTACT_CHAT, ADMINS_GROUP])
    expect(
      (JSON.parse(result.outputs.announcements ?? '[]') as Announcement[]).map(({ chat, status }) => [chat, status])
    ).toEqual([
      [PHONE, 'failed'],
      [CONTACT_CHAT, 'unknown'],
      [ADMINS_GROUP, 'sent']
    ])
    expect(result.summary).toContain(`<li>${SHOWN_CONTACT}: may or may not have been delivered:`)

    const dryRun = await runInProcess({
      ...inputs,
      'announce-to': PHONE,
      'dry-run': 'true',
      'mask-invite-link': 'true'
    })
    expect(dryRun.exitCode).toBeUndefined()
    expect(dryRun.summary).toContain(`<li>${SHOWN_PHONE}: not sent &#40;dry run&#41;, 1 link&#40;s&#41;</li>`)
    expect(simulator.messages).toHaveLength(2)
  })

  it('in process: a nameless group under a template of several lines, and nothing to announce', async () => {
    simulator.groups.get(first)!.subject = ''
    const result = await runInProcess({
      ...inputs,
      'announce-to': PHONE,
      'announce-message': 'Group {name}\nJoin: {link}'
    })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.messages.map(({ message }) => message)).toEqual([`Group ${first}\nJoin: ${linkOf(first)}`])

    simulator.groups.get(first)!.admin = false
    const none = await runInProcess({ ...inputs, 'announce-to': PHONE })
    expect(none.outputs.announcements).toBe('[]')
    expect(none.stdout).toContain('announce-to: no group has a new link, so no message is sent.')
    expect(simulator.messages).toHaveLength(1)
  })
})
