import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {checkBootSource, parseBlockDevice, parseEphemeral, parseLegacyMapping} from '../../src/workflows/block-devices.js'
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
    image: Flags.string({description: 'Create server boot disk from this image (name or ID)'}),
    'image-property': Flags.string({description: 'Create server using the image that matches the specified property. Property must match exactly one property.', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    volume: Flags.string({description: 'Create server using this volume as the boot disk (name or ID). This option automatically creates a block device mapping with a boot index of 0. A volume still being created is waited for.'}),
    snapshot: Flags.string({description: 'Create server using this snapshot as the boot disk (name or ID). This option automatically creates a block device mapping with a boot index of 0.'}),
    'boot-from-volume': Flags.integer({description: 'With --image or --image-property: boot from a new volume of this size (GB) that Nova makes from the image (in the compute instance\'s Cinder, from its copy of the image). The root volume is not deleted with the server. Not with --volume or --snapshot.', helpValue: '<volume-size>'}),
    'block-device-mapping': Flags.string({description: '**Deprecated** Create a block device on the server: <dev-name>=<id>:<type>:<size(GB)>:<delete-on-terminate>; type volume, snapshot or image (default volume). Replaced by --block-device.', helpValue: '<dev-name=mapping>', multiple: true, multipleNonGreedy: true}),
    'block-device': Flags.string({description: 'Create a block device on the server: a path to a JSON file or CSV key=value pairs. Keys: uuid, source_type (image, snapshot, volume, blank), destination_type (volume, local), disk_bus, device_type, device_name, volume_size, guest_format, boot_index, delete_on_termination, tag (2.42+), volume_type (2.67+). Repeatable.', multiple: true, multipleNonGreedy: true}),
    swap: Flags.integer({description: 'Create and attach a local swap block device of <swap_size> MiB.', helpValue: '<swap>'}),
    ephemeral: Flags.string({description: 'Create and attach a local ephemeral block device of <size> GiB and format it to <format>. Repeatable.', helpValue: '<size=size[,format=format]>', multiple: true, multipleNonGreedy: true}),
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
    '<%= config.bin %> server create worker --flavor m1.small --block-device uuid=debian-12-id,source_type=image,destination_type=volume,volume_size=10,boot_index=0,delete_on_termination=true --property build=42 --wait',
    '<%= config.bin %> server create worker --flavor m1.small --image debian-12 --boot-from-volume 10 --scope \'{"compute": "InstanceOne", "image": "InstanceTwo"}\' --wait',
  ]

  async run() {
    const f = this.flags
    const ephemerals = (f.ephemeral ?? []).map((value) => parseEphemeral(value))
    const legacy = (f['block-device-mapping'] ?? []).map((value) => parseLegacyMapping(value))
    const blockDevices = (f['block-device'] ?? []).map((value) => parseBlockDevice(value))
    checkBootSource(this.argv, blockDevices)
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
      blockDevices: {
        volume: f.volume,
        snapshot: f.snapshot,
        bootFromVolume: f['boot-from-volume'],
        swap: f.swap,
        ephemerals,
        legacy,
        blockDevices,
      },
    })
    return report(result, createdServerView)
  }
}
