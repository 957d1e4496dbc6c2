import { describe, expect, it } from '@jest/globals'
import {
  canonicalIdentifier,
  inviteCodeFromLink,
  isGroupJid,
  isInviteCode,
  parseGroupIdentifier,
  parseGroupLine
} from '../../src/ryze/identifier.js'
import { parseChat } from '../../src/inputs/announce-input.js'
import { replaceInviteLink } from '../../src/follow-ups/file-updates.js'

const CODE = 'Fh3kQ9zLm2Xc7VbN1pRt4W'

describe('parseGroupIdentifier', () => {
  it.each([
    ['120363406289005073@g.us', '120363406289005073@g.us'],
    ['  120363406289005073@g.us\n', '120363406289005073@g.us'],
    ['5511999999999-1581234567@g.us', '5511999999999-1581234567@g.us'],
    // Without its suffix, as RyzeAPI takes it too: one group, one key.
    ['120363406289005073', '120363406289005073@g.us'],
    ['5511999999999-1581234567', '5511999999999-1581234567@g.us']
  ])('takes the group JID %j as given', (input, jid) => {
    expect(parseGroupIdentifier(input)).toEqual({ kind: 'jid', jid })
  })

  it.each([
    CODE,
    `https://chat.whatsapp.com/${CODE}`,
    `http://chat.whatsapp.com/${CODE}`,
    `chat.whatsapp.com/${CODE}`,
    `https://www.chat.whatsapp.com/${CODE}`,
    `www.chat.whatsapp.com/${CODE}`,
    `HTTPS://CHAT.WHATSAPP.COM/${CODE}`,
    `https://chat.whatsapp.com/invite/${CODE}`,
    `chat.whatsapp.com/invite/${CODE}/`,
    `https://chat.whatsapp.com/${CODE}/`,
    `https://chat.whatsapp.com/${CODE}?mode=r_c`,
    `https://chat.whatsapp.com/${CODE}#join`,
    `https://chat.whatsapp.com/${CODE}/?utm_source=site#top`,
    `whatsapp://chat?code=${CODE}`,
    `  https://chat.whatsapp.com/${CODE}  `
  ])('reads the invite code from %j', (input) => {
    expect(parseGroupIdentifier(input)).toEqual({ kind: 'code', code: CODE })
  })

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['5511999999999@s.whatsapp.net', 'which is a contact, not a group'],
    ['5511999999999@c.us', 'which is a contact, not a group'],
    ['120363406289005073@newsletter', 'which is not a group JID'],
    ['abc@g.us', 'which is not a group JID'],
    ['5511999990001', 'which reads as a phone number, not a group'],
    ['999999999999999', 'which reads as a phone number, not a group'],
    ['120363406289005073@G.US', 'a group JID in capitals; write it in lower case'],
    ['https://example.com/' + CODE, 'neither a group JID, an invite code nor an invite link'],
    ['https://chat.whatsapp.com.evil.example/' + CODE, 'neither a group JID'],
    ['ftp://chat.whatsapp.com/' + CODE, 'neither a group JID'],
    ['whatsapp://send?phone=5511999999999', 'neither a group JID'],
    ['https://chat.whatsapp.com/', 'which has no valid invite code'],
    ['https://chat.whatsapp.com/abc-def', 'which has no valid invite code'],
    ['https://chat.whatsapp.com/a/b/c', 'which has no valid invite code'],
    ['whatsapp://chat?code=', 'which has no valid invite code'],
    ['the support group', 'neither a group JID'],
    ['http://[not a url', 'neither a group JID']
  ])('refuses %j, naming the input and what was expected', (input, problem) => {
    const attempt = (): unknown => parseGroupIdentifier(input, 'group')
    expect(attempt).toThrow(problem)
    expect(attempt).toThrow(
      /^Input "group" .*; expected a group JID \(120363406289005073@g\.us\), an invite code, or an invite link/
    )
  })
})

describe('invite code and JID bounds', () => {
  it('takes 6 to 64 letters and digits as an invite code: the docs placeholder, test codes and real 22-character codes', () => {
    for (const code of ['NEW123XYZ', 'AbC123', CODE, 'a'.repeat(64)]) expect(isInviteCode(code)).toBe(true)
    for (const code of ['ABC', 'AbC12', 'a'.repeat(65), 'abc-def', 'abc_def1', 'abcdéf1', 'A'.repeat(600_000)]) {
      expect(isInviteCode(code)).toBe(false)
    }
  })

  it('bounds the digits of a group JID', () => {
    expect(isGroupJid(`${'1'.repeat(32)}@g.us`)).toBe(true)
    expect(isGroupJid(`${'1'.repeat(33)}@g.us`)).toBe(false)
    expect(isGroupJid(`${'1'.repeat(21)}-1581234567@g.us`)).toBe(false)
  })

  it.each([
    ['ABC', 'holds "ABC", which is not an invite code (6 to 64 letters and digits)'],
    ['a'.repeat(65), 'which is not an invite code (6 to 64 letters and digits)'],
    [`https://chat.whatsapp.com/${'a'.repeat(65)}`, 'which has no valid invite code (6 to 64 letters and digits)'],
    [`${'1'.repeat(40)}@g.us`, 'which is not a group JID'],
    ['A'.repeat(600_000), 'holds 600000 characters, more than any group JID or invite link (at most 512)'],
    [`https://chat.whatsapp.com/${CODE}?${'x'.repeat(600)}`, 'holds 649 characters']
  ])('refuses %j as an input error', (input, problem) => {
    let message = ''
    try {
      parseGroupIdentifier(input, 'group')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^Input "group" holds /)
    expect(message).toContain(problem)
    expect(message.length).toBeLessThan(400)
  })

  it('quotes a value with control characters as escapes, never raw', () => {
    expect(() => parseGroupIdentifier('bad\u0085::warning::x@y', 'group')).toThrow(
      'Input "group" holds "bad\\u0085::warning::x@y", which is not a group JID'
    )
  })
})

