import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'
import {serverSet} from '../../src/workflows/server-set.js'

export default class ServerSet extends OidCommand<typeof ServerSet> {
  static override summary = 'Set server properties'
  static override description = 'With "&" on compute, changes the server in every instance that has it; with "|", in the first that has it.'
  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'New server name', helpValue: '<new-name>'}),
    password: Flags.string({description: 'Set the server password. This option requires cloud support.', helpValue: '<password>', exclusive: ['no-password', 'root-password']}),
    'no-password': Flags.boolean({description: 'Clear the admin password for the server from the metadata service; note that this action does not actually change the server password', exclusive: ['password', 'root-password']}),
    'root-password': Flags.boolean({description: 'Ask for the new password twice on the terminal (deprecated in OSC, kept for scripts)', hidden: true, exclusive: ['password', 'no-password']}),
    property: Flags.string({description: 'Property to add/change for this server (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    state: Flags.string({description: 'New server state **WARNING** This can result in instances that are no longer usable and should be used with caution (admin only)', helpValue: '<state>', options: ['active', 'error']}),
    description: Flags.string({description: 'New server description (supported by --os-compute-api-version 2.19 or above)', helpValue: '<description>'}),
    tag: Flags.string({description: 'Tag for the server. Specify multiple times to add multiple tags. (supported by --os-compute-api-version 2.26 or above)', helpValue: '<tag>', multiple: true, multipleNonGreedy: true}),
    hostname: Flags.string({description: 'Hostname configured for the server in the metadata service. A separate utility running in the guest is required to propagate changes to this value to the guest OS itself. (supported by --os-compute-api-version 2.90 or above)', helpValue: '<hostname>'}),
  }

  static override examples = ['<%= config.bin %> server set my-vm --property owner=ci --tag worker --description "CI worker"', '<%= config.bin %> server set my-vm --name new-name --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    return notes(
      await serverSet(this.router, this.args.server, {
        name: f.name,
        description: f.description,
        hostname: f.hostname,
        properties: lastValues(keyValues(f.property, 'property')),
        state: f.state as 'active' | 'error' | undefined,
        password: f.password,
        noPassword: f['no-password'],
        rootPassword: f['root-password'],
        tags: f.tag,
      }),
    )
  }
}
