import type {RequestDecorator} from '../auth/session.js'
import type {CloudConfig} from '../config/index.js'
import {toJson, toObject, type Scope} from './scope.js'

/**
 * OpenStackoïd deployments (`openstackoid: true` in clouds.yaml) route on the server side: the
 * client keeps one session with the home cloud and sends the whole scope with every request, as
 * OpenStackoïd's CLI did: `X-Scope: <json>` and `!SCOPE!<json>` appended to X-Auth-Token. The
 * JSON is the five default services bound to the home region, overlaid with --scope, written
 * with Python's json.dumps separators.
 */
export function openstackoidDecorator(cloud: CloudConfig, scope: Scope): RequestDecorator {
  if (!cloud.openstackoid || scope.entries.size === 0) return {}
  const local = cloud.regionName ?? cloud.name
  const wire = {compute: local, identity: local, image: local, network: local, placement: local, ...toObject(scope)}
  const json = toJson(wire)
  return {headers: {'X-Scope': json}, tokenSuffix: `!SCOPE!${json}`, identityRoute: wire.identity}
}
