import type {AuthRef} from '../auth/types.js'
import {normaliseTimestamp} from '../auth/cache.js'
import type {ShowView} from '../output/index.js'

/** OSC's `token issue`: the fields that are set, sorted; expires as %Y-%m-%dT%H:%M:%S%z in UTC. */
export function tokenView(auth: AuthRef): ShowView {
  const data: Record<string, string> = {id: auth.token, expires: formatExpires(auth.expiresAt)}
  if (auth.project) data.project_id = auth.project.id
  data.user_id = auth.user.id
  if (auth.domain) data.domain_id = auth.domain.id
  if (auth.system) data.system = 'all'
  const fields = Object.keys(data).sort()
  return {kind: 'show', fields, values: fields.map((field) => data[field])}
}

export function formatExpires(expiresAt: string): string {
  const date = new Date(normaliseTimestamp(expiresAt))
  if (Number.isNaN(date.getTime())) return expiresAt
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000')
}
