import {Args, Flags, floatFlag, OutputCommand} from '../../src/cli/index.js'
import {flavorCreatedView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {flavorCreate} from '../../src/workflows/flavor-manage.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'

export default class FlavorCreate extends OutputCommand<typeof FlavorCreate> {
  static override summary = 'Create new flavor'
  static override description = 'Admin only in Nova. With "&" on compute, one flavor is created in each instance.'
  static override args = {name: Args.string({description: 'New flavor name', required: true})}
  static override flags = {
    id: Flags.string({description: 'Unique flavor ID', helpValue: '<id>'}),
    ram: Flags.integer({description: 'Memory size in MB (default 256M)', helpValue: '<size-mb>', default: 256}),
    disk: Flags.integer({description: 'Disk size in GB (default 0G)', helpValue: '<size-gb>', default: 0}),
    ephemeral: Flags.integer({description: 'Ephemeral disk size in GB (default 0G)', helpValue: '<size-gb>', default: 0}),
    swap: Flags.integer({description: 'Additional swap space size in MB (default 0M)', helpValue: '<size-mb>', default: 0}),
    vcpus: Flags.integer({description: 'Number of vcpus (default 1)', helpValue: '<vcpus>', default: 1}),
    'rxtx-factor': floatFlag('rxtx-factor', {description: 'RX/TX factor (default 1.0)', helpValue: '<factor>'}),
    public: Flags.boolean({description: 'Flavor is available to other projects (default)', exclusive: ['private']}),
    private: Flags.boolean({description: 'Flavor is not available to other projects', exclusive: ['public']}),
    property: Flags.string({description: 'Property to add for this flavor (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    project: Flags.string({description: 'Allow <project> to access private flavor (name or ID) (Must be used with --private option)', helpValue: '<project>'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.', helpValue: '<project-domain>'}),
    description: Flags.string({description: "Description for the flavor.(Supported by API versions '2.55' - '2.latest'", helpValue: '<description>'}),
  }

  static override examples = [
    '<%= config.bin %> flavor create ci.small --ram 2048 --disk 20 --vcpus 2 --property hw:cpu_policy=shared',
    '<%= config.bin %> flavor create ci.private --private --project ci --scope \'{"compute": "InstanceOne & InstanceTwo"}\'',
  ]

  async run() {
    const f = this.flags
    const created = await flavorCreate(this.router, {
      name: this.args.name,
      id: f.id,
      ram: f.ram,
      disk: f.disk,
      ephemeral: f.ephemeral,
      swap: f.swap,
      vcpus: f.vcpus,
      rxtxFactor: f['rxtx-factor'] ?? 1,
      isPublic: !f.private,
      properties: lastValues(keyValues(f.property, 'property')),
      project: f.project,
      projectDomain: f['project-domain'],
      description: f.description,
    })
    return report(created, flavorCreatedView)
  }
}
