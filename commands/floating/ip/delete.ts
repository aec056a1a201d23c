import {Args, OidCommand} from '../../../src/cli/index.js'
import {notes} from '../../../src/views/report.js'
import {floatingIpDelete} from '../../../src/workflows/network-l3.js'

export default class FloatingIpDelete extends OidCommand<typeof FloatingIpDelete> {
  static override summary = 'Delete floating IP(s)'
  static override strict = false
  static override args = {'floating-ip': Args.string({description: 'Floating IP(s) to delete (IP address or ID)', required: true})}
  static override examples = ['<%= config.bin %> floating ip delete 172.24.4.10']

  async run() {
    return notes(await floatingIpDelete(this.router, this.positionals))
  }
}
