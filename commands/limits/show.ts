import {Flags, OutputCommand} from '../../src/cli/index.js'
import {limitsView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {limitsShow} from '../../src/workflows/compute-info.js'

export default class LimitsShow extends OutputCommand<typeof LimitsShow> {
  static override summary = 'Show compute and block storage limits'
  static override description =
    "Nova's absolute limits, then those of the Cinder of the same instance (when it has one). With \"&\" on compute, one row per limit and instance."

  static override flags = {
    absolute: Flags.boolean({description: 'Show absolute limits', exactlyOne: ['absolute', 'rate']}),
    rate: Flags.boolean({description: 'Show rate limits', exactlyOne: ['absolute', 'rate']}),
    reserved: Flags.boolean({description: 'Include reservations count [only valid with --absolute]'}),
    project: Flags.string({description: 'Show limits for a specific project (name or ID) [only valid with --absolute]'}),
    domain: Flags.string({description: 'Domain the project belongs to (name or ID) [only valid with --absolute]'}),
  }

  static override examples = ['<%= config.bin %> limits show --absolute', '<%= config.bin %> limits show --absolute --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    const result = await limitsShow(this.router, {reserved: f.reserved, project: f.project, domain: f.domain})
    // Nova has had no rate limits since Liberty, nor Cinder: OSC prints the header only.
    if (f.rate) return report(result, () => ({kind: 'list', columns: ['Verb', 'URI', 'Value', 'Remain', 'Unit', 'Next Available'], rows: []}))
    return report(result, limitsView)
  }
}
