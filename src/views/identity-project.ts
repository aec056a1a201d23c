import {OidError} from '../errors.js'
import type {Cell, ListView} from '../output/index.js'
import {compareCodePoints, less, UnorderableError} from '../output/python.js'
import type {Project} from '../services/identity.js'

/** OSC's `project list`: ID, Name (with --long: Domain ID, Description, Enabled), in Keystone's order or --sort's. */
export function projectListView(projects: Project[], long: boolean, sort?: string): ListView {
  const sorted = sort ? sortProjects(projects, sort) : projects
  const row = (project: Project): Cell[] =>
    long ? [project.id, project.name, project.domain_id ?? null, project.description ?? null, project.enabled ?? null] : [project.id, project.name]
  return {kind: 'list', columns: long ? ['ID', 'Name', 'Domain ID', 'Description', 'Enabled'] : ['ID', 'Name'], rows: sorted.map(row)}
}

/** osc-lib's sort_items: `key[:asc|desc],…`, the last key first (a stable sort), Python's ordering. */
export function sortProjects(projects: Project[], sort: string): Project[] {
  const sorted = [...projects]
  for (const spec of sort.trim().split(',').reverse()) {
    const [key, direction = 'asc'] = spec.includes(':') ? spec.split(/:(.*)/s) : [spec, 'asc']
    if (key === '') throw new OidError("'<empty string>'' is not a valid sort key")
    if (direction !== 'asc' && direction !== 'desc') {
      throw new OidError(`'${direction || '<empty string>'}' is not a valid sort direction for sort key ${key}, use 'asc' or 'desc' instead`)
    }

    if (sorted.some((project) => !(key in project))) throw new OidError(`Resource doesn't have field ${key}`)
    const order = (a: Project, b: Project): number => {
      const [x, y] = [a[key], b[key]]
      if (typeof x === 'string' && typeof y === 'string') return compareCodePoints(x, y)
      try {
        return less(x, y) ? -1 : less(y, x) ? 1 : 0
      } catch (error) {
        if (error instanceof UnorderableError) throw new OidError(`Cannot sort projects by ${key}: its values cannot be compared.`)
        throw error
      }
    }

    sorted.sort((a, b) => (direction === 'desc' ? order(b, a) : order(a, b)))
  }

  return sorted
}
