import type {AuthRef} from '../auth/types.js'
import type {Fanout, InstanceRouter} from '../routing/index.js'

/** `token issue`: the session's token (cached while valid) wherever the scope sends identity. */
export async function tokenIssue(router: InstanceRouter): Promise<Fanout<AuthRef>> {
  return router.fanout('identity', 'read', async (client) => client.session.authenticate())
}

/** `catalog list|show`: the token and catalog of the instance the scope gives identity. */
export async function catalogOf(router: InstanceRouter): Promise<{instance: string; auth: AuthRef}> {
  const client = router.client('identity')
  return {instance: client.instance, auth: await client.session.authenticate()}
}
