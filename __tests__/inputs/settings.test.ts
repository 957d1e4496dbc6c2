import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseBoolean } from '../../src/inputs/input-reading.js'
import { isLoopbackHost, readSettings } from '../../src/inputs/settings.js'
import { parseQrCodePath } from '../../src/inputs/qr-code-input.js'
import { withLf } from '../helpers/line-endings.js'
import { ESCAPED_DOTS, itWithSymlinks } from '../helpers/platforms.js'

const VALID: Record<string, string> = {
  instance: 'support',
  token: 'tok-123',
  group: '120363406289005073@g.us',
  'base-url': 'https://ryzeapi.cloud',
  timeout: '30',
  retries: '3',
  'max-wait': '120',
  'mask-invite-link': 'false'
}

const ENV = { GITHUB_WORKSPACE: '/work/space', GITHUB_REPOSITORY: 'octo/site' }

function settingsWith(
  overrides: Record<string, string>,
  env: NodeJS.ProcessEnv = ENV
): ReturnType<typeof readSettings> {
  const inputs = { ...VALID, ...overrides }
  return readSettings((name) => inputs[name] ?? '', env)
}

/** The message of the InputError that these inputs are refused with. */
async function errorOf(overrides: Record<string, string>, env?: NodeJS.ProcessEnv): Promise<string> {
  try {
    await settingsWith(overrides, env)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected an InputError')
}

// readSettings registers the token with the runner (`::add-mask::` on stdout); keep that out of the report.
beforeAll(() => {
  jest.spyOn(process.stdout, 'write').mockReturnValue(true)
})
afterAll(() => {
  jest.restoreAllMocks()
})

describe('readSettings', () => {
  it('reads every input into typed settings', async () => {
    expect(await settingsWith({ timeout: '2.5', 'mask-invite-link': 'true', retries: '0', 'max-wait': '0.5' })).toEqual(
      {
        instance: 'support',
        token: 'tok-123',
        groups: [{ input: '120363406289005073@g.us', identifier: { kind: 'jid', jid: '120363406289005073@g.us' } }],
        baseUrl: new URL('https://ryzeapi.cloud'),
        timeoutMs: 2500,
        maskInviteLink: true,
        retries: 0,
        maxLagMs: 5000,
        maxWaitMs: 500,
        confirm: false,
        failFast: false,
        dryRun: false,
        updateFiles: [],
        qrCode: undefined,
        summary: true,
        variable: undefined,
        workspace: resolve('/work/space')
      }
    )
  })

  it('falls back to the documented defaults when optional inputs are empty', async () => {
    const settings = await settingsWith({
      'base-url': '',
      timeout: '',
      'mask-invite-link': '',
      retries: '',
      'max-wait': ''
    })
    expect(settings.baseUrl.href).toBe('https://ryzeapi.cloud/')
    expect(settings.timeoutMs).toBe(30_000)
    expect(settings.maskInviteLink).toBe(false)
    expect(settings.retries).toBe(3)
    expect(settings.maxWaitMs).toBe(120_000)
  })

  it.each([
    [{ instance: '' }, 'Input "instance" is empty'],
    [
      { instance: 'sup\nport' },
      'Input "instance" holds a line break or another control character (U+000A, a line feed) at position 4'
    ],
    [{ instance: '..' }, 'Input "instance" is ".."'],
    [{ instance: '.' }, 'Input "instance" is "."'],
    [{ token: '' }, 'Input "token" is empty'],
    [{ group: '' }, 'Input "group" is empty'],
    [{ group: '5511999999999@s.whatsapp.net' }, 'a contact, not a group'],
    [{ 'base-url': 'ryzeapi.cloud' }, 'Input "base-url" holds "ryzeapi.cloud", which is not an absolute URL'],
    [{ 'base-url': 'http://ryzeapi.cloud' }, 'Input "base-url" uses plain http for ryzeapi.cloud'],
    [{ 'base-url': 'http://10.0.0.5:8080' }, 'uses plain http for 10.0.0.5'],
    [{ 'base-url': 'ftp://ryzeapi.cloud' }, 'Input "base-url" uses ftp'],
    [{ 'base-url': 'https://user:pw@ryzeapi.cloud' }, 'Input "base-url" holds a user name or password'],
    [{ 'base-url': 'https://ryzeapi.cloud/?x=1' }, 'Input "base-url" holds a query string'],
    [{ timeout: '0' }, 'Input "timeout" holds "0"; expected a number of seconds above 0'],
    [{ timeout: '-5' }, 'Input "timeout" holds "-5"'],
    [{ timeout: 'ten' }, 'Input "timeout" holds "ten"'],
    [{ timeout: '3601' }, 'at most 3600'],
    [{ retries: '-1' }, 'Input "retries" holds "-1"; expected a whole number from 0 to 10'],
    [{ retries: '1.5' }, 'Input "retries" holds "1.5"'],
    [{ retries: '11' }, 'Input "retries" holds "11"'],
    [
      { 'max-wait': 'forever' },
      'Input "max-wait" holds "forever"; expected a number of seconds from 0 and at most 3600'
    ],
    [{ 'max-wait': '3601' }, 'Input "max-wait" holds "3601"'],
    [{ 'mask-invite-link': 'yes' }, 'Input "mask-invite-link" holds "yes"; expected true or false']
  ])('refuses %j with a message naming the input', async (overrides, message) => {
    await expect(settingsWith(overrides)).rejects.toThrow(message)
  })

  it.each([
    ['holds a line break', 'q7Zr\nx9Wp'],
    ['holds a line break', 'q7Zr\rx9Wp'],
    ['holds a space', 'Bearer q7Zrx9Wp'],
    ['holds characters outside printable ASCII', 'q7Zr\u00e9x9Wp']
  ])('refuses a token that %s without echoing it', async (problem, token) => {
    const message = await errorOf({ token })
    expect(message).toContain(`Input "token" ${problem}`)
    expect(message).not.toMatch(/q7Zr|x9Wp/)
  })

  it('accepts plain http only for loopback hosts', async () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:8080/ryze', 'http://[::1]:9000']) {
      expect((await settingsWith({ 'base-url': url })).baseUrl.href).toBe(new URL(url).href)
    }
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false)
    expect(isLoopbackHost('localhost.example.com')).toBe(false)
  })
})

