import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {keyValues, lastValues, nicsFromArgv} from '../../src/workflows/nics.js'
import {serverCreate} from '../../src/workflows/server-create.js'
import {report} from '../../src/views/report.js'
import {createdServerView, SERVER_DETAIL_FIELDS} from '../../src/views/server.js'

export default class ServerCreate extends OutputCommand<typeof ServerCreate> {
  static override summary = 'Create a new server'
  static override description =
    'Boots a server where the scope sends compute, from an image where the scope sends image. When the image lives in another instance, it is copied into the compute instance\'s Glance first (streamed, verified), or an earlier verified copy is reused: Nova only reads its own Glance. With "&" on compute, one server is booted in each instance.'

  static override columns = {service: 'compute', fields: SERVER_DETAIL_FIELDS}
  static override args = {'server-name': Args.string({description: 'New server name', required: true})}

  static override flags = {
    flavor: Flags.string({description: 'Create server with this flavor (name or ID)', required: true}),
    image: Flags.string({description: 'Create server boot disk from this image (name or ID)', exclusive: ['image-property']}),
    'image-property': Flags.string({description: 'Create server using the image that matches the specified property. Property must match exactly one property.', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    network: Flags.string({description: 'Create a NIC on the server and connect it to network (name or ID). Repeat for more NICs.', multiple: true, multipleNonGreedy: true}),
    port: Flags.string({description: 'Create a NIC on the server and connect it to port (name or ID). Repeat for more NICs.', multiple: true, multipleNonGreedy: true}),
    nic: Flags.string({description: "Create a NIC on the server: net-id=<net>,port-id=<port>,v4-fixed-ip=<ip>,v6-fixed-ip=<ip>,tag=<tag>, or 'auto' or 'none'. Repeatable.", multiple: true, multipleNonGreedy: true, helpValue: '<net-id=net-uuid,...>|auto|none'}),
    'no-network': Flags.boolean({description: 'Do not attach a network to the server (same as --nic none)'}),
    'auto-network': Flags.boolean({description: 'Attach a network to the server automatically (same as --nic auto)'}),
    'security-group': Flags.string({description: 'Security group to assign to this server (name or ID). Repeatable.', multiple: true, multipleNonGreedy: true}),
    'key-name': Flags.string({description: 'Keypair to inject into this server'}),
    property: Flags.string({description: 'Set a property on this server (repeat option to set multiple values)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    'user-data': Flags.string({description: 'User data file to serve from the metadata server'}),
    'availability-zone': Flags.string({description: 'Select an availability zone for the server'}),
    hint: Flags.string({description: 'Hints for the scheduler (repeatable)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    min: Flags.integer({description: 'Minimum number of servers to launch (default=1)', default: 1}),
    max: Flags.integer({description: 'Maximum number of servers to launch (default=1)', default: 1}),
    description: Flags.string({description: 'Set description for the server (supported by --os-compute-api-version 2.19 or above)'}),
    tag: Flags.string({description: 'Tags for the server (supported by --os-compute-api-version 2.52 or above). Repeatable.', multiple: true, multipleNonGreedy: true}),
    'config-drive': Flags.string({description: 'Use specified volume as the config drive, or "True" to use an ephemeral drive'}),
    'use-config-drive': Flags.boolean({description: 'Enable config drive', exclusive: ['no-config-drive', 'config-drive']}),
    'no-config-drive': Flags.boolean({description: 'Disable config drive', exclusive: ['use-config-drive', 'config-drive']}),
    password: Flags.string({description: 'Set the password of this server'}),
    wait: Flags.boolean({description: 'Wait for build to complete'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds (OSC waits forever)', default: 1800, min: 1}),
  }

  static override examples = [
    '<%= config.bin %> server create my-vm --flavor m1.tiny --image cirros --network private --wait',
    '<%= config.bin %> server create my-vm --flavor m1.tiny --image cirros --scope \'{"compute": "InstanceOne", "image": "InstanceTwo"}\' --wait',
    '<%= config.bin %> server create ci-worker --flavor m1.small --image debian-12 --no-network --scope \'{"compute": "InstanceOne & InstanceTwo", "image": "InstanceTwo"}\' --wait',
  ]

  async run() {
    const f = this.flags
    const result = await serverCreate(this.router, {
      name: this.args['server-name'],
      flavor: f.flavor,
      image: f.image,
      imageProperties: lastValues(keyValues(f['image-property'], 'image-property')),
      nics: nicsFromArgv(this.argv),
      securityGroups: f['security-group'] ?? [],
      keyName: f['key-name'],
      properties: lastValues(keyValues(f.property, 'property')),
      userData: f['user-data'],
      availabilityZone: f['availability-zone'],
      hints: keyValues(f.hint, 'hint'),
      min: f.min,
      max: f.max,
      description: f.description,
      tags: f.tag ?? [],
      configDrive: f['use-config-drive'] ? true : f['no-config-drive'] ? false : f['config-drive'],
      password: f.password,
      wait: f.wait,
      waitTimeout: f['wait-timeout'],
    })
    return report(result, createdServerView)
  }
}
