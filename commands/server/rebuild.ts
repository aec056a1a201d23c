import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {report} from '../../src/views/report.js'
import {rebuiltServerView} from '../../src/views/server.js'
import {serverRebuild} from '../../src/workflows/compute-actions.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'

export default class ServerRebuild extends OutputCommand<typeof ServerRebuild> {
  static override summary = 'Rebuild server'
  static override description = "The image is looked up in the Glance of the instance that runs the server (Nova reads only its own); the server's current image when --image is not given."
  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override flags = {
    image: Flags.string({description: 'Recreate server from the specified image (name or ID). Defaults to the currently used one.', helpValue: '<image>'}),
    name: Flags.string({description: 'Set the new name of the rebuilt server', helpValue: '<name>'}),
    password: Flags.string({description: 'Set the password on the rebuilt server. This option requires cloud support.', helpValue: '<password>'}),
    property: Flags.string({description: 'Set a new property on the rebuilt server (repeat option to set multiple values)', helpValue: '<key=value>', multiple: true}),
    description: Flags.string({description: 'Set a new description on the rebuilt server (supported by --os-compute-api-version 2.19 or above)', helpValue: '<description>'}),
    wait: Flags.boolean({description: 'Wait for rebuild to complete'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds (OSC waits forever)', default: 600, min: 1}),
  }

  static override examples = ['<%= config.bin %> server rebuild my-vm --image debian-12-generic --wait']

  async run() {
    const f = this.flags
    const result = await serverRebuild(this.router, this.args.server, {
      image: f.image,
      name: f.name,
      password: f.password,
      properties: lastValues(keyValues(f.property, 'property')),
      description: f.description,
      wait: f.wait,
      waitTimeout: f['wait-timeout'],
    })
    if (f.wait && result.outcomes.some((outcome) => outcome.ok)) this.log('Complete')
    return report(result, rebuiltServerView)
  }
}
