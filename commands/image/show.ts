import {Args, Flags} from '../../src/startup/oclif.js'

import {OutputCommand} from '../../src/cli/base.js'
import {findImage} from '../../src/services/image.js'
import {fanout} from '../../src/router.js'
import {imageShowView} from '../../src/views/image.js'
import {report} from '../../src/views/report.js'

export default class ImageShow extends OutputCommand<typeof ImageShow> {
  static override summary = 'Display image details'
  static override args = {image: Args.string({description: 'Image to display (name or ID)', required: true})}
  static override flags = {
    'human-readable': Flags.boolean({description: 'Print image size in a human-friendly format.'}),
  }

  static override examples = ['<%= config.bin %> image show cirros', '<%= config.bin %> image show cirros -f json -c id', '<%= config.bin %> image show cirros --scope \'{"image": "InstanceTwo | InstanceOne"}\'']

  protected async execute() {
    await this.ctx.ready()
    const result = await fanout(this.ctx, 'image', 'lookup', async (client) => findImage(client, this.args.image))
    return report(result, (image) => imageShowView(image, this.flags['human-readable']))
  }
}