describe('readSettings: lists and follow-ups', () => {
  it('reads one group per line, skipping blanks and comments and dropping repeats', async () => {
    const group = [
      '# the community',
      '120363406289005073@g.us',
      '',
      'https://chat.whatsapp.com/AbC123#join   # the fragment stays, the comment goes',
      '  AbC123  ',
      '120363406289005073@g.us # again'
    ].join('\n')
    expect((await settingsWith({ group })).groups).toEqual([
      { input: '120363406289005073@g.us', identifier: { kind: 'jid', jid: '120363406289005073@g.us' } },
      { input: 'https://chat.whatsapp.com/AbC123#join', identifier: { kind: 'code', code: 'AbC123' } }
    ])
  })

  it('names the line of a bad group', async () => {
    await expect(settingsWith({ group: '120363406289005073@g.us\n# note\nnot a group' })).rejects.toThrow(
      'Input "group" line 3 holds "not a group", which is neither'
    )
    await expect(settingsWith({ group: '# only a comment' })).rejects.toThrow('Input "group" is empty')
  })

  it('reads the follow-up inputs', async () => {
    const settings = await settingsWith({
      group: '120363406289005073@g.us\n120363406289000001@g.us',
      'fail-fast': 'true',
      'dry-run': 'true',
      summary: 'false',
      'update-files': 'docs/**/*.md\n# comment\n!docs/drafts/**',
      'qr-code': 'qr/{group}.png',
      variable: 'WHATSAPP_LINKS',
      'github-token': 'ghp_abc'
    })
    expect(settings).toMatchObject({
      failFast: true,
      dryRun: true,
      summary: false,
      updateFiles: ['docs/**/*.md', '!docs/drafts/**'],
      qrCode: { template: resolve('/work/space/qr/{group}.png'), roots: [resolve('/work/space')] },
      variable: { name: 'WHATSAPP_LINKS', githubToken: 'ghp_abc', owner: 'octo', repo: 'site' }
    })
  })

  it('takes a variable name with {group}, for a variable per group', async () => {
    expect((await settingsWith({ variable: 'WHATSAPP_LINK_{group}', 'github-token': 'ghp_abc' })).variable?.name).toBe(
      'WHATSAPP_LINK_{group}'
    )
  })

  it('takes the workspace from GITHUB_WORKSPACE, or the working directory', async () => {
    expect((await settingsWith({ 'qr-code': '/work/space/site/qr.svg' })).qrCode?.template).toBe(
      resolve('/work/space/site/qr.svg')
    )
    expect((await settingsWith({}, {})).workspace).toBe(process.cwd())
  })

  it.each([
    [
      { 'update-files': '../site/*.html' },
      'Input "update-files" holds "../site/*.html", which reaches outside the workspace'
    ],
    [{ 'update-files': 'docs/*.md\ndocs/../../x' }, 'Input "update-files" line 2 holds "docs/../../x"'],
    [{ 'update-files': '/etc/hosts' }, 'Input "update-files" holds "/etc/hosts", an absolute path'],
    [{ 'update-files': 'C:/site/*.html' }, 'an absolute path'],
    [{ 'update-files': '~/notes.md' }, 'an absolute path'],
    [{ 'update-files': '!../x' }, 'reaches outside the workspace'],
    [{ 'qr-code': 'qr.jpg' }, 'Input "qr-code" holds "qr.jpg"; expected a file path ending in .png or .svg'],
    [{ group: 'AbC123\nDeF456', 'qr-code': 'qr.png' }, 'Input "qr-code" holds "qr.png" without {group}'],
    [{ variable: '1LINK', 'github-token': 'x' }, 'Input "variable" holds "1LINK"; expected a variable name'],
    [{ variable: 'GITHUB_LINK', 'github-token': 'x' }, 'not starting with a digit or GITHUB_'],
    [{ variable: '{group}', 'github-token': 'x' }, 'where {group} becomes digits, so it cannot come first'],
    [
      { variable: 'LINK_{name}', 'github-token': 'x' },
      'Input "variable" holds "LINK_{name}"; expected a variable name'
    ],
    [{ variable: 'github_{group}', 'github-token': 'x' }, 'not starting with a digit or GITHUB_'],
    [{ variable: 'LINK' }, 'Input "github-token" is empty, but "variable" is set'],
    [{ 'dry-run': 'sure' }, 'Input "dry-run" holds "sure"; expected true or false']
  ])('refuses %j', async (overrides, message) => {
    await expect(settingsWith(overrides)).rejects.toThrow(message)
  })

  it('takes a QR code path inside the workspace or RUNNER_TEMP, and nothing outside them', async () => {
    const env = { ...ENV, RUNNER_TEMP: '/runner/temp' }
    expect((await settingsWith({ 'qr-code': '/runner/temp/qr/join.png' }, env)).qrCode).toEqual({
      template: resolve('/runner/temp/qr/join.png'),
      roots: [resolve('/work/space'), resolve('/runner/temp')]
    })
    expect((await settingsWith({ 'qr-code': 'site/../qr.svg' }, env)).qrCode?.template).toBe(
      resolve('/work/space/qr.svg')
    )
    for (const path of ['/tmp/qr.svg', '../qr.png', '/runner/temp.png', '/work/space.png', '/work/spaceship/qr.png']) {
      await expect(settingsWith({ 'qr-code': path }, env)).rejects.toThrow(
        /^Input "qr-code" holds ".*", which is outside the workspace and RUNNER_TEMP; expected a path inside one of them/
      )
    }
    // Without RUNNER_TEMP, only the workspace.
    await expect(settingsWith({ 'qr-code': '/runner/temp/qr.png' })).rejects.toThrow(
      'outside the workspace and RUNNER_TEMP'
    )
    await expect(settingsWith({ 'qr-code': 'qr\n.png' })).rejects.toThrow('Input "qr-code" holds a line break')
  })

  it.each([['docs/[.]/a.md'], ['**/.[.]/x'], ['![.]/x'], ...ESCAPED_DOTS])(
    'refuses the update-files pattern %j, which @actions/glob would refuse after the reset',
    async (pattern) => {
      await expect(settingsWith({ 'update-files': `*.md\n${pattern}` })).rejects.toThrow(
        `Input "update-files" line 2 holds "${pattern}", with a "." or ".." segment (also written [.] or \\.), which @actions/glob refuses`
      )
    }
  )

  it('reads community lines, dropping a repeated one, and asks for {group} in a QR code path', async () => {
    const group = 'community:120363406289000100\n120363406289005073@g.us\ncommunity:120363406289000100@g.us'
    expect((await settingsWith({ group })).groups).toEqual([
      { input: 'community:120363406289000100', communityJid: '120363406289000100@g.us' },
      { input: '120363406289005073@g.us', identifier: { kind: 'jid', jid: '120363406289005073@g.us' } }
    ])
    await expect(settingsWith({ group: 'community:120363406289000100', 'qr-code': 'qr.png' })).rejects.toThrow(
      'Input "qr-code" holds "qr.png" without {group}'
    )
    await expect(settingsWith({ group: '120363406289005073@g.us\ncommunity:help' })).rejects.toThrow(
      'Input "group" line 2 holds "community:help", which does not name a community by its JID'
    )
  })

  it('needs GITHUB_REPOSITORY for a variable', async () => {
    await expect(settingsWith({ variable: 'LINK', 'github-token': 'x' }, { GITHUB_WORKSPACE: '/w' })).rejects.toThrow(
      'Input "variable" is set, but GITHUB_REPOSITORY does not name a repository (owner/name)'
    )
  })
})

