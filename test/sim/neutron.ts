/**
 * Simulated Neutron v2.0 on the instance's own network port. Not implemented yet: every
 * authenticated request gets Neutron's 404 envelope.
 */
import {HttpError} from './http.js'
import type {Ctx} from './state.js'

export async function handleNetwork(ctx: Ctx): Promise<void> {
  ctx.inst.authenticate(ctx)
  throw new HttpError(404, 'The network API is not implemented by the simulator yet.')
}
