import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {serverUnset} from '../../src/workflows/server-set.js'

export default class ServerUnset extends OidCommand<typeof ServerUnset> {
  static override summary = 'Unset server properties and tags'
  static override description = 'With "&" on compute, changes the server in every instance that has it; with "|", in the first that has it.'
  static override args = {server: Args.string({description: 'Server (name or ID)', required: true})}
  static override flags = {
    property: Flags.string({description: 'Property key to remove from server (repeat option to remove multiple values)', helpValue: '<key>', multiple: true, multipleNonGreedy: true}),
    description: Flags.boolean({description: 'Unset server description (supported by --os-compute-api-version 2.19 or above)'}),
    tag: Flags.string({description: 'Tag to remove from the server. Specify multiple times to remove multiple tags. (supported by --os-compute-api-version 2.26 or above)', helpValue: '<tag>', multiple: true, multipleNonGreedy: true}),
  }

  static override examples = ['<%= config.bin %> server unset my-vm --property owner --tag worker --description']

  async run() {
    const f = this.flags
    return notes(await serverUnset(this.router, this.args.server, {properties: f.property, description: f.description, tags: f.tag}))
  }
}
