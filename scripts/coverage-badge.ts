/**
 * `npm run coverage`: writes badges/coverage.svg from the line coverage of the last `npm test`
 * (coverage/coverage-summary.json), drawn locally with badgen: no badge service is called.
 */
import { badgen } from 'badgen'
import { mkdir, readFile, writeFile } from 'node:fs/promises'

/**
 * badgen names the SVG's gradient and mask with random ids; named in order instead, the same
 * coverage always draws the same file, and `npm run all` leaves a clean tree clean.
 */
export function withStableIds(svg: string): string {
  const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!)
  return ids.reduce(
    (text, id, index) =>
      text.replaceAll(`id="${id}"`, `id="badge${index}"`).replaceAll(`url(#${id})`, `url(#badge${index})`),
    svg
  )
}

export function coverageBadge(percent: number): string {
  const color = percent >= 95 ? 'green' : percent >= 90 ? 'yellowgreen' : percent >= 80 ? 'yellow' : 'red'
  return withStableIds(badgen({ label: 'coverage', status: `${Math.floor(percent)}%`, color }))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = JSON.parse(await readFile('coverage/coverage-summary.json', 'utf8')) as {
    total: { lines: { pct: number } }
  }
  const percent = summary.total.lines.pct
  await mkdir('badges', { recursive: true })
  await writeFile('badges/coverage.svg', coverageBadge(percent))
  console.log(`badges/coverage.svg: ${percent}% of lines`)
}
