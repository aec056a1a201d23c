import {normaliseTimestamp} from '../auth/cache.js'
import type {Session} from '../auth/session.js'
import {AuthError, ConnectionError, OidError} from '../errors.js'
import {format, names, type InstanceRouter, type Scope} from '../routing/index.js'

/** The services every OpenStack CLI user meets; others appear when the scope names them. */
const DEFAULT_TYPES = ['identity', 'compute', 'image', 'network', 'placement']

export interface ScopeRow {
  type: string
  expression: string
  instance: string
  endpoint?: string
  region?: string
  interface: string
  version?: string
  microversions?: string
  token: string
  error?: string
  /** The instance could not be used at all (unreachable, credentials refused). */
  fatal?: OidError
}

/**
 * `scope show`: for each service type, where the scope sends it (the home instance when it is
 * not named), and for each instance its endpoint, region, interface, API version and token state.
 * Instances are authenticated in parallel; a failing instance shows its error in its row.
 */
export async function scopeRows(router: InstanceRouter, scope: Scope): Promise<ScopeRow[]> {
  const types = [...DEFAULT_TYPES, ...[...scope.entries.keys()].filter((type) => !DEFAULT_TYPES.includes(type))]
  const home = router.homeSession()
  const plan = types.flatMap((type) => {
    const expr = router.expression(type)
    const instances = expr ? names(expr) : [home.name]
    return instances.map((instance) => ({type, expression: expr ? format(expr) : `${home.name} (home)`, session: expr ? router.session(instance) : home}))
  })
  const tokenState = new Map<Session, string>()
  for (const {session} of plan) if (!tokenState.has(session)) tokenState.set(session, describeToken(session))
  await Promise.all([...tokenState.keys()].map(async (session) => session.authenticate().catch(() => undefined)))
  return Promise.all(
    plan.map(async ({type, expression, session}): Promise<ScopeRow> => {
      const row: ScopeRow = {type, expression, instance: session.name, interface: session.interface, token: tokenState.get(session)!}
      try {
        const info = await session.service(type)
        row.endpoint = info.url
        row.region = info.endpoint.region
        row.version = info.version
        if (info.minMicroversion || info.maxMicroversion) row.microversions = `${info.minMicroversion ?? '?'} - ${info.maxMicroversion ?? '?'}`
      } catch (error) {
        if (!(error instanceof OidError)) throw error
        row.error = error.message
        if (error instanceof ConnectionError || error instanceof AuthError) row.fatal = error
      }

      return row
    }),
  )
}

function describeToken(session: Session): string {
  const auth = session.cached()
  if (!auth) return 'none cached'
  const minutes = Math.round((Date.parse(normaliseTimestamp(auth.expiresAt)) - Date.now()) / 60_000)
  return `cached, ${minutes} min left`
}

/** Each instance that could not be used, once. */
export function scopeFailures(rows: ScopeRow[]): {instance: string; error: OidError}[] {
  const seen = new Map<string, OidError>()
  for (const row of rows) if (row.fatal && !seen.has(row.instance)) seen.set(row.instance, row.fatal)
  return [...seen].map(([instance, error]) => ({instance, error}))
}
