import {Args, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {keypairDelete} from '../../src/workflows/compute-keypair.js'

export default class KeypairDelete extends OidCommand<typeof KeypairDelete> {
  static override summary = 'Delete public or private key(s)'
  static override description = 'With "&" on compute, deletes the key in every instance that has it.'
  static override strict = false
  static override args = {name: Args.string({description: 'Name of key(s) to delete (name only)', required: true})}
  static override examples = ['<%= config.bin %> keypair delete ci-key', '<%= config.bin %> keypair delete ci-key --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    return notes(await keypairDelete(this.router, this.positionals))
  }
}
