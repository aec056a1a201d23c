import {Args, Flags, OutputCommand} from '../../../src/cli/index.js'
import {imageMemberView} from '../../../src/views/image.js'
import {imageAddProject} from '../../../src/workflows/image-manage.js'

export default class ImageAddProject extends OutputCommand<typeof ImageAddProject> {
  static override summary = 'Associate project with image'
  static override args = {
    image: Args.string({description: 'Image to share (name or ID)', required: true}),
    project: Args.string({description: 'Project to associate with image (ID)', required: true}),
  }

  static override flags = {'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID).'})}
  static override examples = ['<%= config.bin %> image add project ci-image $TARGET_ID --os-cloud SOURCE']

  async run() {
    return imageMemberView(await imageAddProject(this.router, this.args.image, this.args.project, this.flags['project-domain']))
  }
}
