import {AuthError, ConnectionError, OidError, UsageError} from '../errors.js'
import type {HttpClient} from '../http/client.js'
import type {AuthOptions, CloudConfig} from '../config/index.js'
import type {AuthRef} from './types.js'

/**
 * Keystone v3: version discovery of the auth URL, the token request for each auth type, and the
 * parsing of its answer. The token comes in the X-Subject-Token header, the rest in the body.
 */

const VERSIONED = /\/v3\/?$/

/** The v3 URL for an auth_url given with or without /v3 (generic plugins discover it). */
export async function identityV3Url(http: HttpClient, authUrl: string, instance: string, headers: Record<string, string> = {}): Promise<string> {
  const base = authUrl.replace(/\/+$/, '')
  if (VERSIONED.test(base)) return base
  if (/\/v2\.0$/.test(base)) {
    throw new UsageError(`The auth_url of ${instance} (${authUrl}) points at Keystone v2.0, which openstackoid does not speak.`, {
      hint: 'Use the v3 URL (…/v3) or the unversioned one and let discovery find v3.',
    })
  }

  try {
    const response = await http.request<unknown>({method: 'GET', url: base, headers, instance, service: 'identity', accept: (status) => status === 200 || status === 300})
    const href = pickV3(response.body)
    if (href) {
      // Keep the auth_url's scheme, host and port: a proxy may rewrite them, and the path is what matters.
      const prefix = new URL(base).pathname.replace(/\/+$/, '')
      const path = new URL(href, base + '/').pathname.replace(/\/+$/, '')
      const versioned = path.startsWith(prefix + '/') ? path : `${prefix}/${path.split('/').pop()}`
      return new URL(base).origin + versioned
    }
  } catch (error) {
    // Unreachable is unreachable; an HTTP error falls through to the message below.
    if (!(error instanceof OidError) || error instanceof ConnectionError) throw error
  }

  throw new OidError(`Could not find versioned identity endpoints when attempting to authenticate to ${instance}. Please check that your auth_url is correct (${authUrl}).`, {
    hint: 'The auth_url must be a Keystone URL, e.g. http://keystone.example.com:5000/v3 or http://devstack/identity.',
  })
}

function pickV3(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined
  const record = body as Record<string, unknown>
  const versions = record.versions as unknown
  const list: unknown[] = Array.isArray(versions)
    ? versions
    : versions && typeof versions === 'object' && Array.isArray((versions as Record<string, unknown>).values)
      ? ((versions as Record<string, unknown>).values as unknown[])
      : record.version
        ? [record.version]
        : []
  for (const entry of list) {
    const version = entry as {id?: string; status?: string; links?: {rel?: string; href?: string}[]}
    if (!version.id?.startsWith('v3')) continue
    if (version.status && /deprecated/i.test(version.status)) continue
    const self = version.links?.find((link) => link.rel === 'self')
    if (self?.href) return self.href
  }

  return undefined
}

/** The JSON body of POST /v3/auth/tokens for the cloud's auth type. Pure. */
export function tokenRequestBody(cloud: CloudConfig): unknown {
  const auth = cloud.auth
  const type = cloud.authType
  if (type === 'v3applicationcredential' || type === 'applicationcredential' || type === 'application_credential') {
    const credential: Record<string, unknown> = {secret: auth.application_credential_secret}
    if (auth.application_credential_id) credential.id = auth.application_credential_id
    else {
      credential.name = auth.application_credential_name
      credential.user = userRef(auth)
    }

    return {auth: {identity: {methods: ['application_credential'], application_credential: credential}}}
  }

  const identity =
    type === 'token' || type === 'v3token'
      ? {methods: ['token'], token: {id: auth.token}}
      : {methods: ['password'], password: {user: {...userRef(auth), password: auth.password}}}
  const scope = scopeOf(auth)
  return {auth: scope ? {identity, scope} : {identity}}
}

function userRef(auth: AuthOptions): Record<string, unknown> {
  if (auth.user_id) return {id: auth.user_id}
  return {name: auth.username, domain: domainRef(auth.user_domain_id, auth.user_domain_name, auth.default_domain)}
}

function domainRef(id?: string, name?: string, fallback?: string): Record<string, string> {
  if (id) return {id}
  if (name) return {name}
  return {id: fallback ?? 'default'}
}

function scopeOf(auth: AuthOptions): unknown {
  if (auth.project_id) return {project: {id: auth.project_id}}
  if (auth.project_name) return {project: {name: auth.project_name, domain: domainRef(auth.project_domain_id, auth.project_domain_name, auth.default_domain)}}
  if (auth.domain_id) return {domain: {id: auth.domain_id}}
  if (auth.domain_name) return {domain: {name: auth.domain_name}}
  if (auth.system_scope) return {system: {[auth.system_scope]: true}}
  return undefined
}

/** POST /v3/auth/tokens and read the answer into an AuthRef. */
/** `headers`: extra headers for every request (OpenStackoïd deployments: X-Scope). */
export async function issueToken(http: HttpClient, cloud: CloudConfig, instance: string, headers: Record<string, string> = {}): Promise<AuthRef> {
  const identityUrl = await identityV3Url(http, cloud.auth.auth_url ?? '', instance, headers)
  const response = await http.request<unknown>({
    method: 'POST',
    url: `${identityUrl}/auth/tokens`,
    headers,
    json: tokenRequestBody(cloud),
    instance,
    service: 'identity',
    accept: (status) => status === 201 || status === 200,
  }).catch((error: unknown) => {
    if (error instanceof OidError && (error as {status?: number}).status === 401) {
      const details = (error as unknown as {details: {apiMessage?: string; requestId?: string}}).details
      throw new AuthError(`${instance} refused the credentials: ${details.apiMessage ?? 'Unauthorized'} (HTTP 401)${details.requestId ? ` (Request-ID: ${details.requestId})` : ''}.`, {
        hint: `Check the user, password (or application credential) and project of cloud ${instance}${cloud.files.clouds ? ` in ${cloud.files.clouds}` : ''}.`,
        cause: error,
      })
    }

    throw error
  })
  const header = response.headers['x-subject-token']
  const token = Array.isArray(header) ? header[0] : header
  if (!token) throw new OidError(`${instance}'s Keystone answered ${response.status} without an X-Subject-Token header; is ${identityUrl} really Keystone v3?`)
  return parseToken(await import('./token-schema.js'), response.body, token, identityUrl, instance)
}

function parseToken(schema: typeof import('./token-schema.js'), body: unknown, token: string, identityUrl: string, instance: string): AuthRef {
  const parsed = schema.tokenResponse.safeParse(body)
  if (!parsed.success) {
    throw new OidError(`${instance}'s Keystone sent a token body that is not Keystone v3's: ${schema.describe(parsed.error)}`)
  }

  const t = parsed.data.token
  return {
    token,
    expiresAt: t.expires_at,
    issuedAt: t.issued_at,
    identityUrl,
    methods: t.methods ?? [],
    user: {id: t.user.id, name: t.user.name, domainId: t.user.domain?.id},
    project: t.project ? {id: t.project.id, name: t.project.name, domainId: t.project.domain?.id} : undefined,
    domain: t.domain ? {id: t.domain.id, name: t.domain.name} : undefined,
    system: Boolean(t.system?.all),
    roles: (t.roles ?? []).map((role) => role.name ?? role.id ?? ''),
    // kept as Keystone sent it (`catalog list -f json` shows it raw)
    catalog: ((body as {token: {catalog?: unknown}}).token.catalog ?? []) as AuthRef['catalog'],
  }
}
