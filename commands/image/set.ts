import {Args, Flags} from '@oclif/core'

import {OidCommand} from '../../src/cli/base.js'
import {imageSet} from '../../src/workflows/image-manage.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'

const VISIBILITY = ['public', 'private', 'community', 'shared'] as const

export default class ImageSet extends OidCommand<typeof ImageSet> {
  static override summary = 'Set image properties'
  static override args = {image: Args.string({description: 'Image to modify (name or ID)', required: true})}
  static override flags = {
    name: Flags.string({description: 'New image name'}),
    'min-disk': Flags.integer({description: 'Minimum disk size needed to boot image, in gigabytes', min: 0}),
    'min-ram': Flags.integer({description: 'Minimum RAM size needed to boot image, in megabytes', min: 0}),
    protected: Flags.boolean({description: 'Prevent image from being deleted', exclusive: ['unprotected']}),
    unprotected: Flags.boolean({description: 'Allow image to be deleted (default)', exclusive: ['protected']}),
    public: Flags.boolean({description: 'Image is accessible to the public', exclusive: ['private', 'community', 'shared']}),
    private: Flags.boolean({description: 'Image is inaccessible to the public (default)', exclusive: ['public', 'community', 'shared']}),
    community: Flags.boolean({description: 'Image is accessible to the community', exclusive: ['public', 'private', 'shared']}),
    shared: Flags.boolean({description: 'Image can be shared', exclusive: ['public', 'private', 'community']}),
    property: Flags.string({description: 'Set a property on this image (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true}),
    tag: Flags.string({description: 'Set a tag on this image (repeat option to set multiple tags)', multiple: true}),
    project: Flags.string({description: 'Set an alternate project on this image (name or ID)'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID).'}),
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
      visibility: VISIBILITY.find((name) => f[name]),
      protected: f.protected ? true : f.unprotected ? false : undefined,
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
