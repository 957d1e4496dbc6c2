import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'

/**
 * A certificate for `names` (DNS names and IP addresses) that is its own CA, and a file holding it.
 * Its key is P-256: a 2048-bit RSA key takes about 90 ms of CPU to make and makes every handshake
 * dearer, and the tests need a trusted or untrusted certificate, not RSA.
 */
export async function selfSignedCa(names: {
  dns?: string
  ip?: string
}): Promise<{ key: string; cert: string; file: string }> {
  const altNames = [
    ...(names.dns ? [{ type: 2 as const, value: names.dns }] : []),
    ...(names.ip ? [{ type: 7 as const, ip: names.ip }] : [])
  ]
  const pems = await generate([{ name: 'commonName', value: names.dns ?? names.ip ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames }
    ]
  })
  const dir = await mkdtemp(join(tmpdir(), 'ryze-ca-'))
  const file = join(dir, 'ca.pem')
  await writeFile(file, pems.cert)
  return { key: pems.private, cert: pems.cert, file }
}
