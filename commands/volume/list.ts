import {Flags, OutputCommand} from '../../src/cli/index.js'
import {report} from '../../src/views/report.js'
import {volumeListView} from '../../src/views/volume.js'
import {volumeList} from '../../src/workflows/volume.js'

export default class VolumeList extends OutputCommand<typeof VolumeList> {
  static override summary = 'List volumes'
  static override flags = {
    project: Flags.string({description: 'Filter results by project (name or ID) (admin only)', helpValue: '<project>'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.', helpValue: '<project-domain>'}),
    name: Flags.string({description: 'Filter results by volume name', helpValue: '<name>'}),
    status: Flags.string({description: 'Filter results by status', helpValue: '<status>'}),
    'all-projects': Flags.boolean({description: 'Include all projects (admin only)'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    marker: Flags.string({description: 'The last volume ID of the previous page', helpValue: '<volume>'}),
    limit: Flags.integer({description: 'Maximum number of volumes to display', helpValue: '<num-volumes>'}),
  }

  static override examples = ['<%= config.bin %> volume list --long', '<%= config.bin %> volume list --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const listing = await volumeList(this.router, {
      name: f.name,
      status: f.status,
      project: f.project,
      projectDomain: f['project-domain'],
      allProjects: f['all-projects'],
      marker: f.marker,
      limit: f.limit,
    })
    return report(listing, (volumes) => volumeListView(volumes, f.long))
  }
}
