import type {Session} from '../auth/session.js'
import {UsageError} from '../errors.js'
import {format, names, type InstanceRouter} from '../routing/index.js'
import {revokeToken} from '../services/identity.js'

/**
 * `token revoke TOKEN`: DELETE /v3/auth/tokens (X-Subject-Token) at the Keystone that issued it.
 * A token is only ever sent to its own Keystone: when TOKEN is the token of an instance this
 * command knows (home, or one named in --scope), it is revoked there; else where the scope gives
 * identity, which must then be one instance. Afterwards no session keeps it: the token cache of
 * every instance that held it is dropped, so the next command authenticates anew.
 */
export async function tokenRevoke(router: InstanceRouter, token: string): Promise<string> {
  const sessions = knownSessions(router)
  const owner = sessions.find((session) => session.cached()?.token === token)
  const expr = router.expression('identity')
  if (!owner && expr && expr.kind !== 'name') {
    throw new UsageError(`token revoke sends the token to one Keystone, but --scope gives identity to several: "${format(expr)}", and the token is not the cached token of any of them.`, {
      hint: `Name the instance that issued it: --scope '{"identity": "${names(expr)[0]}"}'.`,
    })
  }

  const client = owner ? await router.instance(owner.name, 'identity') : router.client('identity', 'token revoke')
  await revokeToken(client, token)
  for (const session of sessions) if (session.cached()?.token === token) session.invalidate()
  return client.instance
}

/** The sessions this command has: home, and every instance --scope names. */
function knownSessions(router: InstanceRouter): Session[] {
  const all = [router.homeSession()]
  for (const entry of router.scope.entries.values()) {
    for (const name of names(entry.expr)) {
      try {
        const session = router.session(name)
        if (!all.includes(session)) all.push(session)
      } catch {
        // an OpenStackoïd deployment routes on the server side: no session per name
      }
    }
  }

  return all
}