describe('readSettings: control characters and long values', () => {
  it.each([
    [
      'a lone CR in a group line',
      { group: 'https://chat.whatsapp.com/AbC123?\r::set-output name=x::y' },
      'group" line 1',
      'U+000D, a carriage return'
    ],
    ['a CR in the second group line', { group: 'AbC123\nDeF456\rx' }, 'group" line 2', 'U+000D, a carriage return'],
    ['a control character in a comment', { group: 'AbC123 # note\u001b[31m' }, 'group" line 1', 'U+001B, an escape'],
    ['NEL (C1)', { group: 'AbC123\u0085' }, 'group" line 1', 'U+0085, a next-line character'],
    ['a line separator', { group: 'AbC123\u2028x' }, 'group" line 1', 'U+2028, a line separator'],
    [
      'a paragraph separator',
      { 'update-files': 'docs/\u2029x.md' },
      'update-files" line 1',
      'U+2029, a paragraph separator'
    ],
    ['a form feed in update-files', { 'update-files': 'a.md\nb\f.md' }, 'update-files" line 2', 'U+000C, a form feed'],
    ['DEL in the instance', { instance: 'sup\u007fport' }, 'instance"', 'U+007F, a delete'],
    ['a tab in the instance', { instance: 'sup\tport' }, 'instance"', 'U+0009, a tab'],
    ['a CR in base-url', { 'base-url': 'https://ryzeapi.cloud\r::warning::x' }, 'base-url"', 'U+000D'],
    ['a line feed in variable', { variable: 'LINK\nX', 'github-token': 'x' }, 'variable"', 'U+000A'],
    ['a CR in qr-code', { 'qr-code': 'qr\r.png' }, 'qr-code"', 'U+000D'],
    ['a null in a boolean', { 'dry-run': 'true\u0000' }, 'dry-run"', 'U+0000, a null character'],
    ['a C1 control in github-token', { variable: 'LINK', 'github-token': 'ghp_\u009bx' }, 'github-token"', 'U+009B']
  ])('refuses %s, naming the input, the line and the character', async (_case, overrides, where, character) => {
    const message = await errorOf(overrides)
    expect(message.slice(0, message.indexOf(')') + 1)).toEqual(
      expect.stringMatching(
        /^Input "[a-z-]+"( line \d)? holds a line break or another control character \(U\+[0-9A-F]{4}(, [a-z -]+)?\)$/
      )
    )
    expect(message).toContain(`Input "${where} holds a line break or another control character (${character}`)
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
  })

  it.each([
    ['a right-to-left override in a group line', { group: 'AbC123\n\u202eDeF456' }, 'group" line 2', 'U+202E'],
    ['a zero-width space in the instance', { instance: 'sup\u200bport' }, 'instance"', 'U+200B'],
    ['an isolate in a chat line', { 'announce-to': '5511999990001\u2067' }, 'announce-to" line 1', 'U+2067'],
    ['a tag character in update-files', { 'update-files': 'a\u{e0041}.md' }, 'update-files" line 1', 'U+E0041']
  ])('refuses %s, naming the character without printing it', async (_case, overrides, where, character) => {
    const message = await errorOf(overrides)
    expect(message).toContain(`Input "${where} holds an invisible formatting character (${character}`)
    expect(message).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]|\u{e0041}/u)
  })

  it('takes CRLF line ends, and a tab as spacing within a line', async () => {
    expect(
      (await settingsWith({ group: 'AbC123\r\nDeF456\t# tabbed comment\r\n' })).groups.map((group) => group.input)
    ).toEqual(['AbC123', 'DeF456'])
  })

  it('refuses a 600,000-character group without echoing it', async () => {
    const message = await errorOf({ group: 'A'.repeat(600_000) })
    expect(message).toBe(
      'Input "group" holds 600000 characters, more than any group JID or invite link (at most 512); expected a group JID (120363406289005073@g.us), an invite code, or an invite link (https://chat.whatsapp.com/CODE)'
    )
  })

  it('quotes a long value short, with its length', async () => {
    const message = await errorOf({ 'base-url': `nota${'x'.repeat(5000)}` })
    expect(message).toMatch(/^Input "base-url" holds "notax+…" \(5004 characters\), which is not an absolute URL/)
    expect(message.length).toBeLessThan(300)
  })
})

