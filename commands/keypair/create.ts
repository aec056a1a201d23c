import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {keypairView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {keypairCreate} from '../../src/workflows/compute-keypair.js'

export default class KeypairCreate extends OutputCommand<typeof KeypairCreate> {
  static override summary = 'Create new public or private key for server ssh access'
  static override description =
    'Without --public-key, a key pair is generated here (RSA 2048) and its public part registered; the private key is printed, or written to --private-key with mode 0600. With "&" on compute, the same public key is registered in every instance (a generated key is generated once).'

  static override args = {name: Args.string({description: 'New public or private key name', required: true})}
  static override flags = {
    'public-key': Flags.string({description: 'Filename for public key to add. If not used, creates a private key.', helpValue: '<file>', exclusive: ['private-key']}),
    'private-key': Flags.string({description: 'Filename for private key to save. If not used, print private key in console.', helpValue: '<file>', exclusive: ['public-key']}),
    type: Flags.string({description: "Keypair type. Can be ssh or x509. (Supported by API versions '2.2' - '2.latest')", options: ['ssh', 'x509'], helpValue: '<type>'}),
  }

  static override examples = ['<%= config.bin %> keypair create ci-key --public-key ~/.ssh/id_ed25519.pub --scope \'{"compute": "InstanceOne & InstanceTwo"}\'', '<%= config.bin %> keypair create ci-key --private-key ci-key.pem']

  async run() {
    const f = this.flags
    const {created, printKey} = await keypairCreate(this.router, {name: this.args.name, publicKey: f['public-key'], privateKey: f['private-key'], type: f.type as 'ssh' | 'x509' | undefined})
    const result = report(created, (keypair) => keypairView(keypair, true))
    if (f['public-key'] || f['private-key']) return result
    if (printKey) process.stdout.write(printKey)
    return {...result, view: result.view && {kind: 'show' as const, fields: [], values: []}}
  }
}
