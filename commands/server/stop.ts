import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {serverSimpleAction} from '../../src/workflows/compute-actions.js'

export default class ServerStop extends OidCommand<typeof ServerStop> {
  static override summary = 'Stop server(s).'
  static override description = 'With "&" on compute, acts in every instance that has the server; with "|", in the first that has it. --wait (an openstackoid addition) polls until the server is in its new state.'
  static override strict = false
  static override args = {server: Args.string({description: 'Server(s) to stop (name or ID)', required: true})}
  static override flags = {
    'all-projects': Flags.boolean({description: 'Stop server(s) in another project by name (admin only)'}),
    wait: Flags.boolean({description: 'Wait for the server to reach its new state (openstackoid only)'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds', default: 600, min: 1}),
  }

  static override examples = ['<%= config.bin %> server stop my-vm', '<%= config.bin %> server stop vm1 vm2 --wait --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return notes(await serverSimpleAction(this.router, 'stop', this.positionals, {wait: this.flags.wait, waitTimeout: this.flags['wait-timeout'], allProjects: this.flags['all-projects']}))
  }
}
