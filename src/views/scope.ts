import type {ListView} from '../output/index.js'
import type {ScopeRow} from '../workflows/scope-show.js'

/** `scope show`: one row per (service type, instance). */
export function scopeView(rows: ScopeRow[]): ListView {
  return {
    kind: 'list',
    columns: ['Service Type', 'Scope', 'Instance', 'Endpoint', 'Region', 'Interface', 'Version', 'Microversions', 'Token'],
    rows: rows.map((row) => [row.type, row.expression, row.instance, row.error ? `error: ${row.error}` : (row.endpoint ?? null), row.region ?? null, row.interface, row.version ?? null, row.microversions ?? null, row.token]),
  }
}
