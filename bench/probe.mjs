// Preloaded (--import) into every measured process alike: on exit it writes the peak memory, the
// CPU time (user + system), whether Node's built-in undici was loaded and, when asked, every module
// file the process loaded, to the file named by BENCH_REPORT.
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

const loaded = []
if (process.env.BENCH_TRACE_MODULES) {
  registerHooks({
    load(url, context, nextLoad) {
      loaded.push(url)
      return nextLoad(url, context)
    }
  })
}
process.on('exit', () => {
  if (process.env.BENCH_REPORT) {
    const usage = process.resourceUsage()
    const undici = process.moduleLoadList.some((name) => name.includes('undici'))
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
    writeFileSync(process.env.BENCH_REPORT, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs, undici, loaded }))
  }
})
