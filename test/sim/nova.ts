/**
 * Simulated Nova v2.1 at /compute on the main port. Not implemented yet: every authenticated
 * request gets Nova's 404 envelope. The routing, auth and recording around it are in place.
 */
import {HttpError} from './http.js'
import type {Ctx} from './state.js'

export async function handleCompute(ctx: Ctx): Promise<void> {
  ctx.inst.authenticate(ctx)
  throw new HttpError(404, 'The compute API is not implemented by the simulator yet.')
}
