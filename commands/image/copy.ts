import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {imageCopyReport} from '../../src/views/image.js'
import {imageCopy} from '../../src/workflows/image-copy-command.js'

export default class ImageCopy extends OutputCommand<typeof ImageCopy> {
  static override summary = 'Copy an image to another instance (streamed, verified, reused next time)'
  static override description =
    'Looks the image up where the scope sends image (the home cloud by default) and copies it into the instance given by --to: the bytes stream from one Glance to the other without being stored on disk or held in memory, the hash is checked, and the copy records where it came from, so that a later copy or cross-instance `server create` reuses it. A failure or Ctrl-C deletes the half-made copy.'

  static override args = {image: Args.string({description: 'Image to copy (name or ID)', required: true})}
  static override flags = {
    to: Flags.string({description: 'Instance to copy the image into (a clouds.yaml cloud or a region of the home cloud)', required: true}),
  }

  static override examples = [
    '<%= config.bin %> image copy cirros --to InstanceOne --os-cloud InstanceTwo',
    '<%= config.bin %> image copy cirros --to InstanceOne --scope \'{"image": "InstanceTwo"}\' -f json -c id',
  ]

  async run() {
    return imageCopyReport(await imageCopy(this.router, this.args.image, this.flags.to), this.flags.to)
  }
}
