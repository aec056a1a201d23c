import {Args} from '../../../src/startup/oclif.js'

import {OutputCommand} from '../../../src/cli/base.js'
import {imageMembers} from '../../../src/workflows/image-manage.js'

export default class ImageMemberList extends OutputCommand<typeof ImageMemberList> {
  static override summary = 'List projects associated with image'
  static override args = {image: Args.string({description: 'Image (name or ID)', required: true})}
  static override examples = ['<%= config.bin %> image member list ci-image --os-cloud SOURCE']

  protected async execute() {
    await this.ctx.ready()
    const members = await imageMembers(this.ctx, this.args.image)
    return {kind: 'list' as const, columns: ['Image ID', 'Member ID', 'Status'], rows: members.map((member) => [member.image_id, member.member_id, member.status])}
  }
}