describe('parseBoolean', () => {
  it('takes the YAML 1.2 core schema spellings, and the fallback when empty', () => {
    expect(parseBoolean('True', 'x')).toBe(true)
    expect(parseBoolean('FALSE', 'x', true)).toBe(false)
    expect(parseBoolean('', 'x', true)).toBe(true)
  })
})

describe('readSettings: announcements', () => {
  it('is off without announce-to', async () => {
    expect((await settingsWith({ 'announce-message': 'Join: {link}' })).announce).toBeUndefined()
  })

  it('reads one chat per line, in the form RyzeAPI takes, without repeats, and the default message', async () => {
    const chats = [
      '# the admins',
      '+55 11 99999-0001',
      '5511999990002@s.whatsapp.net  # a partner',
      '',
      '120363406289005073@g.us',
      '120363400000000099@newsletter',
      '5511999990001'
    ].join('\n')
    expect((await settingsWith({ 'announce-to': chats })).announce).toEqual({
      chats: ['5511999990001', '5511999990002', '120363406289005073@g.us', '120363400000000099@newsletter'],
      template: 'New invite link for {name}: {link}'
    })
  })

  it('keeps a message of several lines, braces that are not placeholders, and normalises CRLF', async () => {
    const template = 'Hello {name},\r\nthe new link is {link} (code {code}, group {group}). {} { }'
    expect(
      (await settingsWith({ 'announce-to': '5511999990001', 'announce-message': template })).announce?.template
    ).toBe('Hello {name},\nthe new link is {link} (code {code}, group {group}). {} { }')
  })

  it('names the line of a chat that is not one', async () => {
    await expect(settingsWith({ 'announce-to': '5511999990001\n# x\nthe admins' })).rejects.toThrow(
      'Input "announce-to" line 3 holds "the admins", which is not a chat; expected a phone number with its country code (5511999999999), or a JID ending in @s.whatsapp.net, @lid, @g.us or @newsletter'
    )
    await expect(settingsWith({ 'announce-to': '5511999999999@c.us' })).rejects.toThrow(
      'Input "announce-to" holds "+55 •••• 9999@c.us", which is not a chat'
    )
  })

  it.each([
    ['New link: {url}', 'Input "announce-message" holds the unknown placeholder {url}; expected text with {link}'],
    ['{Link}', 'holds the unknown placeholder {Link}'],
    ['Link:\u0007 {link}', 'holds a control character other than a line break or a tab'],
    ['Link:\u2028{link}', 'holds a control character'],
    ['Link: {link} \u202eabc', 'holds an invisible formatting character (U+202E, a right-to-left override)']
  ])('refuses the message %j', async (message, error) => {
    await expect(settingsWith({ 'announce-to': '5511999990001', 'announce-message': message })).rejects.toThrow(error)
  })

  it('refuses a message too long for one group to fit one WhatsApp message', async () => {
    await expect(
      settingsWith({ 'announce-to': '5511999990001', 'announce-message': `${'Join us! '.repeat(223)}{link}` })
    ).rejects.toThrow('Input "announce-message" holds 2013 characters; expected at most 2000, so that each group')
  })

  it.each([
    ['the token', { 'announce-message': 'Link {link} (token tok-123)' }],
    ['github-token', { 'announce-message': '{link} ghp_secret42', variable: 'X', 'github-token': 'ghp_secret42' }]
  ])('refuses a message that holds %s, without echoing it', async (_name, overrides) => {
    const message = await errorOf({ 'announce-to': '5511999990001', ...overrides })
    expect(message).toMatch(/^Input "announce-message" holds a secret \(token or github-token\)/)
    expect(message).not.toMatch(/tok-123|ghp_secret42/)
  })
})

