import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {recordView} from '../../src/views/identity-read.js'
import {report} from '../../src/views/report.js'
import {projectShow} from '../../src/workflows/identity-read.js'

export default class ProjectShow extends OutputCommand<typeof ProjectShow> {
  static override summary = 'Display project details'
  static override args = {project: Args.string({description: 'Project to display (name or ID)', required: true})}
  static override flags = {
    domain: Flags.string({description: 'Domain owning <project> (name or ID)', helpValue: '<domain>'}),
    parents: Flags.boolean({description: "Show the project's parents as a list (not supported by openstackoid yet: refused)"}),
    children: Flags.boolean({description: "Show project's subtree (children) as a list (not supported by openstackoid yet: refused)"}),
  }

  static override examples = ['<%= config.bin %> project show alt_demo -f value -c id', '<%= config.bin %> project show demo --domain default --scope \'{"identity": "InstanceOne & InstanceTwo"}\'']

  async run() {
    const f = this.flags
    return report(await projectShow(this.router, this.args.project, {domain: f.domain, parents: f.parents, children: f.children}), recordView)
  }
}
