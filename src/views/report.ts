import type {OidError} from '../errors.js'
import type {Cell, ListView, ShowView, View} from '../output/index.js'
import type {Fanout} from '../routing/index.js'

/** What a command prints: the view, notes for stderr, and the instances that failed (exit 1). */
export interface Report {
  kind: 'report'
  view?: View
  /** A document printed as it is (what `api` answers), instead of a view. */
  text?: string
  notes: string[]
  failures: {instance: string; error: OidError}[]
}

/**
 * Merges what each instance returned. With `&`, list rows get an Instance first column and show
 * records become rows (Instance + fields); with one instance (a name, or the winner of `|`) the
 * view is the instance's own, exactly as OSC prints it.
 */
export function report<T>(fanout: Fanout<T>, toView: (value: T) => View): Report {
  const failures = fanout.outcomes.flatMap((outcome) => (outcome.ok ? [] : [{instance: outcome.instance, error: outcome.error}]))
  const views = fanout.outcomes.flatMap((outcome) => (outcome.ok ? [{instance: outcome.instance, view: toView(outcome.value)}] : []))
  if (views.length === 0) return {kind: 'report', notes: fanout.notes, failures}
  if (!fanout.multi) return {kind: 'report', view: views[0].view, notes: fanout.notes, failures}
  return {kind: 'report', view: merge(views), notes: fanout.notes, failures}
}

function merge(views: {instance: string; view: View}[]): ListView {
  if (views[0].view.kind === 'list') {
    const columns = ['Instance', ...views[0].view.columns]
    const rows = views.flatMap(({instance, view}) => (view as ListView).rows.map((row): Cell[] => [instance, ...row]))
    return {kind: 'list', columns, rows}
  }

  const fields: string[] = []
  for (const {view} of views) for (const field of (view as ShowView).fields) if (!fields.includes(field)) fields.push(field)
  const rows = views.map(({instance, view}) => {
    const show = view as ShowView
    return [instance, ...fields.map((field) => {
      const index = show.fields.indexOf(field)
      return index === -1 ? null : show.values[index]
    })]
  })
  return {kind: 'list', columns: ['Instance', ...fields], rows}
}

/** Only lines for stderr (where a delete acted under `&`). */
export function notes(lines: string[]): Report {
  return {kind: 'report', notes: lines, failures: []}
}
