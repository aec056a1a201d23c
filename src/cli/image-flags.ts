import {Flags} from '../startup/oclif.js'

/** The image attribute flags `image create` and `image set` share (OSC's names and help). */
export const imageAttributeFlags = {
  'min-disk': Flags.integer({description: 'Minimum disk size needed to boot image, in gigabytes', min: 0}),
  'min-ram': Flags.integer({description: 'Minimum RAM size needed to boot image, in megabytes', min: 0}),
  protected: Flags.boolean({description: 'Prevent image from being deleted', exclusive: ['unprotected']}),
  unprotected: Flags.boolean({description: 'Allow image to be deleted (default)', exclusive: ['protected']}),
  public: Flags.boolean({description: 'Image is accessible to the public', exclusive: ['private', 'community', 'shared']}),
  private: Flags.boolean({description: 'Image is inaccessible to the public (default)', exclusive: ['public', 'community', 'shared']}),
  community: Flags.boolean({description: 'Image is accessible to the community', exclusive: ['public', 'private', 'shared']}),
  shared: Flags.boolean({description: 'Image can be shared', exclusive: ['public', 'private', 'community']}),
  property: Flags.string({description: 'Set a property on this image (repeat option to set multiple properties)', helpValue: '<key=value>', multiple: true, multipleNonGreedy: true}),
  tag: Flags.string({description: 'Set a tag on this image (repeat option to set multiple tags)', multiple: true, multipleNonGreedy: true}),
  project: Flags.string({description: 'Set an alternate project on this image (name or ID)'}),
  'project-domain': Flags.string({description: 'Domain the project belongs to (name or ID).'}),
}

export const VISIBILITY = ['public', 'private', 'community', 'shared'] as const

/** The visibility flag that was given, if any. */
export function visibilityOf(flags: Partial<Record<(typeof VISIBILITY)[number], boolean>>): string | undefined {
  return VISIBILITY.find((name) => flags[name])
}

/** --protected / --unprotected / neither. */
export function protectionOf(flags: {protected?: boolean; unprotected?: boolean}): boolean | undefined {
  return flags.protected ? true : flags.unprotected ? false : undefined
}
