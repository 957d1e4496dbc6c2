import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { type InProcessRun, runInProcess } from '../helpers/in-process.js'
import { ManualClock } from '../helpers/manual-clock.js'
import { annotationsOf, visibleText, commandTexts } from '../helpers/run-action.js'
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
 * announce-to, each variant run in process with the real toolkit against the simulator: templates,
 * only the groups reset, dry runs, failed and unsure messages, refused inputs. Backoffs pass on a
 * clock the simulator shares, without waiting. announce.e2e.test.ts runs one case of each (a sent
 * message, a lost answer, a 429, a masked link) through the bundle.
 */
describe('announcing the new links, run in process', () => {
  let simulator: RyzeSimulator
  let inputs: Record<string, string>
  let clock: ManualClock

  beforeEach(async () => {
    clock = new ManualClock()
    simulator = new RyzeSimulator({ clock, groups: adminGroups(3) })
    await simulator.start()
    inputs = simulator.actionInputs()
  })
  afterEach(() => simulator.stop())

  async function run(overrides: Record<string, string> = {}): Promise<InProcessRun> {
    const result = await runInProcess({ ...inputs, ...overrides }, {}, clock)
    const visible = visibleText(result)
    expect(visible).not.toContain(DEFAULT_TOKEN)
    return result
  }

  const linkOf = (jid: string): string => `https://chat.whatsapp.com/${simulator.groups.get(jid)!.inviteCode}`
  const announcementsOf = (result: InProcessRun): Announcement[] =>
    JSON.parse(result.outputs.announcements ?? 'null') as Announcement[]
  const errorsOf = (result: InProcessRun): string[] => commandTexts(result.stdout, 'error')
  const [first, second, third] = groupJids(3) as [string, string, string]

  it('sends each chat one message that lists every group, by the template', async () => {
    const result = await run({
      group: groupJids(3).join('\n'),
      'announce-to': `${PHONE}\n${CONTACT}`,
      'announce-message': '{name} ({group}): {link} [{code}]'
    })
    expect(result.exitCode).toBeUndefined()
    const text = [first, second, third]
      .map((jid, index) => `Group ${index + 1} (${jid}): ${linkOf(jid)} [${simulator.groups.get(jid)!.inviteCode}]`)
      .join('\n')
    expect(simulator.requestsTo('text')).toHaveLength(2)
    expect(simulator.messages.map(({ number, message }) => [number, message])).toEqual([
      [PHONE, text],
      [CONTACT_CHAT, text]
    ])
    // Each entry holds RyzeAPI's id of the message, and the log says what each chat got.
    expect(announcementsOf(result)).toEqual([
      {
        chat: SHOWN_PHONE,
        status: 'sent',
        groups: [first, second, third],
        messageId: simulator.messages[0]!.messageId
      },
      {
        chat: SHOWN_CONTACT,
        status: 'sent',
        groups: [first, second, third],
        messageId: simulator.messages[1]!.messageId
      }
    ])
    expect(result.stdout).toContain(`Sent ${SHOWN_PHONE} the new links of 3 groups.`)
    expect(result.summary).toContain(`<li>${SHOWN_CONTACT}: sent, 3 links</li>`)
  })

  it('splits a message too long for one into numbered parts, a whole group in each', async () => {
    const template = `${'Please use the new link. '.repeat(76)}{link}`
    const result = await run({ group: groupJids(3).join('\n'), 'announce-to': PHONE, 'announce-message': template })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.messages.map(({ message }) => message.split('\n').length)).toEqual([2, 1])
    expect(announcementsOf(result)).toEqual([
      expect.objectContaining({ status: 'sent', groups: [first, second], part: 1, parts: 2 }),
      expect.objectContaining({ status: 'sent', groups: [third], part: 2, parts: 2 })
    ])
    expect(result.stdout).toContain(`Sent ${SHOWN_PHONE} (part 1 of 2) the new links of 2 groups.`)
    expect(result.stdout).toContain(`Sent ${SHOWN_PHONE} (part 2 of 2) the new link of 1 group.`)
    expect(result.summary).toContain(`<li>${SHOWN_PHONE} &#40;part 2 of 2&#41;: sent, 1 link</li>`)
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
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('text')).toEqual([])
    expect(simulator.resets).toEqual([])
    const text = JSON.stringify(`New invite link for Group 1: ${linkOf(first)}`)
    expect(result.stdout).toContain(`Would send ${SHOWN_PHONE}`)
    expect(result.stdout).toContain(`Would send ${SHOWN_CONTACT}`)
    expect(result.stdout).toContain(text)
    expect(announcementsOf(result)).toEqual([
      // The outputs show the chats as the log does: a later step's env: prints them.
      { chat: SHOWN_PHONE, status: 'dry-run', groups: [first] },
      { chat: SHOWN_CONTACT, status: 'dry-run', groups: [first] }
    ])
  })

  it('a failed announcement keeps the outputs, names the chat, and the other chats still get theirs', async () => {
    simulator.injectFault({
      route: 'text',
      status: 400,
      body: { success: false, error: { message: `invalid number ${PHONE}` } }
    })
    const result = await run({ 'announce-to': `${PHONE}\n${CONTACT}` })
    // RyzeAPI's reason names the number: the outputs show it masked, as the log does.
    expect(JSON.stringify(result.outputs)).not.toContain(PHONE)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['invite-link']).toBe(linkOf(first))
    expect(simulator.messages.map(({ number }) => number)).toEqual([CONTACT_CHAT])
    // A 400 is final: not sent again.
    expect(simulator.requestsTo('text')).toHaveLength(2)
    expect(result.summary).toContain(
      `<li>${SHOWN_PHONE}: not sent: RyzeAPI answered HTTP 400: invalid number ${SHOWN_PHONE}.`
    )
    expect(announcementsOf(result)).toEqual([
      {
        chat: SHOWN_PHONE,
        status: 'failed',
        groups: [first],
        error: expect.stringMatching(
          /^RyzeAPI answered HTTP 400: invalid number \+55 •••• 0001\..* The message was not delivered\.$/
        )
      },
      expect.objectContaining({ chat: SHOWN_CONTACT, status: 'sent' })
    ])
    // One group: the announcement's failure is the step's error, titled with the chat, masked.
    expect(annotationsOf(result.stdout).filter((annotation) => annotation.level === 'error')).toEqual([
      {
        level: 'error',
        title: `announce-to ${SHOWN_PHONE} failed`,
        message: expect.stringMatching(/^RyzeAPI answered HTTP 400: invalid number \+55 •••• 0001\./)
      }
    ])
  })

  it('waits out a 429 on the clock the client was given, then sends once', async () => {
    simulator.injectFault({
      route: 'text',
      status: 429,
      body: { success: false, error: { message: 'Rate limit exceeded. Try again later.' } },
      headers: { 'retry-after': '2' }
    })
    const result = await run({ 'announce-to': PHONE })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.requestsTo('text')).toHaveLength(2)
    expect(simulator.messages).toHaveLength(1)
    // Retry-After and a small margin, waited on the clock, not in real time.
    expect(clock.sleeps).toEqual([expect.any(Number)])
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2000)
    expect(clock.sleeps[0]).toBeLessThan(3000)
    expect(annotationsOf(result.stdout)).toEqual([
      expect.objectContaining({ level: 'warning', title: `Attempt 1 of 4 failed (${SHOWN_PHONE})` })
    ])
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

  it('a sent, a refused and an unsure message, then a masked dry run', async () => {
    simulator.injectFault({
      route: 'text',
      status: 400,
      body: { success: false, error: { message: 'invalid number' } }
    })
    simulator.injectFault({ route: 'text', afterEffect: true, status: 502, body: '<html>Bad Gateway</html>' })
    const result = await run({ 'announce-to': `${PHONE}\n${CONTACT}\n${ADMINS_GROUP}` })
    expect(result.exitCode).toBe(1)
    expect(simulator.messages.map(({ number }) => number)).toEqual([CONTACT_CHAT, ADMINS_GROUP])
    expect(announcementsOf(result).map(({ chat, status }) => [chat, status])).toEqual([
      [SHOWN_PHONE, 'failed'],
      [SHOWN_CONTACT, 'unknown'],
      [ADMINS_GROUP, 'sent']
    ])
    expect(announcementsOf(result)[1]!.error).toMatch(/ The message may or may not have been delivered\.$/)
    expect(result.summary).toContain(`<li>${SHOWN_CONTACT}: may or may not have been delivered:`)

    const dryRun = await run({ 'announce-to': PHONE, 'dry-run': 'true', 'mask-invite-link': 'true' })
    expect(dryRun.exitCode).toBeUndefined()
    expect(dryRun.summary).toContain(`<li>${SHOWN_PHONE}: not sent &#40;dry run&#41;, 1 link</li>`)
    expect(dryRun.stdout).toContain(
      `Would send ${SHOWN_PHONE} one message with 1 link (dry run); its text is not shown, as mask-invite-link is true.`
    )
    expect(simulator.messages).toHaveLength(2)
  })

  it('a nameless group under a template of several lines, and nothing to announce', async () => {
    simulator.groups.get(first)!.subject = ''
    const result = await run({ 'announce-to': PHONE, 'announce-message': 'Group {name}\nJoin: {link}' })
    expect(result.exitCode).toBeUndefined()
    expect(simulator.messages.map(({ message }) => message)).toEqual([`Group ${first}\nJoin: ${linkOf(first)}`])

    simulator.groups.get(first)!.admin = false
    const none = await run({ 'announce-to': PHONE })
    expect(none.outputs.announcements).toBe('[]')
    expect(none.stdout).toContain('announce-to: no group has a new link, so no message is sent.')
    expect(none.summary).not.toContain('Announcements')
    expect(simulator.messages).toHaveLength(1)
  })

  it('sends nothing more once the job is cancelled, and says so for each chat left', async () => {
    const controller = new AbortController()
    simulator.onRequest = (request) => {
      if (request.url?.includes('/message/')) controller.abort()
    }
    const result = await runInProcess(
      { ...inputs, 'announce-to': `${PHONE}\n${CONTACT}` },
      {},
      clock,
      controller.signal
    )
    expect(result.exitCode).toBe(1)
    expect(simulator.requestsTo('text')).toHaveLength(1)
    expect(announcementsOf(result)[1]).toEqual({
      chat: SHOWN_CONTACT,
      status: 'failed',
      groups: [first],
      error: 'Not sent: the job was cancelled.'
    })
  })
})
