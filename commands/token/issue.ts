import {OutputCommand} from '../../src/cli/index.js'
import {report} from '../../src/views/report.js'
import {tokenView} from '../../src/views/token.js'
import {tokenIssue} from '../../src/workflows/identity.js'

export default class TokenIssue extends OutputCommand<typeof TokenIssue> {
  static override summary = 'Issue new token'
  static override description = 'Prints the token of the current session (from the token cache when it is still valid), with its expiry, project and user.'
  static override examples = [
    '<%= config.bin %> token issue',
    '<%= config.bin %> token issue -c project_id -f value --os-cloud TARGET',
    '<%= config.bin %> token issue --scope \'{"identity": "InstanceTwo"}\'',
  ]

  async run() {
    const result = await tokenIssue(this.router)
    return report(result, tokenView)
  }
}
