import {OidError, UsageError} from '../errors.js'
import {names, parseExpr, type Fanout, type InstanceRouter, type ServiceClient} from '../routing/index.js'
import {deleteImage, findImage, type Image} from '../services/image.js'
import {deadCopies, ensureCopies, type CopyResult} from './image-copy.js'

/**
 * `image copy <image> --to <instance>[ & <instance>…]`: the image is looked up where the scope
 * sends image (the home cloud by default) and copied into each named instance that has no
 * verified copy yet, the source read once for all of them.
 */
export async function imageCopy(router: InstanceRouter, nameOrId: string | undefined, to: string | undefined): Promise<{source: ServiceClient; copies: Fanout<CopyResult>}> {
  if (!nameOrId || !to) {
    throw new UsageError(`image copy needs ${!nameOrId ? 'the image to copy' : 'the instance(s) to copy it into (--to)'}.`, {hint: 'Example: openstackoid image copy cirros --to InstanceOne (or --prune to delete dead copies)'})
  }

  const source = router.client('image', 'image copy')
  const wanted = targetNames(to)
  const targets = await Promise.all(wanted.map(async (name) => router.instance(name, 'image')))
  const same = targets.find((target) => target.instance === source.instance)
  if (same) {
    throw new UsageError(`image copy: the image is already in ${same.instance} (the scope sends image there).`, {hint: `Copy to another instance, or pick the source with --scope '{"image": "<source>"}'.`})
  }

  const image = await findImage(source, nameOrId)
  const outcomes = await ensureCopies(source, image, targets)
  return {
    source,
    copies: {
      multi: targets.length > 1,
      notes: [],
      outcomes: outcomes.map((outcome) =>
        outcome.result ? {instance: outcome.target.instance, ok: true, value: outcome.result} : {instance: outcome.target.instance, ok: false, error: outcome.error ?? new OidError('copy failed')},
      ),
    },
  }
}

/** --to: one instance, or several joined with & (a copy in each). */
function targetNames(to: string): string[] {
  let expr
  try {
    expr = parseExpr(to)
  } catch (error) {
    throw new UsageError(`--to ${JSON.stringify(to)} is not an instance or a list of instances joined with "&": ${(error as Error).message}`, {hint: 'Example: --to "InstanceOne & InstanceTwo"'})
  }

  if (expr.kind === 'or' || (expr.kind === 'and' && expr.items.some((item) => item.kind !== 'name'))) {
    throw new UsageError(`--to ${JSON.stringify(to)}: a copy goes to every instance named, so only "&" joins them ("|" has no meaning here).`, {hint: 'Example: --to "InstanceOne & InstanceTwo"'})
  }

  return [...new Set(names(expr))]
}

export interface PrunedCopy {
  image: Image
  reason: string
  deleted: boolean
  error?: string
}

/**
 * `image copy --prune [--dry-run]`: the dead copies (lease lapsed, or never uploaded) in every
 * instance the scope gives image, deleted unless --dry-run.
 */
export async function imageCopyPrune(router: InstanceRouter, dryRun: boolean): Promise<Fanout<PrunedCopy[]>> {
  return router.fanout('image', 'read', async (client) => {
    const dead = await deadCopies(client)
    return Promise.all(
      dead.map(async ({image, reason}): Promise<PrunedCopy> => {
        if (dryRun) return {image, reason, deleted: false}
        try {
          await deleteImage(client, image.id)
          return {image, reason, deleted: true}
        } catch (error) {
          return {image, reason, deleted: false, error: (error as Error).message}
        }
      }),
    )
  })
}
