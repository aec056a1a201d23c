import {Flags, OutputCommand} from '../../src/cli/index.js'
import {limitsView} from '../../src/views/compute-info.js'
import {report} from '../../src/views/report.js'
import {limitsShow} from '../../src/workflows/compute-info.js'

export default class LimitsShow extends OutputCommand<typeof LimitsShow> {
  static override summary = 'Show compute and block storage limits'
  static override description = "Nova's absolute limits (the block-storage part is not read). With \"&\" on compute, one row per limit and instance."
  static override flags = {
    absolute: Flags.boolean({description: 'Show absolute limits', exactlyOne: ['absolute', 'rate']}),
    rate: Flags.boolean({description: 'Show rate limits', exactlyOne: ['absolute', 'rate']}),
    reserved: Flags.boolean({description: 'Include reservations count [only valid with --absolute]'}),
  }

  static override examples = ['<%= config.bin %> limits show --absolute', '<%= config.bin %> limits show --absolute --scope \'{"compute": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const result = await limitsShow(this.router, this.flags.reserved)
    // Nova has had no rate limits since Liberty: OSC prints the header only.
    if (this.flags.rate) return report(result, () => ({kind: 'list', columns: ['Verb', 'URI', 'Value', 'Remain', 'Unit', 'Next Available'], rows: []}))
    return report(result, limitsView)
  }
}
