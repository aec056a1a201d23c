/** Nova's quota check of a server create. */
import {HttpError} from '../http.js'
import type {Req} from './request.js'
import type {NovaState, SimFlavor} from './state.js'

/** How many of `min`..`max` servers fit the project's quota; 403 with Nova's text when not even `min` do. */
export function checkInstanceQuota(r: Req, s: NovaState, _flavor: SimFlavor, min: number, max: number): number {
  const used = [...s.servers.values()].filter((x) => x.projectId === r.project).length
  const room = s.options.maxInstances - used
  if (room < min) {
    throw new HttpError(403, `Quota exceeded for instances: Requested ${min}, but already used ${used} of ${s.options.maxInstances} instances`)
  }
  return Math.min(max, room)
}
