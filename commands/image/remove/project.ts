import {Args, Flags, OidCommand} from '../../../src/cli/index.js'
import {imageRemoveProject} from '../../../src/workflows/image-manage.js'

export default class ImageRemoveProject extends OidCommand<typeof ImageRemoveProject> {
  static override summary = 'Disassociate project with image'
  static override args = {
    image: Args.string({description: 'Image to unshare (name or ID)', required: true}),
    project: Args.string({description: 'Project to disassociate with image (name or ID)', required: true}),
  }

  static override flags = {'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID).'})}
  static override examples = ['<%= config.bin %> image remove project ci-image $TARGET_ID --os-cloud SOURCE']

  async run() {
    await imageRemoveProject(this.router, this.args.image, this.args.project, this.flags['project-domain'])
    return undefined
  }
}
