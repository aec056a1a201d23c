import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {quotaView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {quotaShow} from '../../src/workflows/compute-info.js'

export default class QuotaShow extends OutputCommand<typeof QuotaShow> {
  static override summary = 'Show quotas for project'
  static override description = "The compute, volume and network parts (Nova's, Cinder's and Neutron's quotas of the compute instance, with OSC's names and openstacksdk's location). With \"&\" on compute, one row per instance."
  static override args = {project: Args.string({description: 'Show quotas for this project (name or ID)'})}
  static override flags = {default: Flags.boolean({description: 'Show default quotas for <project>'})}
  static override examples = ['<%= config.bin %> quota show', '<%= config.bin %> quota show --scope \'{"compute": "InstanceOne & InstanceTwo"}\' -f json']

  async run() {
    return report(await quotaShow(this.router, {project: this.args.project, defaults: this.flags.default}), quotaView)
  }
}
