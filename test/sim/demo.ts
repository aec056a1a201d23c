/**
 * `npm run demo`: starts the two-instance simulator (Keystone, Glance, Nova, Neutron in each) and
 * plays the story with the real CLI, printing each command before its output.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {startSim, type Sim} from './index.js'

const ROOT = resolve(import.meta.dirname, '../../..')
/** `--bin PATH`: the CLI to run (an installed `openstackoid`, as .ci/run does); else bin/run.js. */
const binAt = process.argv.indexOf('--bin')
const BIN = binAt > 0 ? resolve(process.argv[binAt + 1] ?? '') : join(ROOT, 'bin', 'run.js')
if (binAt > 0 && !existsSync(BIN)) {
  console.error(`--bin: ${BIN} does not exist.`)
  process.exit(2)
}
/** `--real`: the same story on the two real OpenStack instances of test/integration/cloud.sh. */
const REAL = process.argv.includes('--real')
const REAL_CLOUDS = join(ROOT, 'test', 'integration', 'state', 'clouds.yaml')

const dir = mkdtempSync(join(tmpdir(), 'oid-demo-'))
let sim: Sim | undefined
let cloudsFile = REAL_CLOUDS
if (REAL) {
  if (!existsSync(REAL_CLOUDS)) {
    console.error('The real instances are not running: start them with `bash test/integration/cloud.sh install && bash test/integration/cloud.sh start`.')
    process.exit(2)
  }
} else {
  sim = await startSim({instances: [{name: 'InstanceOne', images: []}, 'InstanceTwo']})
  cloudsFile = join(dir, 'clouds.yaml')
  writeFileSync(cloudsFile, sim.cloudsYaml())
}

const IMAGE = REAL ? 'cirros-demo' : 'cirros-0.6.2-x86_64-disk'
const env = {...process.env, OS_CLIENT_CONFIG_FILE: cloudsFile, XDG_CACHE_HOME: join(dir, 'cache'), COLUMNS: process.env.COLUMNS ?? '160'}

function split(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2])
}

/** Prints the command, then runs the real CLI (asynchronously: the simulator lives in this process). */
async function show(line: string, note?: string): Promise<void> {
  if (note) process.stdout.write(`\n# ${note}\n`)
  process.stdout.write(`$ openstackoid ${line}\n`)
  const code = await new Promise<number>((done) => {
    const [command, args] = BIN.endsWith('.js') ? [process.execPath, [BIN, ...split(line)]] : [BIN, split(line)]
    const child = spawn(command, args, {env, stdio: ['ignore', 'inherit', 'inherit']})
    child.on('error', () => done(127))
    child.on('close', (status) => done(status ?? 1))
  })
  if (code !== 0) throw new Error(`the demo stopped: exit ${code}`)
}

const SCOPE = `'{"compute": "InstanceOne", "image": "InstanceTwo"}'`
try {
  if (sim) console.log(`Two independent OpenStack instances (the simulator) on 127.0.0.1: ${sim.instances.map((i) => `${i.name} (${i.authUrl})`).join(', ')}`)
  else console.log('Two independent real OpenStack instances (Debian packages) on 127.0.0.1: InstanceOne and InstanceTwo')
  console.log(`Each has its own Keystone, Glance, Nova and Neutron; clouds.yaml: ${cloudsFile}`)
  if (REAL) {
    const disk = join(dir, 'cirros-demo.img')
    writeFileSync(disk, Buffer.alloc(16 * 1024 * 1024, 1))
    await show(`image create ${IMAGE} --file ${disk} --disk-format qcow2 --public --os-cloud InstanceTwo -c name -c status -c checksum -c size`, 'An image in InstanceTwo only')
  }

  await show('token issue --os-cloud InstanceOne -c project_id -c expires', 'Two Keystones: two tokens, two projects')
  await show('token issue --os-cloud InstanceTwo -c project_id -c expires')
  await show('image list --os-cloud InstanceOne', 'InstanceOne has no image; InstanceTwo has cirros')
  await show('image list --os-cloud InstanceTwo')
  await show(`image list --os-cloud InstanceOne --scope '{"image": "InstanceTwo"}'`, 'Scoped: the image service of InstanceTwo, from InstanceOne')
  await show(`image list --os-cloud InstanceOne --scope '{"image": "InstanceOne & InstanceTwo"}' --long -c Instance -c Name -c Size`, '"&": every instance, merged')
  await show(`scope show --os-cloud InstanceOne --scope ${SCOPE} -c 'Service Type' -c Instance -c Endpoint -c Version -c Microversions -c Token`, 'Where each service goes')
  const nic = REAL ? '--no-network' : '--network private'
  await show(`server create my-vm --flavor m1.tiny --image ${IMAGE} ${nic} --os-cloud InstanceOne --scope ${SCOPE} --wait -c name -c status -c image -c image_origin -c addresses`, 'The headline: boot in InstanceOne from InstanceTwo\'s image (Nova reads only its own Glance: the image is copied, verified, then booted)')
  await show(`server create my-vm2 --flavor m1.tiny --image ${IMAGE} --no-network --os-cloud InstanceOne --scope ${SCOPE} --wait -c name -c status -c image_origin`, 'A second boot reuses the verified copy')
  await show(`server create ci-worker --flavor m1.tiny --image ${IMAGE} --no-network --os-cloud InstanceTwo --wait -c name -c status`)
  await show(`server list --os-cloud InstanceOne --scope '{"compute": "InstanceOne & InstanceTwo"}'`, 'Servers across both instances')
  await show('server delete my-vm my-vm2 --wait --os-cloud InstanceOne', 'Cleanup')
  await show('server delete ci-worker --wait --os-cloud InstanceTwo')
  await show(`image delete ${IMAGE} --os-cloud InstanceOne`)
  if (REAL) await show(`image delete ${IMAGE} --os-cloud InstanceTwo`)
  await show(`server list --os-cloud InstanceOne --scope '{"compute": "InstanceOne & InstanceTwo"}' --print-empty`)
} catch (error) {
  // Any failed command fails the demo (CI runs it with --bin).
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await sim?.stop()
  rmSync(dir, {recursive: true, force: true})
}
