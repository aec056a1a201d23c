import {Formatted, type Cell, type ListView, type ShowView} from '../output/index.js'
import {str as pyStr} from '../output/python.js'
import type {SecurityGroup, SecurityGroupRule} from '../services/network.js'
import {formatDict} from './columns.js'

/** OSC 6.0's security group and security group rule views (openstackclient/network/v2/security_group*.py). */

/** A raw list (tags) as cliff prints an unformatted Python list: "[]", "['a', 'b']". */
const rawList = (value: unknown) => new Formatted(value ?? [], pyStr(value ?? []))
const cell = (value: unknown): Cell => (value === undefined ? null : (value as Cell))
const falsy = (value: unknown) => value === null || value === undefined || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)

/** NetworkSecurityGroupRulesColumn: one format_dict per rule, without empty keys and the caller-known ids. */
function rulesCell(rules: Record<string, unknown>[]): Formatted {
  const lines = rules.map((rule) => {
    const kept = Object.fromEntries(Object.entries(rule).filter(([key, value]) => !falsy(value) && !['security_group_id', 'tenant_id', 'project_id'].includes(key)))
    return formatDict(kept)
  })
  return new Formatted(rules, lines.join('\n'))
}

export function securityGroupListView(groups: SecurityGroup[]): ListView {
  return {
    kind: 'list',
    columns: ['ID', 'Name', 'Description', 'Project', 'Tags'],
    rows: groups.map((group) => [group.id, group.name, cell(group.description), cell(group.project_id ?? group.tenant_id), rawList(group.tags)]),
  }
}

export function securityGroupShowView(group: SecurityGroup): ShowView {
  const fields = ['created_at', 'description', 'id', 'name', 'project_id', 'revision_number', 'rules', 'stateful', 'tags', 'updated_at']
  const values: Cell[] = [
    cell(group.created_at),
    cell(group.description),
    group.id,
    group.name,
    cell(group.project_id ?? group.tenant_id),
    cell(group.revision_number),
    rulesCell((group.security_group_rules as Record<string, unknown>[]) ?? []),
    cell(group.stateful),
    rawList(group.tags),
    cell(group.updated_at),
  ]
  return {kind: 'show', fields, values}
}

const ICMP = ['icmp', 'icmpv6', 'ipv6-icmp', '1', '58']

/** _format_network_port_range: "22:22", "type=3:code=0", "". */
function portRange(rule: SecurityGroupRule): string {
  const min = rule.port_range_min as number | null | undefined
  const max = rule.port_range_max as number | null | undefined
  if (ICMP.includes(String(rule.protocol))) return `${min ? `type=${min}` : ''}${max ? `:code=${max}` : ''}`
  if (!min && !max) return ''
  return `${String(min ?? max)}:${String(max ?? min)}`
}

/** _format_remote_ip_prefix: no prefix shows the whole address family. */
function ipRange(rule: SecurityGroupRule): Cell {
  if (rule.remote_ip_prefix !== null && rule.remote_ip_prefix !== undefined) return rule.remote_ip_prefix as string
  return rule.ethertype === 'IPv4' ? '0.0.0.0/0' : rule.ethertype === 'IPv6' ? '::/0' : null
}

export function securityGroupRuleListView(rules: SecurityGroupRule[], withGroup: boolean): ListView {
  const columns = ['ID', 'IP Protocol', 'Ethertype', 'IP Range', 'Port Range', 'Direction', 'Remote Security Group', 'Remote Address Group']
  if (withGroup) columns.push('Security Group')
  return {
    kind: 'list',
    columns,
    rows: rules.map((rule) => {
      const row: Cell[] = [rule.id, cell(rule.protocol), cell(rule.ethertype), ipRange(rule), portRange(rule), cell(rule.direction), cell(rule.remote_group_id), cell(rule.remote_address_group_id)]
      if (withGroup) row.push(rule.security_group_id)
      return row
    }),
  }
}

export function securityGroupRuleShowView(rule: SecurityGroupRule): ShowView {
  const fields = ['created_at', 'description', 'direction', 'ether_type', 'id', 'name', 'port_range_max', 'port_range_min', 'project_id', 'protocol', 'remote_address_group_id', 'remote_group_id', 'remote_ip_prefix', 'revision_number', 'security_group_id', 'tags', 'updated_at']
  const wire: Record<string, unknown> = {...rule, ether_type: rule.ethertype, project_id: rule.project_id ?? rule.tenant_id}
  return {kind: 'show', fields, values: fields.map((field) => (field === 'tags' ? rawList(wire.tags) : cell(wire[field])))}
}
