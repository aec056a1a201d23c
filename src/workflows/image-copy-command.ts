import {UsageError} from '../errors.js'
import type {InstanceRouter, ServiceClient} from '../routing/index.js'
import {findImage} from '../services/image.js'
import {ensureCopy, type CopyResult} from './image-copy.js'

/**
 * `image copy <image> --to <instance>`: the image is looked up where the scope sends image (the
 * home cloud by default) and copied into the named instance, unless a verified copy is there.
 */
export async function imageCopy(router: InstanceRouter, nameOrId: string, to: string): Promise<{source: ServiceClient; result: CopyResult}> {
  const source = router.client('image', 'image copy')
  const target = await router.instance(to, 'image')
  if (target.instance === source.instance) {
    throw new UsageError(`image copy: the image is already in ${to} (the scope sends image there).`, {hint: `Copy to another instance, or pick the source with --scope '{"image": "<source>"}'.`})
  }

  const image = await findImage(source, nameOrId)
  return {source, result: await ensureCopy(source, image, target)}
}
