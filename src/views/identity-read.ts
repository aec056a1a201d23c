import {Formatted, type Cell, type ListView, type ShowView} from '../output/index.js'
import {compareCodePoints, str as pyStr} from '../output/python.js'
import type {IdentityRecord, RoleAssignment} from '../services/identity-read.js'

/** A value as cliff prints a raw attribute: dicts and lists as Python's str(), in json/yaml as they are. */
function cell(value: unknown): Cell {
  if (value !== null && typeof value === 'object') return new Formatted(value, pyStr(value))
  return value as Cell
}

/** OSC's `project show` / `user show`: every field Keystone sent but `links`, sorted by name. */
export function recordView(record: IdentityRecord): ShowView {
  const fields = Object.keys(record)
    .filter((key) => key !== 'links')
    .sort(compareCodePoints)
  return {kind: 'show', fields, values: fields.map((field) => cell(record[field]))}
}

/** get_item_properties: a missing attribute is ''. */
function attribute(record: IdentityRecord, key: string): Cell {
  return key in record ? cell(record[key]) : ''
}

/** OSC's `user list`: ID, Name; --long adds Project, Domain, Description, Email, Enabled. */
export function userListView(users: IdentityRecord[], long: boolean): ListView {
  const keys = long ? ['id', 'name', 'default_project_id', 'domain_id', 'description', 'email', 'enabled'] : ['id', 'name']
  const columns = long ? ['ID', 'Name', 'Project', 'Domain', 'Description', 'Email', 'Enabled'] : ['ID', 'Name']
  return {kind: 'list', columns, rows: users.map((user) => keys.map((key) => attribute(user, key)))}
}

/** OSC's `role list`: ID, Name (and Domain, the domain's name, with --domain). */
export function roleListView({roles, domainName}: {roles: IdentityRecord[]; domainName?: string}): ListView {
  if (domainName === undefined) return {kind: 'list', columns: ['ID', 'Name'], rows: roles.map((role) => [attribute(role, 'id'), attribute(role, 'name')])}
  return {kind: 'list', columns: ['ID', 'Name', 'Domain'], rows: roles.map((role) => [attribute(role, 'id'), attribute(role, 'name'), domainName])}
}

type Named = {id: string; name?: string; domain?: {id: string; name?: string}}

/** OSC's `role assignment list`: Role, User, Group, Project, Domain, System, Inherited; --names as name@domain. */
export function roleAssignmentListView(assignments: RoleAssignment[], names: boolean): ListView {
  const at = (entity: Named) => (names ? `${entity.name ?? ''}@${entity.domain?.name ?? ''}` : entity.id)
  const row = (assignment: RoleAssignment): Cell[] => {
    const {scope} = assignment
    let project = ''
    let domain = ''
    let system = ''
    if (scope.project) project = at(scope.project)
    else if (scope.domain) domain = names ? (scope.domain.name ?? '') : scope.domain.id
    else if (scope.system !== undefined) system = 'all'
    const user = assignment.user ? at(assignment.user) : ''
    const group = assignment.user ? '' : assignment.group ? at(assignment.group) : ''
    const role = assignment.role ? (names ? (assignment.role.name ?? '') : assignment.role.id) : ''
    return [role, user, group, project, domain, system, scope['OS-INHERIT:inherited_to'] === 'projects']
  }

  return {kind: 'list', columns: ['Role', 'User', 'Group', 'Project', 'Domain', 'System', 'Inherited'], rows: assignments.map(row)}
}