describe('readSettings: bounds, spellings and exact messages', () => {
  it('takes each number of seconds up to its limit, and zero where zero is allowed', async () => {
    expect(await settingsWith({ timeout: '3600', 'max-wait': '3600', 'max-lag': '60' })).toMatchObject({
      timeoutMs: 3_600_000,
      maxWaitMs: 3_600_000,
      maxLagMs: 60_000
    })
    expect(await settingsWith({ 'max-wait': '0', 'max-lag': '0' })).toMatchObject({ maxWaitMs: 0, maxLagMs: 0 })
    expect(await settingsWith({ timeout: '0.25', 'max-lag': ' 2 ' })).toMatchObject({ timeoutMs: 250, maxLagMs: 2000 })
  })

  it.each([
    [{ 'max-lag': '61' }, 'Input "max-lag" holds "61"; expected a number of seconds from 0 and at most 60'],
    [{ 'max-lag': 'soon' }, 'Input "max-lag" holds "soon"; expected a number of seconds from 0 and at most 60'],
    [{ timeout: '0x10' }, 'Input "timeout" holds "0x10"; expected a number of seconds above 0 and at most 3600'],
    [{ timeout: '1e1' }, 'Input "timeout" holds "1e1"; expected a number of seconds above 0 and at most 3600'],
    [{ timeout: '+5' }, 'Input "timeout" holds "+5"; expected a number of seconds above 0 and at most 3600'],
    [{ 'max-wait': '-0' }, 'Input "max-wait" holds "-0"; expected a number of seconds from 0 and at most 3600'],
    [{ 'max-wait': '2.' }, 'Input "max-wait" holds "2."; expected a number of seconds from 0 and at most 3600']
  ])('refuses the seconds %j', async (overrides, message) => {
    expect(await errorOf(overrides)).toBe(message)
  })

  it('takes up to ten retries, written as a whole number', async () => {
    expect((await settingsWith({ retries: '10' })).retries).toBe(10)
    expect((await settingsWith({ retries: ' 7 ' })).retries).toBe(7)
    expect(await errorOf({ retries: '1e1' })).toBe('Input "retries" holds "1e1"; expected a whole number from 0 to 10')
  })

  it('takes every YAML spelling of true and false, around white space, in each boolean input', async () => {
    for (const [spelling, value] of [
      ['true', true],
      ['True', true],
      ['TRUE', true],
      [' true ', true],
      ['false', false],
      ['False', false],
      ['FALSE', false]
    ] as const) {
      expect(
        await settingsWith({
          'mask-invite-link': spelling,
          confirm: spelling,
          'fail-fast': spelling,
          'dry-run': spelling,
          summary: spelling
        })
      ).toMatchObject({ maskInviteLink: value, confirm: value, failFast: value, dryRun: value, summary: value })
    }
  })

  it.each(['confirm', 'fail-fast', 'summary', 'reject-join-requests'])(
    'names %s when it is not a boolean',
    async (input) => {
      expect(await errorOf({ [input]: 'yes' })).toBe(`Input "${input}" holds "yes"; expected true or false`)
    }
  )

  it.each([
    [
      'https://user@ryzeapi.cloud',
      'Input "base-url" holds a user name or password; pass credentials in "token", never in the URL'
    ],
    [
      'https://:pw@ryzeapi.cloud',
      'Input "base-url" holds a user name or password; pass credentials in "token", never in the URL'
    ],
    [
      'https://ryzeapi.cloud/api#top',
      'Input "base-url" holds a query string or fragment ("https://ryzeapi.cloud/api..."); expected an https URL such as https://ryzeapi.cloud (http only for localhost)'
    ],
    [
      'ftp://ryzeapi.cloud',
      'Input "base-url" uses ftp; expected an https URL such as https://ryzeapi.cloud (http only for localhost)'
    ],
    [
      'http://127.0.0.1.example.com',
      'Input "base-url" uses plain http for 127.0.0.1.example.com, which would send the token unencrypted; expected an https URL such as https://ryzeapi.cloud (http only for localhost)'
    ]
  ])('refuses the base URL %j', async (url, message) => {
    expect(await errorOf({ 'base-url': url })).toBe(message)
  })

  it('takes a base URL with a path, around white space', async () => {
    expect((await settingsWith({ 'base-url': '  https://gateway.example/ryze  ' })).baseUrl.href).toBe(
      'https://gateway.example/ryze'
    )
    expect((await settingsWith({ 'base-url': '   ' })).baseUrl.href).toBe('https://ryzeapi.cloud/')
  })

  it('counts only 127.x.y.z, localhost and [::1] as loopback', () => {
    for (const host of ['127.0.0.1', '127.255.255.255', '127.10.200.3', 'localhost', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true)
    }
    for (const host of ['127.0.0', '127.0.0.1.5', '127.1000.0.1', '127.0.0.1000', '128.0.0.1', 'x127.0.0.1', '::1']) {
      expect(isLoopbackHost(host)).toBe(false)
    }
  })

  it('says what is wrong with a token in a message of its own, never quoting it', async () => {
    expect(await errorOf({ token: 'q7Zr\nx9Wp' })).toBe(
      'Input "token" holds a line break or another control character; expected the token alone, on one line'
    )
    expect(await errorOf({ token: 'q7Zr x9Wp' })).toBe(
      'Input "token" holds a space; expected the token alone (without a "Bearer " prefix)'
    )
    expect(await errorOf({ token: '\u00e9q7Zrx9Wp' })).toBe(
      'Input "token" holds characters outside printable ASCII; expected the token exactly as RyzeAPI issued it'
    )
    expect(await errorOf({ token: 'q7Zr\u200bx9Wp' })).toBe(
      'Input "token" holds characters outside printable ASCII; expected the token exactly as RyzeAPI issued it'
    )
    expect((await settingsWith({ token: '  !q7Zr~x9Wp  ' })).token).toBe('!q7Zr~x9Wp')
  })

  it('masks the token and the github-token, and sends the github-token without spaces', async () => {
    const written = jest.spyOn(process.stdout, 'write').mockReturnValue(true)
    written.mockClear()
    const settings = await settingsWith({ token: 'tok-9q7Zr', variable: 'LINK', 'github-token': '  ghp_m4sk3d  ' })
    const lines = written.mock.calls.map(([text]) => withLf(String(text)))
    expect(lines).toContain('::add-mask::tok-9q7Zr\n')
    expect(lines).toContain('::add-mask::ghp_m4sk3d\n')
    expect(settings.variable?.githubToken).toBe('ghp_m4sk3d')
  })

  it('names no line for a single bad group, and the line among several', async () => {
    expect(await errorOf({ group: 'not a group' })).toMatch(/^Input "group" holds "not a group", which is neither/)
    expect(await errorOf({ group: 'AbC123\n   \nnot a group' })).toMatch(/^Input "group" line 3 holds "not a group"/)
  })

  it('says which line of a multi-line input holds a control character, and that one entry per line is expected', async () => {
    expect(await errorOf({ group: 'AbC123\nDeF\u0007456' })).toBe(
      'Input "group" line 2 holds a line break or another control character (U+0007) at position 4; expected plain text, one entry per line, without control or invisible formatting characters'
    )
    expect(await errorOf({ instance: 'sup\u0007port' })).toBe(
      'Input "instance" holds a line break or another control character (U+0007) at position 4; expected plain text on one line, without control or invisible formatting characters'
    )
  })
})

