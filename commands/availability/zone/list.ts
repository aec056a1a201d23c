import {Flags, OutputCommand} from '../../../src/cli/index.js'
import {availabilityZoneView} from '../../../src/views/compute-info.js'
import {report} from '../../../src/views/report.js'
import {availabilityZoneList} from '../../../src/workflows/compute-info.js'

export default class AvailabilityZoneList extends OutputCommand<typeof AvailabilityZoneList> {
  static override summary = 'List availability zones and their status'
  static override description = 'Compute availability zones (volume and network zones are not listed). With "&" on compute, every instance\'s zones with an Instance column.'
  static override flags = {
    compute: Flags.boolean({description: 'List compute availability zones'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
  }

  static override examples = ['<%= config.bin %> availability zone list --long']

  async run() {
    return report(await availabilityZoneList(this.router), (zones) => availabilityZoneView(zones, this.flags.long))
  }
}
