import {Args, Flags} from '../../../src/startup/oclif.js'

import {OutputCommand} from '../../../src/cli/base.js'
import {imageAddProject} from '../../../src/workflows/image-manage.js'

export default class ImageAddProject extends OutputCommand<typeof ImageAddProject> {
  static override summary = 'Associate project with image'
  static override args = {
    image: Args.string({description: 'Image to share (name or ID)', required: true}),
    project: Args.string({description: 'Project to associate with image (ID)', required: true}),
  }

  static override flags = {'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID).'})}
  static override examples = ['<%= config.bin %> image add project ci-image $TARGET_ID --os-cloud SOURCE']

  protected async execute() {
    await this.ctx.ready()
    return imageAddProject(this.ctx, this.args.image, this.args.project, this.flags['project-domain'])
  }
}