describe('readSettings: remove, demote and reject-join-requests', () => {
  it('is off when none of them asks for anything', async () => {
    const settings = await settingsWith({ remove: '# nobody yet', demote: '', 'reject-join-requests': 'false' })
    expect(settings.incident).toBeUndefined()
  })

  it.each([
    [
      { remove: '5511999990001\n\n+55 11 99999-0002 # the spammer' },
      {
        remove: [
          { text: '5511999990001', line: 1 },
          { text: '+55 11 99999-0002', line: 3 }
        ],
        demote: [],
        reject: false
      }
    ],
    [
      { demote: '# old admins\n5511999990003\n5511999990004' },
      {
        remove: [],
        demote: [
          { text: '5511999990003', line: 2 },
          { text: '5511999990004', line: 3 }
        ],
        reject: false
      }
    ],
    [{ 'reject-join-requests': 'true' }, { remove: [], demote: [], reject: true }]
  ])('reads %j, one participant per line, with its line', async (overrides, incident) => {
    expect((await settingsWith(overrides)).incident).toEqual(incident)
  })

  it.each([
    ['remove', 'Input "remove" line 2'],
    ['demote', 'Input "demote" line 2']
  ])('refuses a control character in %s, naming the input and the line', async (input, where) => {
    await expect(settingsWith({ [input]: '5511999990001\n55119999\u001b90002' })).rejects.toThrow(
      `${where} holds a line break or another control character (U+001B, an escape) at position 9`
    )
  })
})

