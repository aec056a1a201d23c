/** Helpers for the service unit tests: a real Session whose catalog points at a LocalServer. */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {TokenCache} from '../../../src/auth/cache.js'
import {cacheParams, Session} from '../../../src/auth/session.js'
import type {VersionInfo} from '../../../src/auth/types.js'
import {ServiceClient} from '../../../src/routing/client.js'
import {client, cloud, type LocalServer} from './helpers.js'

export interface Mounted {
  client: ServiceClient
  /** The versioned URL the catalog and discovery give (origin + mount). */
  url: string
  /** Removes the token cache directory. */
  cleanup(): void
}

/**
 * A ServiceClient of `type` on InstanceOne, served by `server` under `mount` (e.g. '/image/v2').
 * The token, catalog and discovery are put in a fresh token cache, so the only requests the
 * server sees are the ones the service module sends.
 */
export function mount(server: LocalServer, type: string, mountPath: string, discovery: Partial<VersionInfo> = {}): Mounted {
  const dir = mkdtempSync(join(tmpdir(), 'oid-services-'))
  const cache = new TokenCache(dir)
  const config = cloud({auth_url: `${server.origin}/identity/v3`, username: 'demo', password: 'secret', project_name: 'demo', user_domain_name: 'Default', project_domain_name: 'Default'})
  const url = `${server.origin}${mountPath}`
  cache.write(cache.key(cacheParams(config)), {
    version: 1,
    auth: {
      token: 'tok',
      expiresAt: '2099-01-01T00:00:00.000000Z',
      identityUrl: `${server.origin}/identity/v3`,
      methods: ['password'],
      user: {id: 'u'},
      project: {id: 'p'},
      system: false,
      roles: ['member'],
      catalog: [
        {type: 'identity', endpoints: [{interface: 'public', region_id: 'RegionOne', url: `${server.origin}/identity/v3`}]},
        {type, endpoints: [{interface: 'public', region_id: 'RegionOne', url}]},
      ],
    },
    discovery: {[url]: {url, version: mountPath.split('/').pop() ?? '', ...discovery}},
  })
  const session = new Session({name: 'InstanceOne', cloud: config}, client({retries: 0}), cache)
  return {client: new ServiceClient(session, type), url, cleanup: () => rmSync(dir, {recursive: true, force: true})}
}
