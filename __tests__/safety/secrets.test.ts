import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { encodedForms, maskSecret, redactSecrets } from '../../src/safety/secrets.js'
import { serverText } from '../../src/safety/text-safety.js'
import { withLf } from '../helpers/line-endings.js'

let stdout = ''
beforeAll(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  })
})
afterAll(() => {
  jest.restoreAllMocks()
})

describe('maskSecret and redactSecrets', () => {
  const TOKEN = 'Zk3/q+Rw=9x&Tn~Lp"v\\w'

  it('masks and redacts the forms a server echoes a secret in', () => {
    maskSecret(TOKEN)
    const forms = {
      encodeURIComponent: encodeURIComponent(TOKEN),
      'lower-case hex': encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
      'form encoding': new URLSearchParams({ t: TOKEN }).toString().slice(2),
      base64: Buffer.from(TOKEN).toString('base64'),
      base64url: Buffer.from(TOKEN).toString('base64url'),
      'JSON escaping': JSON.stringify(TOKEN).slice(1, -1)
    }
    for (const [name, form] of Object.entries(forms)) {
      expect([name, redactSecrets(`before ${form} after`)]).toEqual([
        name,
        expect.stringMatching(/^before \*\*\*=* after$/)
      ])
      // The runner is told too, so that it masks them in anything else a step prints.
      expect(stdout).toContain(`::add-mask::${form.replace(/=+$/, '').replace(/%/g, '%25')}`)
    }
  })

  it('masks each line of a multi-line secret on its own, and no empty line', () => {
    maskSecret('line-one-secret-1\nline-two-secret-2\r\n  \r\nline-three-secret-3\rline-four-secret-4')
    expect(redactSecrets('a line-two-secret-2 b line-three-secret-3 c line-one-secret-1 d line-four-secret-4')).toBe(
      'a *** b *** c *** d ***'
    )
    expect(redactSecrets('plain  text,  untouched')).toBe('plain  text,  untouched')
  })

  it('tells the runner of each form once, however often it is masked', () => {
    maskSecret('twice-masked-secret-5')
    maskSecret('twice-masked-secret-5')
    expect(withLf(stdout).split('::add-mask::twice-masked-secret-5\n')).toHaveLength(2)
  })

  it('redacts a secret that holds another one whole', () => {
    maskSecret('inner-secret-6')
    maskSecret('outer-inner-secret-6-outer')
    expect(redactSecrets('see outer-inner-secret-6-outer and inner-secret-6')).toBe('see *** and ***')
  })

  it('adds no form that equals the secret itself', () => {
    expect(encodedForms('AbC123xyz')).toEqual([Buffer.from('AbC123xyz').toString('base64')])
    expect(encodedForms('')).toEqual([])
    // Base64 without its padding, one "=" or two, so that padded and unpadded echoes both match.
    // "ÿÿ" is w7/Dvw== in base64: its "/" sets it apart from the base64url form, w7_Dvw.
    expect(encodedForms('ÿÿ')).toEqual(expect.arrayContaining(['w7/Dvw', 'w7_Dvw']))
  })
})

describe('serverText', () => {
  it('redacts a secret that holds whitespace before collapsing it', () => {
    // A github-token is not checked like the RyzeAPI token; a tab and two spaces survive trim().
    maskSecret('gh\tsecret  value')
    expect(serverText('echo: gh\tsecret  value!')).toBe('echo: ***!')
  })

  it('does not join a secret the server split with a control character', () => {
    maskSecret('joinedsecret42')
    expect(serverText('joined\u0000secret42 and joined\u2028secret42')).toBe('joined secret42 and joined secret42')
  })

  it('does not join a secret the server split with invisible formatting', () => {
    maskSecret('zerowidthsecret7')
    expect(serverText('zerowidth\u200bsecret7 and zero\u202ewidthsecret7')).toBe('*** and ***')
  })

  it('redacts before shortening, so that no start of a secret is left at the cut', () => {
    maskSecret('cutsecret0123456789')
    const text = serverText(`${'x'.repeat(290)} cutsecret0123456789 ${'y'.repeat(50)}`)
    expect(text).not.toContain('cutsecret')
    expect(text).toContain(' *** ')
    expect(text).toHaveLength(300)
  })
})