describe('readSettings: optional features, read exactly', () => {
  it('leaves a feature off when its input is only white space', async () => {
    expect(
      await settingsWith({ 'update-files': '  ', 'qr-code': '   ', variable: '   ', 'announce-to': ' ' })
    ).toMatchObject({ updateFiles: [], qrCode: undefined, variable: undefined, announce: undefined })
    expect((await settingsWith({ 'announce-to': '# nobody yet' })).announce).toBeUndefined()
  })

  it('keeps two communities apart, and a community apart from a group with its JID', async () => {
    const group = 'community:120363406289000100\ncommunity:120363406289000200\n120363406289000100@g.us'
    expect((await settingsWith({ group })).groups.map((line) => line.input)).toEqual([
      'community:120363406289000100',
      'community:120363406289000200',
      '120363406289000100@g.us'
    ])
  })

  it('trims the instance, a QR code path and a variable name', async () => {
    expect(
      await settingsWith({
        instance: '  support  ',
        'qr-code': '  qr/join.png  ',
        variable: '  LINK  ',
        'github-token': 'ghp_abc'
      })
    ).toMatchObject({
      instance: 'support',
      qrCode: { template: resolve('/work/space/qr/join.png') },
      variable: { name: 'LINK' }
    })
  })

  it('refuses a QR code path that only holds .png before its end', async () => {
    expect(await errorOf({ 'qr-code': 'qr.png.txt' })).toBe(
      'Input "qr-code" holds "qr.png.txt"; expected a file path ending in .png or .svg'
    )
  })

  itWithSymlinks('refuses a QR code folder inside the workspace that a symbolic link leads out of', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'settings-workspace-'))
    const elsewhere = mkdtempSync(join(tmpdir(), 'settings-elsewhere-'))
    try {
      symlinkSync(elsewhere, join(workspace, 'out'))
      mkdirSync(join(workspace, 'qr'))
      const env = { GITHUB_WORKSPACE: workspace }
      expect((await settingsWith({ 'qr-code': 'qr/join.png' }, env)).qrCode?.template).toBe(
        join(workspace, 'qr', 'join.png')
      )
      expect(await errorOf({ 'qr-code': 'out/join.png' }, env)).toBe(
        'Input "qr-code" holds "out/join.png", which is outside the workspace and RUNNER_TEMP; expected a path inside one of them, such as qr/{group}.png'
      )
    } finally {
      rmSync(workspace, { recursive: true, force: true })
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })

  it('takes variable names of letters, digits and underscores that do not start with GITHUB_', async () => {
    for (const name of ['link_2', '_LINK', 'MY_GITHUB_LINK', 'Link_{group}_2']) {
      expect((await settingsWith({ variable: name, 'github-token': 'x' })).variable?.name).toBe(name)
    }
  })

  it.each([
    [
      '1LINK',
      'Input "variable" holds "1LINK"; expected a variable name of letters, digits and underscores, not starting with a digit or GITHUB_, such as WHATSAPP_LINK or WHATSAPP_LINK_{group}'
    ],
    [
      '{group}_LINK',
      'Input "variable" holds "{group}_LINK"; expected a variable name of letters, digits and underscores, not starting with a digit or GITHUB_, where {group} becomes digits, so it cannot come first, such as WHATSAPP_LINK or WHATSAPP_LINK_{group}'
    ]
  ])('refuses the variable name %j, saying why', async (variable, message) => {
    expect(await errorOf({ variable, 'github-token': 'x' })).toBe(message)
  })

  it.each(['octo', '/site', 'octo/', 'octo/site/extra'])(
    'refuses GITHUB_REPOSITORY %j for a variable',
    async (repository) => {
      expect(await errorOf({ variable: 'LINK', 'github-token': 'x' }, { ...ENV, GITHUB_REPOSITORY: repository })).toBe(
        'Input "variable" is set, but GITHUB_REPOSITORY does not name a repository (owner/name)'
      )
    }
  )

  it('takes a colon or an exclamation mark inside a file pattern as part of a name', async () => {
    const patterns = 'docs/a:b.md\ndocs/..!/x.md\nc!:/notes.md'
    expect((await settingsWith({ 'update-files': patterns })).updateFiles).toEqual(patterns.split('\n'))
  })

  it.each([
    [
      'c:/site/*.html',
      'Input "update-files" holds "c:/site/*.html", an absolute path; expected a glob pattern relative to the workspace, such as docs/**/*.md'
    ],
    [
      'docs\\..\\..\\x',
      'Input "update-files" holds "docs\\..\\..\\x", which reaches outside the workspace; expected a glob pattern relative to the workspace, such as docs/**/*.md'
    ]
  ])('refuses the file pattern %j', async (pattern, message) => {
    expect(await errorOf({ 'update-files': pattern })).toBe(message)
  })
})

