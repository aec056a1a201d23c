import {Args, OutputCommand} from '../../src/cli/index.js'
import {catalogServiceView} from '../../src/views/catalog.js'
import {catalogOf} from '../../src/workflows/identity.js'

export default class CatalogShow extends OutputCommand<typeof CatalogShow> {
  static override summary = 'Display service catalog details'
  static override args = {service: Args.string({description: 'Service to display (type or name)', required: true})}
  static override examples = ['<%= config.bin %> catalog show image', '<%= config.bin %> catalog show glance -f json']

  async run() {
    const {instance, auth} = await catalogOf(this.router)
    return catalogServiceView(auth.catalog, this.args.service, instance)
  }
}
