import type {Fanout} from '../routing/index.js'
import type {Report} from './report.js'
import type {ApiReply} from '../workflows/api.js'

/**
 * What `api` prints: the reply's JSON, indented by 2 as `-f json` is (a text reply as it came, an
 * empty one as nothing); under `&`, one JSON document keyed by instance name (empty replies as
 * null, instances that failed left out: their errors go to stderr).
 */
export function apiReport(fanout: Fanout<ApiReply>): Report {
  const failures = fanout.outcomes.flatMap((outcome) => (outcome.ok ? [] : [{instance: outcome.instance, error: outcome.error}]))
  return {kind: 'report', text: apiText(fanout), notes: fanout.notes, failures}
}

export function apiText(fanout: Fanout<ApiReply>): string {
  const served = fanout.outcomes.flatMap((outcome) => (outcome.ok ? [outcome] : []))
  if (!fanout.multi) {
    const body = served[0]?.value.body
    if (body === undefined || body === '') return ''
    return typeof body === 'string' ? (body.endsWith('\n') ? body : `${body}\n`) : `${JSON.stringify(body, null, 2)}\n`
  }

  if (served.length === 0) return ''
  const document: Record<string, unknown> = {}
  for (const outcome of served) document[outcome.instance] = outcome.value.body ?? null
  return `${JSON.stringify(document, null, 2)}\n`
}
