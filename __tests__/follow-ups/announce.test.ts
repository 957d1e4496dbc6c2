import { describe, expect, it } from '@jest/globals'
import { MAX_MESSAGE_LENGTH, messageParts, messageText } from '../../src/follow-ups/announce.js'
import type { LinkedGroup } from '../../src/report/outcome.js'

const linked = (index: number): LinkedGroup => {
  const inviteCode = `Code${String(index).padStart(18, '0')}`
  return {
    group: `1203634062891${String(index).padStart(5, '0')}@g.us`,
    groupJid: `1203634062891${String(index).padStart(5, '0')}@g.us`,
    name: `Group ${index}`,
    status: 'reset',
    inviteCode,
    inviteLink: `https://chat.whatsapp.com/${inviteCode}`
  }
}

describe('messageParts', () => {
  it('keeps a short announcement in one message', () => {
    const groups = [linked(1), linked(2)]
    const parts = messageParts('New link for {name}: {link}', groups)
    expect(parts).toHaveLength(1)
    expect(parts[0]!.text).toBe(messageText('New link for {name}: {link}', groups))
    expect(parts[0]!.text.split('\n')).toHaveLength(2)
  })

  it(`splits a long one at group boundaries, each part at most ${MAX_MESSAGE_LENGTH} characters, no link cut`, () => {
    const groups = Array.from({ length: 100 }, (_, index) => linked(index))
    const parts = messageParts('New invite link for {name} ({group}): {link}', groups)
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH)
      // Each line is one whole group's line, ending in its whole link.
      expect(part.text.split('\n')).toEqual(part.groups.map((group) => expect.stringMatching(`${group.inviteLink}$`)))
    }
    expect(parts.flatMap((part) => part.groups)).toEqual(groups)
    // As few parts as fit: two neighbours together would be too long.
    for (const [index, part] of parts.slice(0, -1).entries()) {
      const next = parts[index + 1]!
      expect(part.text.length + 1 + next.text.split('\n')[0]!.length).toBeGreaterThan(MAX_MESSAGE_LENGTH)
    }
  })

  it(`puts texts that make exactly ${MAX_MESSAGE_LENGTH} characters in one message, and one more in two`, () => {
    const named = (index: number, length: number): LinkedGroup => ({ ...linked(index), name: 'n'.repeat(length) })
    // 2,048 + the line break + 2,047 = 4,096.
    expect(messageParts('{name}', [named(1, 2048), named(2, 2047)])).toHaveLength(1)
    expect(messageParts('{name}', [named(1, 2048), named(2, 2048)])).toHaveLength(2)
  })

  it('puts a blank line between the groups of a template of several lines, whole or in parts', () => {
    const template = 'Group {name}\nJoin: {link}'
    const [one, two] = [linked(1), linked(2)]
    const text = `Group Group 1\nJoin: ${one.inviteLink}\n\nGroup Group 2\nJoin: ${two.inviteLink}`
    expect(messageParts(template, [one, two]).map((part) => part.text)).toEqual([text])
    const many = Array.from({ length: 100 }, (_, index) => linked(index))
    const whole = messageText(`${'x'.repeat(100)} {name}\n{link}`, many)
    expect(whole.split('\n\n')).toHaveLength(100)
    expect(messageText('{link}', many).split('\n')).toEqual(many.map((group) => group.inviteLink))
  })

  it('names a group by its JID, or as its line gave it when RyzeAPI gave none', () => {
    const byLink: LinkedGroup = { ...linked(1), group: 'https://chat.whatsapp.com/Code000000000000000001' }
    expect(messageText('{group}', [byLink])).toBe(byLink.groupJid)
    expect(messageText('{group}', [{ ...byLink, groupJid: '' }])).toBe(byLink.group)
  })
})
