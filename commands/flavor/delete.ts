import {Args, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {flavorDelete} from '../../src/workflows/flavor-manage.js'

export default class FlavorDelete extends OidCommand<typeof FlavorDelete> {
  static override summary = 'Delete flavor(s)'
  static override description = 'Admin only in Nova. With "&" on compute, deletes the flavor in every instance that has it; with "|", in the first that has it.'
  static override strict = false
  static override args = {flavor: Args.string({description: 'Flavor(s) to delete (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> flavor delete ci.small', '<%= config.bin %> flavor delete ci.small ci.large --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return notes(await flavorDelete(this.router, this.positionals))
  }
}
