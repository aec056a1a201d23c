import {Args, Flags} from '../../../src/startup/oclif.js'

import {OidCommand} from '../../../src/cli/base.js'
import {imageRemoveProject} from '../../../src/workflows/image-manage.js'

export default class ImageRemoveProject extends OidCommand<typeof ImageRemoveProject> {
  static override summary = 'Disassociate project with image'
  static override args = {
    image: Args.string({description: 'Image to unshare (name or ID)', required: true}),
    project: Args.string({description: 'Project to disassociate with image (name or ID)', required: true}),
  }

  static override flags = {'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID).'})}
  static override examples = ['<%= config.bin %> image remove project ci-image $TARGET_ID --os-cloud SOURCE']

  protected async execute() {
    await this.ctx.ready()
    await imageRemoveProject(this.ctx, this.args.image, this.args.project, this.flags['project-domain'])
    return undefined
  }
}
