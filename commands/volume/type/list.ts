import {Flags, OutputCommand} from '../../../src/cli/index.js'
import {report} from '../../../src/views/report.js'
import {volumeTypeListView} from '../../../src/views/volume.js'
import {volumeTypeList} from '../../../src/workflows/volume.js'

export default class VolumeTypeList extends OutputCommand<typeof VolumeTypeList> {
  static override summary = 'List volume types'
  static override flags = {
    long: Flags.boolean({description: 'List additional fields in output'}),
    default: Flags.boolean({description: 'List the default volume type', exclusive: ['public', 'private']}),
    public: Flags.boolean({description: 'List only public types', exclusive: ['default', 'private']}),
    private: Flags.boolean({description: 'List only private types (admin only)', exclusive: ['default', 'public']}),
  }

  static override examples = ['<%= config.bin %> volume type list --long', '<%= config.bin %> volume type list --scope \'{"block-storage": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    return report(await volumeTypeList(this.router, {default: f.default, public: f.public, private: f.private}), (types) => volumeTypeListView(types, f.long))
  }
}
