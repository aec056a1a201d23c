import {Args, Flags, OutputCommand} from '../../src/cli/index.js'
import {imageCopyReport, prunedView} from '../../src/views/image.js'
import {report} from '../../src/views/report.js'
import {imageCopy, imageCopyPrune} from '../../src/workflows/image-copy-command.js'

export default class ImageCopy extends OutputCommand<typeof ImageCopy> {
  static override summary = 'Copy an image to other instances (streamed, verified, reused next time)'
  static override description =
    'Looks the image up where the scope sends image (the home cloud by default) and copies it into each instance given by --to: the bytes stream from one Glance to the others (read once for all of them) without being stored on disk or held in memory, the hash is checked, and each copy records where it came from, so that a later copy or cross-instance `server create` reuses it. Many clients copying the same image at once make one copy. A failure or Ctrl-C deletes the half-made copies. --prune deletes the dead copies (interrupted and never reclaimed) in the instances the scope gives image.'

  static override args = {image: Args.string({description: 'Image to copy (name or ID)'})}
  static override flags = {
    to: Flags.string({description: 'Instance(s) to copy the image into: a clouds.yaml cloud or a region of the home cloud; several joined with "&"', exclusive: ['prune']}),
    prune: Flags.boolean({description: 'Delete dead copies (lease lapsed, or never uploaded) where the scope sends image, instead of copying'}),
    'dry-run': Flags.boolean({description: 'With --prune: list the dead copies, delete nothing', dependsOn: ['prune']}),
  }

  static override examples = [
    '<%= config.bin %> image copy cirros --to InstanceOne --os-cloud InstanceTwo',
    '<%= config.bin %> image copy cirros --to "InstanceOne & InstanceThree" --scope \'{"image": "InstanceTwo"}\' -f json -c id',
    '<%= config.bin %> image copy --prune --dry-run --scope \'{"image": "InstanceOne & InstanceTwo"}\'',
  ]

  async run() {
    if (this.flags.prune) return report(await imageCopyPrune(this.router, this.flags['dry-run']), prunedView)
    return imageCopyReport(await imageCopy(this.router, this.args.image, this.flags.to))
  }
}
