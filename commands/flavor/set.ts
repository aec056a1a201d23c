import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {flavorSet} from '../../src/workflows/flavor-manage.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'

export default class FlavorSet extends OidCommand<typeof FlavorSet> {
  static override summary = 'Set flavor properties'
  static override description = 'Admin only in Nova. With "&" on compute, changes the flavor in every instance that has it; with "|", in the first that has it.'
  static override args = {flavor: Args.string({description: 'Flavor to modify (name or ID)', required: true})}
  static override flags = {
    'no-property': Flags.boolean({description: 'Remove all properties from this flavor (specify both --no-property and --property to remove the current properties before setting new properties.)'}),
    property: Flags.string({description: 'Property to add or modify for this flavor (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    project: Flags.string({description: 'Set flavor access to project (name or ID) (admin only)', helpValue: '<project>'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.', helpValue: '<project-domain>'}),
    description: Flags.string({description: "Set description for the flavor.(Supported by API versions '2.55' - '2.latest'", helpValue: '<description>'}),
  }

  static override examples = ['<%= config.bin %> flavor set ci.small --property hw:cpu_policy=dedicated', '<%= config.bin %> flavor set ci.private --project ci']

  async run() {
    const f = this.flags
    return notes(
      await flavorSet(this.router, this.args.flavor, {
        properties: lastValues(keyValues(f.property, 'property')),
        noProperty: f['no-property'],
        project: f.project,
        projectDomain: f['project-domain'],
        description: f.description,
      }),
    )
  }
}
