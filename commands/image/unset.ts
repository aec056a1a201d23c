import {Args, Flags, OidCommand} from '../../src/cli/index.js'
import {notes} from '../../src/views/report.js'
import {imageUnset} from '../../src/workflows/image-manage.js'

export default class ImageUnset extends OidCommand<typeof ImageUnset> {
  static override summary = 'Unset image tags and properties'
  static override description = 'With "&" on image, changes the image in every instance that has it; with "|", in the first that has it.'
  static override args = {image: Args.string({description: 'Image to modify (name or ID)', required: true})}
  static override flags = {
    tag: Flags.string({description: 'Unset a tag on this image (repeat option to unset multiple tags)', helpValue: '<tag>', multiple: true, multipleNonGreedy: true}),
    property: Flags.string({description: 'Unset a property on this image (repeat option to unset multiple properties)', helpValue: '<property-key>', multiple: true, multipleNonGreedy: true}),
  }

  static override examples = ['<%= config.bin %> image unset cirros --tag ci --property os_distro']

  async run() {
    const f = this.flags
    return notes(await imageUnset(this.router, this.args.image, f.tag ?? [], f.property ?? []))
  }
}
