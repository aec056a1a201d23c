/** Simulated Placement at /placement on the main port. Not implemented yet: 404 after auth. */
import {HttpError} from './http.js'
import type {Ctx} from './state.js'

export async function handlePlacement(ctx: Ctx): Promise<void> {
  ctx.inst.authenticate(ctx)
  throw new HttpError(404, 'The placement API is not implemented by the simulator yet.')
}
