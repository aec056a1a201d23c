import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {serverDelete} from '../../src/workflows/server-manage.js'

export default class ServerDelete extends OidCommand<typeof ServerDelete> {
  static override summary = 'Delete server(s)'
  static override strict = false
  static override args = {server: Args.string({description: 'Server(s) to delete (name or ID)', required: true})}
  static override flags = {
    wait: Flags.boolean({description: 'Wait for delete to complete'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds', default: 600, min: 1}),
  }

  static override examples = ['<%= config.bin %> server delete my-vm', '<%= config.bin %> server delete vm1 vm2 --wait --scope \'{"compute": "InstanceTwo"}\'']

  async run() {
    return notes(await serverDelete(this.router, this.positionals, {wait: this.flags.wait, waitTimeout: this.flags['wait-timeout']}))
  }
}
