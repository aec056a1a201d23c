import {Args, OidCommand} from '../../src/cli/index.js'
import {tokenRevoke} from '../../src/workflows/identity-token.js'

export default class TokenRevoke extends OidCommand<typeof TokenRevoke> {
  static override summary = 'Revoke existing token'
  static override description = 'Revokes the token at the Keystone that issued it (DELETE /v3/auth/tokens). When it is the cached token of an instance, the cache forgets it: the next command authenticates anew.'
  static override args = {token: Args.string({description: 'Token to be deleted', required: true})}
  static override examples = ['<%= config.bin %> token revoke "$(<%= config.bin %> token issue -f value -c id)"']

  async run() {
    await tokenRevoke(this.router, this.args.token)
    return undefined
  }
}
