import {OutputCommand} from '../../src/cli/base.js'
import {fanout} from '../../src/router.js'
import {report} from '../../src/views/report.js'
import {tokenView} from '../../src/views/token.js'

export default class TokenIssue extends OutputCommand<typeof TokenIssue> {
  static override summary = 'Issue new token'
  static override description = 'Prints the token of the current session (from the token cache when it is still valid), with its expiry, project and user.'
  static override examples = [
    '<%= config.bin %> token issue',
    '<%= config.bin %> token issue -c project_id -f value --os-cloud TARGET',
    '<%= config.bin %> token issue --scope \'{"identity": "InstanceTwo"}\'',
  ]

  protected async execute() {
    await this.ctx.ready()
    const result = await fanout(this.ctx, 'identity', 'read', async (client) => client.session.authenticate())
    return report(result, tokenView)
  }
}
