import {Args, Flags} from '../../src/startup/oclif.js'

import {OutputCommand} from '../../src/cli/base.js'
import {imageShowView} from '../../src/views/image.js'
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

  protected async execute() {
    await this.ctx.ready()
    const {source, result} = await imageCopy(this.ctx, this.args.image, this.flags.to)
    const view = imageShowView(result.image)
    const note = result.copied
      ? `Copied ${result.image.name ?? result.image.id} from ${source.instance} to ${this.flags.to}: ${result.bytes} bytes in ${result.seconds?.toFixed(1)} s.`
      : `${this.flags.to} already has a verified copy of ${result.image.name ?? result.image.id} from ${source.instance}: reused.`
    return {kind: 'report' as const, view, notes: [note], failures: []}
  }
}
