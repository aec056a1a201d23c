import {Args, Flags} from '../../src/startup/oclif.js'

import {OidCommand} from '../../src/cli/base.js'
import {imageAttributeFlags, protectionOf, visibilityOf} from '../../src/cli/image-flags.js'
import {imageSet} from '../../src/workflows/image-manage.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'

export default class ImageSet extends OidCommand<typeof ImageSet> {
  static override summary = 'Set image properties'
  static override args = {image: Args.string({description: 'Image to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'New image name'}),
    ...imageAttributeFlags,
    accept: Flags.boolean({description: 'Accept the image membership for either the project indicated by --project, if provided, or the current user\'s project', exclusive: ['reject', 'pending']}),
    reject: Flags.boolean({description: 'Reject the image membership for either the project indicated by --project, if provided, or the current user\'s project', exclusive: ['accept', 'pending']}),
    pending: Flags.boolean({description: 'Reset the image membership to \'pending\'', exclusive: ['accept', 'reject']}),
    hidden: Flags.boolean({description: 'Hide the image', exclusive: ['unhidden']}),
    unhidden: Flags.boolean({description: 'Unhide the image', exclusive: ['hidden']}),
  }

  static override examples = [
    '<%= config.bin %> image set cirros --property os_distro=cirros --tag ci',
    '<%= config.bin %> image set ci-image --shared --os-cloud SOURCE',
    '<%= config.bin %> image set ci-image --accept --os-cloud TARGET',
  ]

  protected async execute() {
    await this.ctx.ready()
    const f = this.flags
    await imageSet(this.ctx, this.args.image, {
      name: f.name,
      properties: lastValues(keyValues(f.property, 'property')),
      tags: f.tag ?? [],
      visibility: visibilityOf(f),
      protected: protectionOf(f),
      minDisk: f['min-disk'],
      minRam: f['min-ram'],
      membership: f.accept ? 'accepted' : f.reject ? 'rejected' : f.pending ? 'pending' : undefined,
      project: f.project,
      projectDomain: f['project-domain'],
      hidden: f.hidden ? true : f.unhidden ? false : undefined,
    })
    return undefined
  }
}
