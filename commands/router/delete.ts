import {Args, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {routerDelete} from '../../src/workflows/network-l3.js'

export default class RouterDelete extends OidCommand<typeof RouterDelete> {
  static override summary = 'Delete router(s)'
  static override strict = false
  static override args = {router: Args.string({description: 'Router(s) to delete (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> router delete r1', '<%= config.bin %> router delete ci --scope \'{"network": "A & B"}\'']

  async run() {
    return notes(await routerDelete(this.router, this.positionals))
  }
}
