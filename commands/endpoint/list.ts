import {Flags, OutputCommand} from '../../src/cli/index.js'
import {endpointListView} from '../../src/views/identity-endpoint.js'
import {report} from '../../src/views/report.js'
import {endpointList} from '../../src/workflows/identity-endpoint.js'

export default class EndpointList extends OutputCommand<typeof EndpointList> {
  static override summary = 'List endpoints'
  static override flags = {
    service: Flags.string({description: 'Filter by service (type, name or ID)', helpValue: '<service>'}),
    interface: Flags.string({description: 'Filter by interface type (admin, public or internal)', options: ['admin', 'public', 'internal'], helpValue: '<interface>'}),
    region: Flags.string({description: 'Filter by region ID', helpValue: '<region-id>'}),
    endpoint: Flags.string({description: 'Endpoint to list filters', exclusive: ['project'], helpValue: '<endpoint-group>'}),
    project: Flags.string({description: 'Project to list filters (name or ID)', exclusive: ['endpoint'], helpValue: '<project>'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.', helpValue: '<project-domain>'}),
  }

  static override examples = [
    '<%= config.bin %> endpoint list --service image --interface public',
    '<%= config.bin %> endpoint list -c Region -c "Service Type" -c Interface -c URL -f json --scope \'{"identity": "InstanceOne & InstanceTwo"}\'',
  ]

  async run() {
    const {service, interface: iface, region, endpoint, project} = this.flags
    return report(await endpointList(this.router, {service, interface: iface, region, endpoint, project, projectDomain: this.flags['project-domain']}), endpointListView)
  }
}
