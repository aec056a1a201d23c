import {createHash} from 'node:crypto'

/** Headers whose values are credentials: shown as {SHA256}<hash>, as keystoneauth does. */
const TOKEN_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'x-service-token'])
const SECRET_KEYS = new Set(['password', 'secret', 'adminPass', 'admin_pass', 'original_password'])

export function hashToken(value: string): string {
  return `{SHA256}${createHash('sha256').update(value).digest('hex')}`
}

export function redactHeader(name: string, value: string): string {
  if (TOKEN_HEADERS.has(name.toLowerCase())) {
    // OpenStackoïd deployments append "!SCOPE!<json>" to the token: keep the scope readable.
    const at = value.indexOf('!SCOPE!')
    return at === -1 ? hashToken(value) : hashToken(value.slice(0, at)) + value.slice(at)
  }

  return value
}

/** Deep copy of a JSON body with passwords, secrets and the service catalog removed. */
export function redactBody(body: unknown): unknown {
  if (Array.isArray(body)) return body.map((item) => redactBody(item))
  if (body === null || typeof body !== 'object') return body
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (SECRET_KEYS.has(key)) out[key] = '***'
    else if (key === 'catalog' && Array.isArray(value)) out[key] = '<removed>'
    else if (key === 'token' && typeof value === 'object' && value !== null && 'id' in value) out[key] = {...(redactBody(value) as object), id: '***'}
    else out[key] = redactBody(value)
  }

  return out
}
