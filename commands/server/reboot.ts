import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {serverReboot} from '../../src/workflows/compute-actions.js'

export default class ServerReboot extends OidCommand<typeof ServerReboot> {
  static override summary = 'Perform a hard or soft server reboot'
  static override description = 'With "&" on compute, reboots the server in every instance that has it; with "|", in the first that has it.'
  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override flags = {
    hard: Flags.boolean({description: 'Perform a hard reboot', exclusive: ['soft']}),
    soft: Flags.boolean({description: 'Perform a soft reboot', exclusive: ['hard']}),
    wait: Flags.boolean({description: 'Wait for reboot to complete'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds (OSC waits forever)', default: 600, min: 1}),
  }

  static override examples = ['<%= config.bin %> server reboot my-vm', '<%= config.bin %> server reboot my-vm --hard --wait']

  async run() {
    const result = notes(await serverReboot(this.router, this.args.server, this.flags.hard, {wait: this.flags.wait, waitTimeout: this.flags['wait-timeout']}))
    if (this.flags.wait) this.log('Complete')
    return result
  }
}
