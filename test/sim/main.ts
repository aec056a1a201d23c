/**
 * Runs the simulator standalone:
 *   node dist/test/sim/main.js [--instances InstanceOne,InstanceTwo] [--images N]
 *                              [--clouds-file path] [--port-base N] [--user admin]
 *                              [--build-polls N] [--max-microversion 2.96]
 * Writes a clouds.yaml, prints how to use it, and stays up until SIGINT/SIGTERM.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {defaultImageSeeds, extraImageSeeds, startSim} from './index.js'

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      instances: {type: 'string', default: 'InstanceOne,InstanceTwo'},
      images: {type: 'string', default: '0'},
      'clouds-file': {type: 'string'},
      'port-base': {type: 'string'},
      user: {type: 'string', default: 'admin'},
      'build-polls': {type: 'string'},
      'max-microversion': {type: 'string'},
      help: {type: 'boolean', short: 'h', default: false},
    },
  })
  if (values.help) {
    process.stdout.write('usage: node dist/test/sim/main.js [--instances A,B] [--images N] [--clouds-file PATH] [--port-base N] [--user NAME] [--build-polls N] [--max-microversion X.Y]\n')
    return
  }
  const names = values.instances.split(',').map((s) => s.trim()).filter(Boolean)
  const extra = Number(values.images)
  if (!Number.isInteger(extra) || extra < 0) throw new Error(`--images must be a non-negative integer, got ${values.images}`)
  const portBase = values['port-base'] ? Number(values['port-base']) : undefined
  const sim = await startSim({
    instances: names.map((name) => ({
      name,
      images: [...defaultImageSeeds(), ...extraImageSeeds(extra)],
      compute: {
        buildPolls: values['build-polls'] !== undefined ? Number(values['build-polls']) : undefined,
        maxMicroversion: values['max-microversion'],
      },
    })),
    portBase,
  })
  const file = values['clouds-file'] ? resolve(values['clouds-file']) : join(mkdtempSync(join(tmpdir(), 'oid-sim-clouds-')), 'clouds.yaml')
  writeFileSync(file, sim.cloudsYaml({user: values.user}))

  const out: string[] = ['openstackoid simulator up']
  for (const i of sim.instances) {
    out.push(`  ${i.name}: auth ${i.authUrl}  image ${i.baseUrl}/image  network http://127.0.0.1:${i.ports.network}/`)
    out.push(`    application credential: id ${i.appCredential.id} secret ${i.appCredential.secret}`)
  }
  out.push(`clouds.yaml: ${file}`, `  export OS_CLIENT_CONFIG_FILE=${file}`, `  openstack --os-cloud ${names[0]} image list`, 'Ctrl-C to stop.')
  process.stdout.write(out.join('\n') + '\n')

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    void sim.stop().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`sim: ${(e as Error)?.message ?? String(e)}\n`)
  process.exit(1)
})
