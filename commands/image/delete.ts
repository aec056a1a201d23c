import {Args} from '../../src/startup/oclif.js'

import {OidCommand} from '../../src/cli/base.js'
import {imageDelete} from '../../src/workflows/image-manage.js'

export default class ImageDelete extends OidCommand<typeof ImageDelete> {
  static override summary = 'Delete image(s)'
  static override strict = false
  static override args = {image: Args.string({description: 'Image(s) to delete (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> image delete old-image', '<%= config.bin %> image delete a b c --scope \'{"image": "InstanceTwo"}\'']

  protected async execute() {
    await this.ctx.ready()
    await imageDelete(this.ctx, this.positionals)
    return undefined
  }
}
