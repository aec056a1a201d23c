import {OutputCommand} from '../../src/cli/index.js'
import {catalogListView} from '../../src/views/catalog.js'
import {catalogOf} from '../../src/workflows/identity.js'

export default class CatalogList extends OutputCommand<typeof CatalogList> {
  static override summary = 'List services in the service catalog'
  static override examples = ['<%= config.bin %> catalog list', '<%= config.bin %> catalog list -f json --os-cloud InstanceTwo']

  async run() {
    return catalogListView((await catalogOf(this.router)).auth.catalog)
  }
}
