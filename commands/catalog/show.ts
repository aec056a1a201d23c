import {Args} from '../../src/startup/oclif.js'

import {OutputCommand} from '../../src/cli/base.js'
import {OidError} from '../../src/errors.js'
import {catalogShowView} from '../../src/views/catalog.js'

export default class CatalogShow extends OutputCommand<typeof CatalogShow> {
  static override summary = 'Display service catalog details'
  static override args = {service: Args.string({description: 'Service to display (type or name)', required: true})}
  static override examples = ['<%= config.bin %> catalog show image', '<%= config.bin %> catalog show glance -f json']

  protected async execute() {
    await this.ctx.ready()
    const auth = await this.ctx.client('identity').session.authenticate()
    const view = catalogShowView(auth.catalog, this.args.service)
    if (!view) {
      // OSC logs "service x not found" and exits 0; a script deserves a failure.
      const types = [...new Set(auth.catalog.map((service) => service.type))].sort().join(', ')
      throw new OidError(`service ${this.args.service} not found`, {hint: `The catalog of ${this.ctx.homeSession().name} has: ${types}.`})
    }

    return view
  }
}
