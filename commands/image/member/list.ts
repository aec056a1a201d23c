import {Args, OutputCommand} from '../../../src/cli/index.js'
import {memberListView} from '../../../src/views/image.js'
import {imageMembers} from '../../../src/workflows/image-manage.js'

export default class ImageMemberList extends OutputCommand<typeof ImageMemberList> {
  static override summary = 'List projects associated with image'
  static override args = {image: Args.string({description: 'Image (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> image member list ci-image --os-cloud SOURCE']

  async run() {
    return memberListView(await imageMembers(this.router, this.args.image))
  }
}
