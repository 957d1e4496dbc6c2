/**
 * `npm run coverage`: writes badges/coverage.svg from the line coverage of the last `npm test`
 * (coverage/coverage-summary.json), drawn locally with badgen: no badge service is called.
 */
import { badgen } from 'badgen'
import { mkdir, readFile, writeFile } from 'node:fs/promises'

const summary = JSON.parse(await readFile('coverage/coverage-summary.json', 'utf8')) as {
  total: { lines: { pct: number } }
}
const percent = summary.total.lines.pct
const color = percent >= 95 ? 'green' : percent >= 90 ? 'yellowgreen' : percent >= 80 ? 'yellow' : 'red'
await mkdir('badges', { recursive: true })
await writeFile('badges/coverage.svg', badgen({ label: 'coverage', status: `${Math.floor(percent)}%`, color }))
console.log(`badges/coverage.svg: ${percent}% of lines`)
