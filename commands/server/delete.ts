import {Args, Flags} from '../../src/startup/oclif.js'

import {OidCommand} from '../../src/cli/base.js'
import {OidError} from '../../src/errors.js'
import {singleClient} from '../../src/router.js'
import {deleteServer, findServer} from '../../src/services/compute.js'
import {waitForDelete} from '../../src/workflows/wait.js'

export default class ServerDelete extends OidCommand<typeof ServerDelete> {
  static override summary = 'Delete server(s)'
  static override strict = false
  static override args = {server: Args.string({description: 'Server(s) to delete (name or ID)', required: true})}
  static override flags = {
    wait: Flags.boolean({description: 'Wait for delete to complete'}),
    'wait-timeout': Flags.integer({description: 'Give up waiting after this many seconds', default: 600, min: 1}),
  }

  static override examples = ['<%= config.bin %> server delete my-vm', '<%= config.bin %> server delete vm1 vm2 --wait --scope \'{"compute": "InstanceTwo"}\'']

  protected async execute() {
    await this.ctx.ready()
    const compute = singleClient(this.ctx, 'compute', 'server delete')
    const names = this.positionals
    const failures: string[] = []
    for (const name of names) {
      try {
        const server = await findServer(compute, name)
        await deleteServer(compute, server.id)
        if (this.flags.wait) await waitForDelete(compute, server.id, this.flags['wait-timeout'])
      } catch (error) {
        if (!(error instanceof OidError)) throw error
        failures.push(`Failed to delete server with name or ID '${name}': ${error.message}`)
      }
    }

    if (failures.length > 0) {
      throw new OidError(`${failures.join('\n')}\n${failures.length} of ${names.length} servers failed to delete.`)
    }

    return undefined
  }
}
