import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {keypairView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {keypairShow} from '../../src/workflows/compute-keypair.js'

export default class KeypairShow extends OutputCommand<typeof KeypairShow> {
  static override summary = 'Display key details'
  static override args = {name: Args.string({description: 'Public or private key to display (name only)', required: true})}
  static override flags = {'public-key': Flags.boolean({description: 'Show only bare public key paired with the generated key'})}
  static override examples = ['<%= config.bin %> keypair show ci-key', '<%= config.bin %> keypair show ci-key --public-key']

  async run() {
    const result = await keypairShow(this.router, this.args.name)
    if (!this.flags['public-key']) return report(result, (keypair) => keypairView(keypair))
    const shown = report(result, (keypair) => keypairView(keypair))
    for (const outcome of result.outcomes) if (outcome.ok) process.stdout.write(outcome.value.public_key ?? '')
    return {...shown, view: shown.view && {kind: 'show' as const, fields: [], values: []}}
  }
}
