import {Args, Flags} from '../../src/startup/oclif.js'

import {OidCommand} from '../../src/cli/base.js'
import {imageSave} from '../../src/workflows/image-manage.js'

export default class ImageSave extends OidCommand<typeof ImageSave> {
  static override summary = 'Save an image locally'
  static override args = {image: Args.string({description: 'Image to save (name or ID)', required: true})}
  static override flags = {file: Flags.string({description: 'Downloaded image save filename (default: stdout)', helpValue: '<filename>'})}
  static override examples = ['<%= config.bin %> image save cirros --file cirros.qcow2', '<%= config.bin %> image save cirros | sha512sum']

  protected async execute() {
    await this.ctx.ready()
    await imageSave(this.ctx, this.args.image, this.flags.file)
    return undefined
  }
}
