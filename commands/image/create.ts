import {Args, Flags, imageAttributeFlags, OutputCommand, protectionOf, visibilityOf} from '../../src/cli/index.js'
import {IMAGE_SHOW_FIELDS, imageShowView} from '../../src/views/image.js'
import {report} from '../../src/views/report.js'
import {imageCreate} from '../../src/workflows/image-create.js'
import {keyValues, lastValues} from '../../src/workflows/nics.js'

export default class ImageCreate extends OutputCommand<typeof ImageCreate> {
  static override summary = 'Create/upload an image'
  static override description =
    'Creates the image where the scope sends image and uploads --file, streamed from disk. With "&", the image is created in every instance and the file, read once, streams to all of them at once; each upload is checked against the file\'s hashes, and an instance that fails has its half-made image deleted (exit 1, the others are listed).'

  static override columns = {service: 'image', fields: IMAGE_SHOW_FIELDS}
  // ignoreStdin: standard input is the image data (as OSC), never the name.
  static override args = {'image-name': Args.string({description: 'New image name', required: true, ignoreStdin: true})}
  static override flags = {
    file: Flags.string({description: 'Upload image from local file (default: standard input when it is piped or redirected)', helpValue: '<file>'}),
    progress: Flags.boolean({description: 'Show upload progress bar (shown on a terminal in any case)'}),
    'container-format': Flags.string({description: 'Image container format. The supported options are: ami, ari, aki, bare, docker, ova, ovf. The default format is: bare', default: 'bare', options: ['ami', 'ari', 'aki', 'bare', 'docker', 'ova', 'ovf', 'compressed']}),
    'disk-format': Flags.string({description: 'Image disk format. The supported options are: ami, ari, aki, vhd, vmdk, raw, qcow2, vhdx, vdi, iso, ploop. The default format is: raw', default: 'raw', options: ['ami', 'ari', 'aki', 'vhd', 'vmdk', 'raw', 'qcow2', 'vhdx', 'vdi', 'iso', 'ploop']}),
    ...imageAttributeFlags,
  }

  static override examples = [
    '<%= config.bin %> image create cirros --file cirros.qcow2 --disk-format qcow2 --public',
    '<%= config.bin %> image create build-42 --file disk.qcow2 --disk-format qcow2 --scope \'{"image": "InstanceOne & InstanceTwo"}\'',
  ]

  async run() {
    const f = this.flags
    const result = await imageCreate(this.router, {
      name: this.args['image-name'],
      file: f.file,
      diskFormat: f['disk-format'],
      containerFormat: f['container-format'],
      minDisk: f['min-disk'],
      minRam: f['min-ram'],
      visibility: visibilityOf(f),
      protected: protectionOf(f),
      properties: lastValues(keyValues(f.property, 'property')),
      tags: f.tag ?? [],
      project: f.project,
      projectDomain: f['project-domain'],
    })
    return report(result, (image) => imageShowView(image))
  }
}