describe('canonicalIdentifier', () => {
  it('sends the JID as given and a link as its bare code', () => {
    expect(canonicalIdentifier(parseGroupIdentifier('5511999999999-1581234567@g.us'))).toBe(
      '5511999999999-1581234567@g.us'
    )
    expect(canonicalIdentifier(parseGroupIdentifier(`chat.whatsapp.com/invite/${CODE}/?x=1`))).toBe(CODE)
  })
})

describe('inviteCodeFromLink', () => {
  it('tells "not a link" from "a link without a usable code"', () => {
    expect(inviteCodeFromLink('https://example.com/x')).toBeUndefined()
    expect(inviteCodeFromLink('https://chat.whatsapp.com/')).toBe('')
    expect(inviteCodeFromLink('whatsapp://chat/?code=' + CODE)).toBe(CODE)
  })
})

describe('replaceInviteLink', () => {
  const NEW = 'https://chat.whatsapp.com/NewCode456'

  it('replaces every form people write, and counts them', () => {
    const text = [
      `https://chat.whatsapp.com/${CODE}`,
      `http://chat.whatsapp.com/${CODE}`,
      `chat.whatsapp.com/${CODE}`,
      `www.chat.whatsapp.com/${CODE}`,
      `https://www.chat.whatsapp.com/invite/${CODE}`,
      `HTTPS://Chat.WhatsApp.com/${CODE}`,
      `"https://chat.whatsapp.com/${CODE}"`,
      `(chat.whatsapp.com/${CODE}/?x=1#y)`
    ].join('\n')
    expect(replaceInviteLink(text, CODE, NEW)).toEqual({
      text: [NEW, NEW, NEW, NEW, NEW, NEW, `"${NEW}"`, `(${NEW}/?x=1#y)`].join('\n'),
      count: 8
    })
  })

  it.each([
    [`https://chat.whatsapp.com/${CODE}Z`, 'a longer code that starts with the old one'],
    [`https://chat.whatsapp.com/${CODE.toLowerCase()}`, 'the code in another case'],
    [`https://evilchat.whatsapp.com/${CODE}`, 'another host that ends the same'],
    [`https://example.com/chat.whatsapp.com/${CODE}`, 'a path on another host'],
    [`https://chat.whatsapp.com/Other123`, "another group's link"]
  ])('leaves %j alone (%s)', (text) => {
    expect(replaceInviteLink(text, CODE, NEW)).toEqual({ text, count: 0 })
  })
})

describe('parseGroupLine', () => {
  it.each([
    ['community:120363406289000100@g.us', '120363406289000100@g.us'],
    ['community:120363406289000100', '120363406289000100@g.us'],
    ['Community: 120363406289000100@g.us', '120363406289000100@g.us']
  ])('reads %j as a community, adding @g.us when it is missing', (input, jid) => {
    expect(parseGroupLine(input)).toEqual({ kind: 'community', jid })
  })

  it('reads any other line as a group', () => {
    expect(parseGroupLine(`https://chat.whatsapp.com/${CODE}`)).toEqual({ kind: 'code', code: CODE })
    expect(parseGroupLine('120363406289005073@g.us')).toEqual({ kind: 'jid', jid: '120363406289005073@g.us' })
  })

  it.each([
    'community:',
    `community:https://chat.whatsapp.com/${CODE}`,
    'community:5511999999999@s.whatsapp.net',
    'community:support',
    'community:120363406289000100@newsletter'
  ])('refuses %j, naming the input, the line and what was expected', (input) => {
    expect(() => parseGroupLine(input, 'group', 4)).toThrow(
      `Input "group" line 4 holds "${input}", which does not name a community by its JID; expected community: and the community's JID, such as community:120363406289005073@g.us`
    )
  })
})

describe('parseChat', () => {
  it.each([
    ['5511999999999', '5511999999999'],
    ['+55 (11) 99999-9999', '5511999999999'],
    ['+683.4002', '6834002'],
    // A contact's JID is the person's number: the same chat as the number, however written.
    ['5511999999999@s.whatsapp.net', '5511999999999'],
    ['5511999999999@S.WhatsApp.Net', '5511999999999'],
    ['123456789012345@lid', '123456789012345@lid'],
    ['120363406289005073@g.us', '120363406289005073@g.us'],
    ['5511999999999-1581234567@g.us', '5511999999999-1581234567@g.us'],
    ['120363400000000099@newsletter', '120363400000000099@newsletter']
  ])('takes %j as %j', (input, chat) => {
    expect(parseChat(input)).toBe(chat)
  })

  it.each([
    ['123456', 'too short for a number with its country code'],
    ['1234567890123456', 'longer than E.164 allows'],
    ['120363406289005073', 'a group JID without @g.us'],
    ['5511999999999@c.us', 'a legacy contact JID RyzeAPI does not list'],
    ['abc@s.whatsapp.net', 'a contact JID without a number'],
    ['@newsletter', 'a channel without its id'],
    ['support team', 'a name'],
    [`https://chat.whatsapp.com/${CODE}`, 'an invite link'],
    ['++5511999999999', 'two plus signs']
  ])('refuses %j (%s)', (input) => {
    expect(parseChat(input)).toBeUndefined()
  })
})
