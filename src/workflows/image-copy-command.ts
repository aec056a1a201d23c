import type {Context} from '../cli/context.js'
import {UsageError} from '../errors.js'
import {ServiceClient, singleClient} from '../router.js'
import {findImage} from '../services/image.js'
import {ensureCopy, type CopyResult} from './image-copy.js'

/**
 * `image copy <image> --to <instance>`: the image is looked up where the scope sends image (the
 * home cloud by default) and copied into the named instance, unless a verified copy is there.
 */
export async function imageCopy(ctx: Context, nameOrId: string, to: string): Promise<{source: ServiceClient; result: CopyResult}> {
  const source = singleClient(ctx, 'image', 'image copy')
  const target = new ServiceClient(await ctx.instanceSession(to), 'image')
  if (target.instance === source.instance) {
    throw new UsageError(`image copy: the image is already in ${to} (the scope sends image there).`, {hint: `Copy to another instance, or pick the source with --scope '{"image": "<source>"}'.`})
  }

  const image = await findImage(source, nameOrId)
  return {source, result: await ensureCopy(source, image, target)}
}

