import {Args, Flags} from '@oclif/core'

import {OutputCommand} from '../../src/cli/base.js'
import {imageShowView} from '../../src/views/image.js'
import {report} from '../../src/views/report.js'
import {imageCreate} from '../../src/workflows/image-create.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'

const VISIBILITY = ['public', 'private', 'community', 'shared'] as const

export default class ImageCreate extends OutputCommand<typeof ImageCreate> {
  static override summary = 'Create/upload an image'
  static override description =
    'Creates the image where the scope sends image and uploads --file, streamed from disk. With "&", the image is created in every instance and the file, read once, streams to all of them at once; each upload is checked against the file\'s hashes, and an instance that fails has its half-made image deleted (exit 1, the others are listed).'

  static override args = {'image-name': Args.string({description: 'New image name', required: true})}
  static override flags = {
    file: Flags.string({description: 'Upload image from local file', helpValue: '<file>'}),
    'container-format': Flags.string({description: 'Image container format. The supported options are: ami, ari, aki, bare, docker, ova, ovf. The default format is: bare', default: 'bare', options: ['ami', 'ari', 'aki', 'bare', 'docker', 'ova', 'ovf', 'compressed']}),
    'disk-format': Flags.string({description: 'Image disk format. The supported options are: ami, ari, aki, vhd, vmdk, raw, qcow2, vhdx, vdi, iso, ploop. The default format is: raw', default: 'raw', options: ['ami', 'ari', 'aki', 'vhd', 'vmdk', 'raw', 'qcow2', 'vhdx', 'vdi', 'iso', 'ploop']}),
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
  }

  static override examples = [
    '<%= config.bin %> image create cirros --file cirros.qcow2 --disk-format qcow2 --public',
    '<%= config.bin %> image create build-42 --file disk.qcow2 --disk-format qcow2 --scope \'{"image": "InstanceOne & InstanceTwo"}\'',
  ]

  protected async execute() {
    await this.ctx.ready()
    const f = this.flags
    const result = await imageCreate(this.ctx, {
      name: this.args['image-name'],
      file: f.file,
      diskFormat: f['disk-format'],
      containerFormat: f['container-format'],
      minDisk: f['min-disk'],
      minRam: f['min-ram'],
      visibility: VISIBILITY.find((name) => f[name]),
      protected: f.protected ? true : f.unprotected ? false : undefined,
      properties: lastValues(keyValues(f.property, 'property')),
      tags: f.tag ?? [],
      project: f.project,
      projectDomain: f['project-domain'],
    })
    return report(result, (image) => imageShowView(image))
  }
}
