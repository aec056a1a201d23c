import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {imageSave} from '../../src/workflows/image-manage.js'

export default class ImageSave extends OidCommand<typeof ImageSave> {
  static override summary = 'Save an image locally'
  static override args = {image: Args.string({description: 'Image to save (name or ID)', required: true})}
  static override flags = {file: Flags.string({description: 'Downloaded image save filename (default: stdout)', helpValue: '<filename>'})}
  static override examples = ['<%= config.bin %> image save cirros --file cirros.qcow2', '<%= config.bin %> image save cirros | sha512sum']

  async run() {
    await imageSave(this.router, this.args.image, this.flags.file)
    return undefined
  }
}
