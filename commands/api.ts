import {Args, Flags, OidCommand} from '../src/cli/index.js'
import {apiReport} from '../src/views/api.js'
import {apiCall, apiRequest} from '../src/workflows/api.js'

export default class Api extends OidCommand<typeof Api> {
  static override summary = 'Send any request to a service, where the scope sends it'
  static override description =
    'SERVICE is a service type or alias (compute, image, network, identity, volume, placement…); METHOD defaults to GET; PATH is relative to the versioned endpoint (/servers/detail, /images?limit=2) and may carry a query string, sent as written. The request carries the session\'s token (and, for compute, the negotiated microversion); one request is sent, pages are not followed. The JSON reply is printed indented; under "&" one document keyed by instance name.'

  static override strict = false
  static override args = {
    service: Args.string({description: 'Service type or alias (compute, image, network, identity, volume, …)', required: true}),
    method: Args.string({description: 'HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE; default GET), or the PATH', required: true}),
    path: Args.string({description: 'Path relative to the versioned endpoint, e.g. /servers/detail'}),
  }

  static override flags = {
    body: Flags.string({description: 'Request body: JSON, or @file holding JSON', helpValue: '<json>|@<file>'}),
    header: Flags.string({description: 'Extra request header NAME:VALUE (repeat option to set multiple headers)', multiple: true, helpValue: '<name>:<value>'}),
  }

  static override examples = [
    '<%= config.bin %> api compute /servers/detail',
    '<%= config.bin %> api image "/images?limit=2" --scope \'{"image": "InstanceOne & InstanceTwo"}\'',
    '<%= config.bin %> api network POST /security-groups --body \'{"security_group": {"name": "ci"}}\'',
    '<%= config.bin %> api compute GET /os-hypervisors --header "OpenStack-API-Version: compute 2.88"',
  ]

  async run() {
    const call = apiCall({service: this.args.service, words: this.positionals.slice(1), body: this.flags.body, headers: this.flags.header})
    return apiReport(await apiRequest(this.router, call))
  }
}
