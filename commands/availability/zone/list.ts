import {Flags, OutputCommand} from '../../../src/cli/index.js'
import {availabilityZoneView} from '../../../src/views/compute-info.js'
import {report} from '../../../src/views/report.js'
import {availabilityZoneList} from '../../../src/workflows/compute-info.js'

export default class AvailabilityZoneList extends OutputCommand<typeof AvailabilityZoneList> {
  static override summary = 'List availability zones and their status'
  static override description = 'Compute, volume and network availability zones (those of the compute instance\'s Cinder and Neutron). With "&" on compute, every instance\'s zones with an Instance column.'
  static override flags = {
    compute: Flags.boolean({description: 'List compute availability zones'}),
    network: Flags.boolean({description: 'List network availability zones'}),
    volume: Flags.boolean({description: 'List volume availability zones'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
  }

  static override examples = ['<%= config.bin %> availability zone list --long']

  async run() {
    return report(await availabilityZoneList(this.router, {compute: this.flags.compute, volume: this.flags.volume, network: this.flags.network}), (zones) => availabilityZoneView(zones, this.flags.long))
  }
}