describe('readSettings: announcements, read exactly', () => {
  const announce = async (chats: string, message = ''): ReturnType<typeof readSettings> =>
    settingsWith({ 'announce-to': chats, 'announce-message': message })

  it('reads chats in every form, lower-cased, a contact as its number', async () => {
    const chats = [
      '6831234',
      '123456789012345',
      '+55 (11) 99999.0003',
      '120363406289005073@G.US',
      '5511999990002@S.WhatsApp.Net',
      '12345678901234567890123456789012@lid',
      '120363400000000099@NEWSLETTER'
    ]
    expect((await announce(chats.join('\n'))).announce?.chats).toEqual([
      '6831234',
      '123456789012345',
      '5511999990003',
      '120363406289005073@g.us',
      '5511999990002',
      '12345678901234567890123456789012@lid',
      '120363400000000099@newsletter'
    ])
  })

  it.each([
    '123456',
    '1234567890123456',
    '5511+999990001',
    '123@s.whatsapp.net',
    '1@s.whatsapp.net',
    'abcdefg@s.whatsapp.net',
    'x5511999990002@s.whatsapp.net',
    '5511999990002@s.whatsapp.net.example',
    '123456789012345678901234567890123@lid',
    'x123@lid',
    '123@newsletter.example'
  ])('refuses the chat %j', async (chat) => {
    await expect(announce(chat)).rejects.toThrow(/^Input "announce-to" holds ".*", which is not a chat; expected/)
  })

  it('trims the message, reads a lone CR as a line break and keeps tabs', async () => {
    expect((await announce('5511999990001', '  Join:\t{link}\rBye  ')).announce?.template).toBe('Join:\t{link}\nBye')
  })

  it('takes a message of exactly 2000 characters', async () => {
    const message = `${'.'.repeat(2000 - '{link}'.length)}{link}`
    expect((await announce('5511999990001', message)).announce?.template).toBe(message)
  })

  it('says which character of the message is refused, and what is expected', async () => {
    await expect(announce('5511999990001', 'Link:\u0007 {link}')).rejects.toThrow(
      'Input "announce-message" holds a control character other than a line break or a tab (U+0007); expected text with {link}, {code}, {name} or {group}, such as "New invite link for {name}: {link}"'
    )
  })
})

describe('parseQrCodePath on Windows', () => {
  const onWindows = (value: string) => parseQrCodePath(value, 1, '/work/space', undefined, 'win32')

  it.each([
    ['qr/a?.png', 'a?.png'],
    ['qr/<x>.svg', '<x>.svg'],
    ['qr/x|y.png', 'x|y.png'],
    ['qr/"x".png', '"x".png'],
    ['qr/x*.png', 'x*.png'],
    ['docs/readme.md:x.png', 'readme.md:x.png'],
    ['qr/D:/join.png', 'D:'],
    ['ab:/join.png', 'ab:'],
    ['c:x/join.png', 'c:x'],
    ['qr./join.png', 'qr.'],
    ['qr /join.png', 'qr '],
    ['qr/nul.png', 'nul.png'],
    ['qr/COM1.svg', 'COM1.svg'],
    ['Lpt0/join.png', 'Lpt0'],
    ['qr/com¹.png', 'com¹.png'],
    ['aux/join.png', 'aux'],
    ['prn.png', 'prn.png'],
    ['CON.svg', 'CON.svg']
  ])('refuses %j, naming %j', (value, name) => {
    expect(() => onWindows(value)).toThrow(
      `Input "qr-code" holds "${value}", with the name "${name}", which Windows does not allow (no < > : " | ? * or control characters, no dot or space at its end, no device name such as CON or NUL); expected a path such as qr/{group}.png`
    )
  })

  it.each([
    ['D:/qr/join.png'],
    ['qr/./join.png'],
    ['qr/../qr/{group}.svg'],
    ['qr\\icon.png'],
    ['console.png'],
    ['com10.png']
  ])('takes %j', (value) => {
    expect(() => onWindows(value)).not.toThrow()
  })

  it('refuses a control character in a name', () => {
    expect(() => onWindows('qr/a\u0001.png')).toThrow(/^Input "qr-code" holds .*, which Windows does not allow/)
  })

  it('leaves such names to the systems that allow them', () => {
    expect(parseQrCodePath('qr/a?.png', 1, '/work/space', undefined, 'linux').template).toBe(
      resolve('/work/space/qr/a?.png')
    )
  })
})
