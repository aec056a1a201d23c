import {Args, Flags, OutputCommand} from '../../../src/cli/index.js'
import {report} from '../../../src/views/report.js'
import {addedVolumeView} from '../../../src/views/volume-snapshot.js'
import {serverAddVolume} from '../../../src/workflows/volume-snapshot.js'

export default class ServerAddVolume extends OutputCommand<typeof ServerAddVolume> {
  static override summary = 'Add volume to server'
  static override description =
    'Specify --os-compute-api-version 2.20 or higher to add a volume to a server with status SHELVED or SHELVED_OFFLOADED. The volume is found in the Cinder of the server\'s own instance: a block-storage scope on another instance is an error.'

  static override args = {
    server: Args.string({description: 'Server (name or ID)', required: true}),
    volume: Args.string({description: 'Volume to add (name or ID)', required: true}),
  }

  static override flags = {
    device: Flags.string({description: 'Server internal device name for volume'}),
    tag: Flags.string({description: 'Tag for the attached volume (supported by --os-compute-api-version 2.49 or above)'}),
    'enable-delete-on-termination': Flags.boolean({description: 'Delete the volume when the server is destroyed (supported by --os-compute-api-version 2.79 or above)', exclusive: ['disable-delete-on-termination']}),
    'disable-delete-on-termination': Flags.boolean({description: 'Do not delete the volume when the server is destroyed (supported by --os-compute-api-version 2.79 or above)', exclusive: ['enable-delete-on-termination']}),
  }

  static override examples = ['<%= config.bin %> server add volume worker-1 scratch --enable-delete-on-termination', '<%= config.bin %> server add volume worker-1 scratch --scope \'{"compute": "InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const deleteOnTermination = f['enable-delete-on-termination'] ? true : f['disable-delete-on-termination'] ? false : undefined
    return report(await serverAddVolume(this.router, this.args.server, this.args.volume, {device: f.device, tag: f.tag, deleteOnTermination}), addedVolumeView)
  }
}
