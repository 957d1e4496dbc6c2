/**
 * `npm run demo`: starts the RyzeAPI simulator on 127.0.0.1, runs the bundled action against it
 * the way the runner does, and prints what a workflow would see.
 */
import { runAction } from '../__tests__/helpers/run-action.js'
import { DEFAULT_GROUP_JID, RyzeSimulator } from '../__tests__/simulator/ryze-simulator.js'

const simulator = new RyzeSimulator()
const baseUrl = await simulator.start()
try {
  const before = simulator.groups.get(DEFAULT_GROUP_JID)?.inviteCode ?? ''
  console.log(`RyzeAPI simulator listening on ${baseUrl}`)
  console.log(`Group ${DEFAULT_GROUP_JID}, current link https://chat.whatsapp.com/${before}\n`)
  console.log('Running dist/index.js with:')
  const inputs = simulator.actionInputs()
  for (const [name, value] of Object.entries(inputs)) {
    console.log(`  ${name}: ${name === 'token' ? '(the simulator token, masked)' : value}`)
  }

  const run = await runAction(inputs)
  console.log('\n--- action log ---')
  process.stdout.write(run.stdout.replace(/^::add-mask::.*\n/gm, ''))
  process.stdout.write(run.stderr)
  console.log('--- outputs ---')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value}`)
  if (run.exitCode !== 0) {
    console.error(`\nThe action failed (exit code ${String(run.exitCode)}).`)
    process.exitCode = 1
  } else {
    console.log(`\nNew invite link: ${run.outputs['invite-link'] ?? ''}`)
  }
} finally {
  await simulator.stop()
}
