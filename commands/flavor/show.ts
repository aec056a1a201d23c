import {Args, OutputCommand} from '../../src/cli/index.js'
import {flavorShowView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {flavorShow} from '../../src/workflows/compute-info.js'

export default class FlavorShow extends OutputCommand<typeof FlavorShow> {
  static override summary = 'Display flavor details'
  static override args = {flavor: Args.string({description: 'Flavor to display (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> flavor show m1.tiny', '<%= config.bin %> flavor show m1.small --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return report(await flavorShow(this.router, this.args.flavor), flavorShowView)
  }
}
