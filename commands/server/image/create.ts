import {Args, Flags, OutputCommand} from '../../../src/cli/index.js'
import {imageShowView} from '../../../src/views/image.js'
import {report} from '../../../src/views/report.js'
import {serverImageCreate} from '../../../src/workflows/compute-actions.js'
import {keyValues, lastValues} from '../../../src/workflows/nics.js'

export default class ServerImageCreate extends OutputCommand<typeof ServerImageCreate> {
  static override summary = 'Create a new server disk image from an existing server'
  static override description = 'The snapshot lands in the Glance of the instance that runs the server. With "&" on compute, one snapshot in each instance that has the server.'
  static override args = {server: Args.string({description: 'Server to create image (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'Name of new disk image (default: server name)', helpValue: '<image-name>'}),
    property: Flags.string({description: 'Set a new property to meta_data.json on the metadata server (repeat option to set multiple values)', helpValue: '<key=value>', multiple: true}),
    wait: Flags.boolean({description: 'Wait for operation to complete'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds (OSC waits forever)', default: 1800, min: 1}),
  }

  static override examples = ['<%= config.bin %> server image create my-vm --name my-vm-snap --wait']

  async run() {
    const f = this.flags
    const result = await serverImageCreate(this.router, this.args.server, {name: f.name, properties: lastValues(keyValues(f.property, 'property')), wait: f.wait, waitTimeout: f['wait-timeout']})
    // OSC ends its progress line after a successful wait.
    if (f.wait && result.outcomes.some((outcome) => outcome.ok)) process.stdout.write('\n')
    return report(result, (image) => imageShowView(image))
  }
}
