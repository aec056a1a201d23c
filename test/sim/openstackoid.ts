/**
 * OpenStackoïd's server-side routing, as its HAProxy + Lua `interpret_scope` did it (G1) and its
 * patched keystoneauth interpreter (G2): the scope comes in the `X-Scope` header, or after
 * `!SCOPE!` in X-Auth-Token; the service type of the request picks the target instance
 * (default: the instance that received it); the `!SCOPE!` suffix is removed before the token
 * is checked, and a service accepts tokens of the instance the scope names for identity
 * (patched keystonemiddleware validating against X-Identity-Url).
 */
import type {IncomingMessage} from 'node:http'

export const SCOPE_DELIMITER = '!SCOPE!'

/** The scope a request carries (service type → instance name), or undefined. */
export function requestScope(req: IncomingMessage): Record<string, string> | undefined {
  const header = req.headers['x-scope']
  const token = req.headers['x-auth-token']
  let text: string | undefined = Array.isArray(header) ? header[0] : header
  if (!text && typeof token === 'string' && token.includes(SCOPE_DELIMITER)) text = token.slice(token.indexOf(SCOPE_DELIMITER) + SCOPE_DELIMITER.length)
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string>
  } catch {
    // a proxy that cannot read the scope routes locally
  }

  return undefined
}

/** Removes the scope suffix from the token headers, as the proxy does before a service sees them. */
export function stripScope(req: IncomingMessage): void {
  for (const name of ['x-auth-token', 'x-subject-token']) {
    const value = req.headers[name]
    if (typeof value === 'string' && value.includes(SCOPE_DELIMITER)) req.headers[name] = value.slice(0, value.indexOf(SCOPE_DELIMITER))
  }
}
