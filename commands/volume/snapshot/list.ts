import {Flags, OutputCommand} from '../../../src/cli/index.js'
import {report} from '../../../src/views/report.js'
import {snapshotListView} from '../../../src/views/volume-snapshot.js'
import {snapshotList} from '../../../src/workflows/volume-snapshot.js'

export default class VolumeSnapshotList extends OutputCommand<typeof VolumeSnapshotList> {
  static override summary = 'List volume snapshots'
  static override description = 'With "&" on block-storage, every instance\'s snapshots with an Instance column.'
  static override flags = {
    'all-projects': Flags.boolean({description: 'Include all projects (admin only)'}),
    project: Flags.string({description: 'Filter results by project (name or ID) (admin only)'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    marker: Flags.string({description: 'The last snapshot ID of the previous page', helpValue: '<volume-snapshot>'}),
    limit: Flags.integer({description: 'Maximum number of snapshots to display', min: 0, helpValue: '<num-snapshots>'}),
    name: Flags.string({description: 'Filters results by a name.'}),
    status: Flags.string({description: "Filters results by a status. ('available', 'error', 'creating', 'deleting' or 'error_deleting')", options: ['available', 'error', 'creating', 'deleting', 'error_deleting']}),
    volume: Flags.string({description: 'Filters results by a volume (name or ID).'}),
  }

  static override examples = ['<%= config.bin %> volume snapshot list --long', '<%= config.bin %> volume snapshot list --volume mirror --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const listing = await snapshotList(this.router, {
      allProjects: f['all-projects'],
      project: f.project,
      projectDomain: f['project-domain'],
      name: f.name,
      status: f.status,
      volume: f.volume,
      marker: f.marker,
      limit: f.limit,
    })
    return report(listing, (value) => snapshotListView(value, f.long))
  }
}
