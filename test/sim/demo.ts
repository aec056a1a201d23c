/**
 * `npm run demo`: starts the two-instance simulator and plays the story with the real CLI,
 * printing each command before its output. Later issues add to the story.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {startSim} from './index.js'

const BIN = resolve(import.meta.dirname, '../../../bin/run.js')

const sim = await startSim({instances: ['InstanceOne', 'InstanceTwo']})
const dir = mkdtempSync(join(tmpdir(), 'oid-demo-'))
const cloudsFile = join(dir, 'clouds.yaml')
writeFileSync(cloudsFile, sim.cloudsYaml())
const env = {...process.env, OS_CLIENT_CONFIG_FILE: cloudsFile, XDG_CACHE_HOME: join(dir, 'cache')}

async function show(line: string): Promise<void> {
  process.stdout.write(`\n$ openstackoid ${line}\n`)
  // The simulator runs in this process: spawn asynchronously so it keeps answering.
  const {spawn} = await import('node:child_process')
  await new Promise<void>((done) => {
    const child = spawn(process.execPath, [BIN, ...split(line)], {env, stdio: ['ignore', 'inherit', 'inherit']})
    child.on('close', () => done())
  })
}

function split(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2])
}

try {
  console.log(`Two independent OpenStack instances are up: ${sim.instances.map((i) => `${i.name} (${i.authUrl})`).join(', ')}`)
  console.log(`clouds.yaml: ${cloudsFile}`)
  await show('token issue --os-cloud InstanceOne -c project_id -c expires')
  await show('token issue --os-cloud InstanceTwo -c project_id -c expires')
  await show('image list --os-cloud InstanceOne')
  await show('image list --os-cloud InstanceTwo --long -c Name -c Size -c Visibility')
  await show('image show cirros-0.6.2-x86_64-disk --os-cloud InstanceTwo -c id -c checksum -c size')
  await show('catalog list --os-cloud InstanceOne -c Type -c Endpoints')
} finally {
  await sim.stop()
  rmSync(dir, {recursive: true, force: true})
}
