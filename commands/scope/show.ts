import {OutputCommand} from '../../src/cli/index.js'
import {scopeView} from '../../src/views/scope.js'
import {scopeFailures, scopeRows} from '../../src/workflows/scope-show.js'

export default class ScopeShow extends OutputCommand<typeof ScopeShow> {
  static override summary = 'Show where each service goes under the given --scope'
  static override description =
    'For each service type: the scope expression, each instance it names (the home cloud when the scope does not name the service), its endpoint, region, interface, API version (with the microversion range for compute) and whether a cached token is there. Use it to check a scope before running the real command.'

  static override examples = [
    '<%= config.bin %> scope show --os-cloud InstanceOne --scope \'{"compute": "InstanceOne", "image": "InstanceTwo"}\'',
    '<%= config.bin %> scope show --scope \'{"image": "InstanceOne & InstanceTwo"}\' -f json',
    'OS_SCOPE=\'{"image": "InstanceTwo | InstanceOne"}\' <%= config.bin %> scope show -c "Service Type" -c Instance',
  ]

  async run() {
    const rows = await scopeRows(this.router, this.router.scope)
    return {kind: 'report' as const, view: scopeView(rows), notes: [], failures: scopeFailures(rows)}
  }
}
