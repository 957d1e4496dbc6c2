import { describe, expect, it } from '@jest/globals'
import { findUnprintable, printable, quotedInput, serverText } from '../../src/safety/text-safety.js'

/** One of each class of character the rule says must never be printed. */
const CLASSES: Array<[string, string]> = [
  ['a C0 control (escape)', '\u001b'],
  ['a line feed', '\n'],
  ['a lone carriage return', '\r'],
  ['a tab', '\t'],
  ['DEL', '\u007f'],
  ['a C1 control (NEL)', '\u0085'],
  ['a C1 control (CSI)', '\u009b'],
  ['the line separator', '\u2028'],
  ['the paragraph separator', '\u2029'],
  ['a bidirectional override (RLO)', '\u202e'],
  ['a bidirectional embedding (LRE)', '\u202a'],
  ['a bidirectional isolate (RLI)', '\u2067'],
  ['the pop directional isolate', '\u2069'],
  ['the left-to-right mark', '\u200e'],
  ['the right-to-left mark', '\u200f'],
  ['the Arabic letter mark', '\u061c'],
  ['a zero-width space', '\u200b'],
  ['a zero-width non-joiner', '\u200c'],
  ['a zero-width joiner', '\u200d'],
  ['the word joiner', '\u2060'],
  ['the byte order mark', '\ufeff'],
  ['the Mongolian vowel separator', '\u180e'],
  ['a soft hyphen', '\u00ad'],
  ['a tag character', '\u{e0041}']
]

describe('findUnprintable', () => {
  it.each(CLASSES)('finds %s, with its code point and position', (_name, character) => {
    const found = findUnprintable(`añ😀${character}x`)
    expect(found?.character).toBe(character)
    expect(found?.position).toBe(4)
    expect(found?.description).toMatch(
      new RegExp(`^U\\+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}(, [a-z -]+)?$`)
    )
  })

  it('tells controls from invisible formatting', () => {
    expect(findUnprintable('a\u0085')?.kind).toBe('control')
    expect(findUnprintable('a\u2029')?.kind).toBe('control')
    expect(findUnprintable('a\u202e')?.kind).toBe('invisible formatting')
  })

  it.each([
    ['\t', 'U+0009, a tab'],
    ['\n', 'U+000A, a line feed'],
    ['\r', 'U+000D, a carriage return'],
    ['\f', 'U+000C, a form feed'],
    ['\u0000', 'U+0000, a null character'],
    ['\u001b', 'U+001B, an escape'],
    ['\u007f', 'U+007F, a delete'],
    ['\u0085', 'U+0085, a next-line character'],
    ['\u2028', 'U+2028, a line separator'],
    ['\u2029', 'U+2029, a paragraph separator'],
    ['\u202e', 'U+202E, a right-to-left override'],
    ['\u0007', 'U+0007'],
    ['\u{e0041}', 'U+E0041']
  ])('names %j as %s', (character, description) => {
    expect(findUnprintable(`ok${character}`)?.description).toBe(description)
  })

  it('finds nothing in printable text, emoji and scripts of every direction included', () => {
    expect(findUnprintable('Grupo dos Amigos 🎉 שלום مرحبا 日本 Ünïcödé (ok) ')).toBeUndefined()
  })

  it('lets a tab or a line feed through only when asked, and nothing else with them', () => {
    expect(findUnprintable('a\tb', { tab: true })).toBeUndefined()
    expect(findUnprintable('a\nb', { lineFeed: true })).toBeUndefined()
    expect(findUnprintable('a\tb', { lineFeed: true })?.character).toBe('\t')
    expect(findUnprintable('a\nb', { tab: true })?.character).toBe('\n')
    for (const [, character] of CLASSES.filter(([, c]) => c !== '\t' && c !== '\n')) {
      expect(findUnprintable(`a${character}`, { tab: true, lineFeed: true })?.character).toBe(character)
    }
  })
})

describe('printable', () => {
  it('turns controls into a space and leaves invisible formatting out', () => {
    expect(printable('a\r\n\u0085b')).toBe('a b')
    expect(printable('Fam\u200bily \u202eevil\u202c name\u2069')).toBe('Family evil name')
  })

  it.each(CLASSES)('leaves no %s', (_name, character) => {
    expect(findUnprintable(printable(`x${character}${character}y`))).toBeUndefined()
  })
})

describe('serverText', () => {
  it.each(CLASSES)('shows a name holding %s without it', (_name, character) => {
    const shown = serverText(`Team ${character}Alpha${character}`)
    expect(findUnprintable(shown)).toBeUndefined()
    expect(shown).toMatch(/^Team ?Alpha$/)
  })

  it('keeps words apart that a control separated, and joins what invisible formatting split', () => {
    expect(serverText('one\u2028two')).toBe('one two')
    expect(serverText('gnp.\u202eexe')).toBe('gnp.exe')
  })

  it('collapses runs of spaces and trims the ends', () => {
    expect(serverText('  Team \t\n  Alpha  ')).toBe('Team Alpha')
    expect(serverText('\u202e\u200b')).toBe('')
  })

  it('cuts long text to 300 characters, ending in an ellipsis', () => {
    const text = serverText('x'.repeat(400))
    expect(text).toHaveLength(300)
    expect(text.endsWith('x…')).toBe(true)
    expect(serverText('y'.repeat(300))).toBe('y'.repeat(300))
  })
})

describe('quotedInput', () => {
  it('quotes a value, showing every character the rule refuses as an escape', () => {
    expect(quotedInput('ok')).toBe('"ok"')
    expect(quotedInput('a\r\u0085\u202e\u{e0041}b')).toBe('"a\\u000d\\u0085\\u202e\\u{e0041}b"')
  })

  it('cuts a long value short and says how long it was', () => {
    expect(quotedInput('z'.repeat(100))).toBe(`"${'z'.repeat(100)}"`)
    expect(quotedInput('z'.repeat(101))).toBe(`"${'z'.repeat(99)}…" (101 characters)`)
  })
})
