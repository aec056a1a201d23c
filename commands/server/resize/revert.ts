import {Args, Flags, OidCommand} from '../../../src/cli/index.js'
import {notes} from '../../../src/views/report.js'
import {serverSimpleAction} from '../../../src/workflows/compute-actions.js'

export default class ServerResizeRevert extends OidCommand<typeof ServerResizeRevert> {
  static override summary = 'Revert server resize.'
  static override description = 'Revert the resize operation. Release the new server and restart the old one. --wait (an openstackoid addition) polls until the server is ACTIVE (or SHUTOFF).'
  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override flags = {
    wait: Flags.boolean({description: 'Wait for the server to leave VERIFY_RESIZE (openstackoid only)'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds', default: 600, min: 1}),
  }

  static override examples = ['<%= config.bin %> server resize revert my-vm']

  async run() {
    return notes(await serverSimpleAction(this.router, 'revert', [this.args.server], {wait: this.flags.wait, waitTimeout: this.flags['wait-timeout']}))
  }
}
