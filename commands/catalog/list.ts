import {OutputCommand} from '../../src/cli/base.js'
import {catalogListView} from '../../src/views/catalog.js'

export default class CatalogList extends OutputCommand<typeof CatalogList> {
  static override summary = 'List services in the service catalog'
  static override examples = ['<%= config.bin %> catalog list', '<%= config.bin %> catalog list -f json --os-cloud InstanceTwo']

  protected async execute() {
    await this.ctx.ready()
    const auth = await this.ctx.client('identity').session.authenticate()
    return catalogListView(auth.catalog)
  }
}
