import {Flags, OutputCommand} from '../../src/cli/index.js'
import {imageListView} from '../../src/views/image.js'
import {report} from '../../src/views/report.js'
import {imageList} from '../../src/workflows/image-list.js'

const VISIBILITY = ['public', 'private', 'community', 'shared', 'all'] as const

export default class ImageList extends OutputCommand<typeof ImageList> {
  static override summary = 'List available images'
  static override examples = [
    '<%= config.bin %> image list',
    '<%= config.bin %> image list --private -f value --os-cloud SOURCE',
    '<%= config.bin %> image list --long --sort size:desc',
    '<%= config.bin %> image list --scope \'{"image": "InstanceOne & InstanceTwo"}\'',
  ]

  static override flags = {
    public: Flags.boolean({description: 'List only public images', exclusive: ['private', 'community', 'shared', 'all']}),
    private: Flags.boolean({description: 'List only private images', exclusive: ['public', 'community', 'shared', 'all']}),
    community: Flags.boolean({description: 'List only community images', exclusive: ['public', 'private', 'shared', 'all']}),
    shared: Flags.boolean({description: 'List only shared images', exclusive: ['public', 'private', 'community', 'all']}),
    all: Flags.boolean({description: 'List all images', exclusive: ['public', 'private', 'community', 'shared']}),
    property: Flags.string({description: 'Filter output based on property (repeat option to filter on multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
    name: Flags.string({description: 'Filter images based on name.'}),
    status: Flags.string({description: 'Filter images based on status.'}),
    'member-status': Flags.string({
      description: 'Filter images based on member status. The supported options are: accepted, pending, rejected, all.',
      options: ['accepted', 'pending', 'rejected', 'all'],
      parse: async (value) => value.toLowerCase(),
    }),
    project: Flags.string({description: 'Search by project (admin only) (name or ID)'}),
    'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID). This can be used in case collisions between project names exist.'}),
    tag: Flags.string({description: 'Filter images based on tag. (repeat option to filter on multiple tags)', multiple: true, multipleNonGreedy: true}),
    hidden: Flags.boolean({description: 'List hidden images'}),
    long: Flags.boolean({description: 'List additional fields in output'}),
    sort: Flags.string({description: 'Sort output by selected keys and directions (asc or desc) (default: name:asc), multiple keys and directions can be specified separated by comma', helpValue: '<key>[:<direction>]', default: 'name:asc'}),
    limit: Flags.integer({description: 'Maximum number of images to display.', min: 1}),
    marker: Flags.string({description: 'The last image of the previous page. Display list of images after marker. Display all images if not specified. (name or ID)'}),
    'page-size': Flags.string({hidden: true, description: 'Ignored, as in OSC'}),
  }

  async run() {
    const f = this.flags
    const result = await imageList(this.router, {
      visibility: VISIBILITY.find((name) => f[name]),
      properties: f.property ?? [],
      name: f.name,
      status: f.status,
      memberStatus: f['member-status'],
      project: f.project,
      projectDomain: f['project-domain'],
      tags: f.tag ?? [],
      hidden: f.hidden,
      sort: f.sort,
      limit: f.limit,
      marker: f.marker,
    })
    return report(result, (images) => imageListView(images, f.long))
  }
}
