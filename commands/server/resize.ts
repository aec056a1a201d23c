import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {serverResize, serverSimpleAction} from '../../src/workflows/compute-actions.js'

export default class ServerResize extends OidCommand<typeof ServerResize> {
  static override summary = 'Scale server to a new flavor.'
  static override description =
    'A resize is a two-step process: resize (the server goes to VERIFY_RESIZE), then confirm (server resize confirm) or revert (server resize revert). The flavor is looked up in the instance that runs the server.'

  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override flags = {
    flavor: Flags.string({description: 'Resize server to specified flavor', exclusive: ['confirm', 'revert'], helpValue: '<flavor>'}),
    confirm: Flags.boolean({description: "**Deprecated** Confirm server resize is complete. Replaced by the 'openstack server resize confirm' command", exclusive: ['flavor', 'revert']}),
    revert: Flags.boolean({description: "**Deprecated** Restore server state before resize. Replaced by the 'openstack server resize revert' command", exclusive: ['flavor', 'confirm']}),
    wait: Flags.boolean({description: 'Wait for resize to complete'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds (OSC waits forever)', default: 600, min: 1}),
  }

  static override examples = ['<%= config.bin %> server resize my-vm --flavor m1.small --wait', '<%= config.bin %> server resize confirm my-vm']

  async run() {
    const f = this.flags
    const wait = {wait: f.wait, waitTimeout: f['wait-timeout']}
    if (f.flavor) {
      const result = notes(await serverResize(this.router, this.args.server, f.flavor, wait))
      if (f.wait) this.log('Complete')
      return result
    }

    if (!f.confirm && !f.revert) return undefined
    const option = f.confirm ? 'confirm' : 'revert'
    const deprecated = `The --${option} option has been deprecated. Please use the 'openstack server resize ${option}' command instead.`
    const done = await serverSimpleAction(this.router, option, [this.args.server], {wait: false, waitTimeout: f['wait-timeout']})
    return notes([deprecated, ...done])
  }
}
