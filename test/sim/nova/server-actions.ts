/**
 * POST /servers/{id}/action with Nova's state machine: os-start, os-stop, pause, unpause, suspend,
 * resume, reboot (SOFT/HARD), resize (+ confirmResize/revertResize, VERIFY_RESIZE), rebuild,
 * createImage (a snapshot in this instance's Glance) and os-getConsoleOutput. An action checks
 * vm_state and task_state like compute/api.py's check_instance_state (409 "Cannot 'stop' instance
 * … while it is in vm_state stopped"), sets task_state, and completes on the next GET.
 */
import {randomUUID} from 'node:crypto'
import {seedImage} from '../glance.js'
import {HttpError, isObject, readJson, sendEmpty, sendJson} from '../http.js'
import {ensureDefaultSecurityGroup, getNetwork, getPort, neutronState} from '../neutron.js'
import {recordAction} from './instance-actions.js'
import {atLeast, bad, notFound, pyRepr, schemaError, type Req} from './request.js'
import {imageVisible, randomPassword, UUID_RE} from './server-create.js'
import {visibleServer} from './server-lifecycle.js'
import {serverJson} from './server-views.js'
import type {NovaState, SimServer} from './state.js'

/** Nova's server status for a vm_state and task_state (nova/api/openstack/common.py). */
export function statusOf(vmState: string, taskState: string | null): string {
  const byTask: Record<string, Record<string, string>> = {
    active: {rebooting: 'REBOOT', reboot_pending: 'REBOOT', reboot_started: 'REBOOT', rebooting_hard: 'HARD_REBOOT', reboot_pending_hard: 'HARD_REBOOT', reboot_started_hard: 'HARD_REBOOT', rebuilding: 'REBUILD', resize_prep: 'RESIZE', resize_migrating: 'RESIZE', resize_migrated: 'RESIZE', resize_finish: 'RESIZE', resize_reverting: 'REVERT_RESIZE'},
    stopped: {rebooting_hard: 'HARD_REBOOT', rebuilding: 'REBUILD', resize_prep: 'RESIZE'},
    resized: {resize_reverting: 'REVERT_RESIZE'},
  }
  const plain: Record<string, string> = {active: 'ACTIVE', building: 'BUILD', stopped: 'SHUTOFF', paused: 'PAUSED', suspended: 'SUSPENDED', resized: 'VERIFY_RESIZE', error: 'ERROR', deleted: 'DELETED', soft_deleted: 'SOFT_DELETED', shelved: 'SHELVED', shelved_offloaded: 'SHELVED_OFFLOADED', rescued: 'RESCUE'}
  return (taskState && byTask[vmState]?.[taskState]) || plain[vmState] || 'UNKNOWN'
}

const POWER: Record<string, number> = {active: 1, stopped: 4, paused: 3, suspended: 7, resized: 1, error: 0}

/** Sets vm_state and task_state (and with them status and power_state). */
export function setState(srv: SimServer, vmState: string, taskState: string | null): void {
  srv.vmState = vmState
  srv.taskState = taskState
  srv.status = statusOf(vmState, taskState)
  srv.powerState = POWER[vmState] ?? srv.powerState
  srv.updated = Date.now()
}

/** check_instance_state: the action is allowed in these vm_states and only with no task running. */
function check(srv: SimServer, action: string, vmStates: string[], taskStates: (string | null)[] = [null]): void {
  const conflict = (attr: string, state: string | null) =>
    new HttpError(409, `Cannot '${action}' instance ${srv.id} while it is in ${attr} ${state ?? 'None'}`)
  if (!vmStates.includes(srv.vmState)) throw conflict('vm_state', srv.vmState)
  if (!taskStates.includes(srv.taskState)) throw conflict('task_state', srv.taskState)
}

/** Starts a task: task_state now, `then` on the next GET of the server. */
function begin(srv: SimServer, task: string, then: () => void): void {
  setState(srv, srv.vmState, task)
  srv.pending = () => {
    srv.pending = null
    then()
  }
}

type ActionBody = Record<string, unknown>

interface Action {
  /** The name in messages and os-instance-actions. */
  name: string
  run(r: Req, s: NovaState, srv: SimServer, arg: unknown): void
}

const ACTIONS: Record<string, Action> = {
  'os-stop': {
    name: 'stop',
    run(r, _s, srv) {
      check(srv, 'stop', ['active', 'error'])
      begin(srv, 'powering-off', () => setState(srv, 'stopped', null))
      sendEmpty(r.ctx.res, 202)
    },
  },
  'os-start': {
    name: 'start',
    run(r, _s, srv) {
      check(srv, 'start', ['stopped'])
      begin(srv, 'powering-on', () => setState(srv, 'active', null))
      sendEmpty(r.ctx.res, 202)
    },
  },
  pause: simple('pause', ['active'], 'pausing', 'paused'),
  unpause: simple('unpause', ['paused'], 'unpausing', 'active'),
  suspend: simple('suspend', ['active'], 'suspending', 'suspended'),
  resume: simple('resume', ['suspended'], 'resuming', 'active'),
  reboot: {name: 'reboot', run: reboot},
  resize: {name: 'resize', run: resize},
  confirmResize: {
    name: 'confirmResize',
    run(r, _s, srv) {
      check(srv, 'confirmResize', ['resized'])
      srv.oldFlavor = null
      setState(srv, srv.powerState === 4 ? 'stopped' : 'active', null)
      sendEmpty(r.ctx.res, 204)
    },
  },
  revertResize: {
    name: 'revertResize',
    run(r, _s, srv) {
      check(srv, 'revertResize', ['resized'])
      begin(srv, 'resize_reverting', () => {
        if (srv.oldFlavor) srv.flavor = srv.oldFlavor
        srv.oldFlavor = null
        setState(srv, 'active', null)
      })
      sendEmpty(r.ctx.res, 202)
    },
  },
  rebuild: {name: 'rebuild', run: rebuild},
  createImage: {name: 'createImage', run: createImage},
  'os-getConsoleOutput': {name: 'get_console_output', run: consoleOutput},
  'os-resetState': {name: 'resetState', run: resetState},
  changePassword: {name: 'changePassword', run: changePassword},
  addSecurityGroup: {name: 'addSecurityGroup', run: (r, _s, srv, arg) => securityGroupAction(r, srv, arg, 'addSecurityGroup')},
  removeSecurityGroup: {name: 'removeSecurityGroup', run: (r, _s, srv, arg) => securityGroupAction(r, srv, arg, 'removeSecurityGroup')},
}

/** Not instance actions in os-instance-actions (Nova records none for these). */
const UNRECORDED = new Set(['get_console_output', 'addSecurityGroup', 'removeSecurityGroup'])

/** os-admin-actions reset_state: admin only by policy; vm_state set, task_state cleared. */
function resetState(r: Req, _s: NovaState, srv: SimServer, arg: unknown): void {
  if (!r.admin) throw new HttpError(403, `Policy doesn't allow os_compute_api:os-admin-actions:reset_state to be performed.`)
  if (!isObject(arg) || arg.state === undefined) throw schemaError('os-resetState', arg, `'state' is a required property`)
  if (arg.state !== 'active' && arg.state !== 'error') throw schemaError('os-resetState/state', arg.state, `${pyRepr(arg.state)} is not one of ['active', 'error']`)
  srv.pending = null
  setState(srv, arg.state, null)
  sendEmpty(r.ctx.res, 202)
}

/** changePassword: only an ACTIVE server (check_instance_state), 409 otherwise. */
function changePassword(r: Req, _s: NovaState, srv: SimServer, arg: unknown): void {
  if (!isObject(arg) || arg.adminPass === undefined) throw schemaError('changePassword', arg, `'adminPass' is a required property`)
  if (typeof arg.adminPass !== 'string') throw schemaError('changePassword/adminPass', arg.adminPass, `${pyRepr(arg.adminPass)} is not of type 'string'`)
  check(srv, 'changePassword', ['active'])
  sendEmpty(r.ctx.res, 202)
}

/**
 * addSecurityGroup / removeSecurityGroup (nova/network/security_group_api.py): the group is found
 * in this instance's Neutron by name or ID in the server's project, then set on every port.
 */
function securityGroupAction(r: Req, srv: SimServer, arg: unknown, action: 'addSecurityGroup' | 'removeSecurityGroup'): void {
  if (!isObject(arg)) throw bad('Missing parameter dict')
  if (arg.name === undefined) throw bad('Security group not specified')
  const name = String(arg.name ?? '')
  if (name.trim() === '') throw bad('Security group name cannot be empty')
  const inst = r.ctx.inst
  ensureDefaultSecurityGroup(inst, srv.projectId)
  const groups = [...neutronState(inst).securityGroups.values()].filter((g) => g.projectId === srv.projectId)
  const byId = groups.find((g) => g.id === name)
  const byName = groups.filter((g) => g.name === name)
  if (!byId && byName.length > 1) throw new HttpError(409, `Multiple security_group matches found for name '${name}', use an ID to be more specific.`)
  const group = byId ?? byName[0]
  if (!group) throw notFound(`Security group ${name} is not found for project ${srv.projectId}`)
  const ports = srv.boundPorts.map((id) => getPort(inst, id)).filter((p) => p !== undefined)
  if (action === 'addSecurityGroup') {
    if (ports.length === 0 || ports.some((p) => !getNetwork(inst, p.networkId)?.portSecurity || p.fixedIps.length === 0)) {
      throw bad('Network requires port_security_enabled and subnet associated in order to apply security groups.')
    }
    for (const port of ports) {
      if (port.securityGroups.includes(group.id)) continue
      port.securityGroups.push(group.id)
      port.revision += 1
    }
  } else {
    const having = ports.filter((p) => p.securityGroups.includes(group.id))
    if (having.length === 0) throw bad(`Security group ${name} not associated with the instance ${srv.id}`)
    for (const port of having) {
      port.securityGroups = port.securityGroups.filter((g) => g !== group.id)
      port.revision += 1
    }
  }
  sendEmpty(r.ctx.res, 202)
}

function simple(name: string, from: string[], task: string, to: string): Action {
  return {
    name,
    run(r, _s, srv) {
      check(srv, name, from)
      begin(srv, task, () => setState(srv, to, null))
      sendEmpty(r.ctx.res, 202)
    },
  }
}

function reboot(r: Req, _s: NovaState, srv: SimServer, arg: unknown): void {
  if (!isObject(arg) || arg.type === undefined) throw schemaError('reboot', arg, `'type' is a required property`)
  const type = String(arg.type).toUpperCase()
  if (type !== 'SOFT' && type !== 'HARD') throw schemaError('reboot/type', arg.type, `${pyRepr(arg.type)} is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']`)
  if (type === 'SOFT') check(srv, 'reboot', ['active'])
  else check(srv, 'reboot', ['active', 'stopped', 'paused', 'suspended', 'error'], [null, 'rebooting', 'reboot_pending', 'reboot_started', 'rebooting_hard'])
  begin(srv, type === 'SOFT' ? 'rebooting' : 'rebooting_hard', () => setState(srv, 'active', null))
  sendEmpty(r.ctx.res, 202)
}

function resize(r: Req, s: NovaState, srv: SimServer, arg: unknown): void {
  if (!isObject(arg) || arg.flavorRef === undefined) throw schemaError('resize', arg, `'flavorRef' is a required property`)
  check(srv, 'resize', ['active', 'stopped'])
  const ref = String(arg.flavorRef)
  const flavor = s.flavors.get(ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref)
  if (!flavor || (!flavor.isPublic && !r.admin)) throw bad(`Unable to find flavor with ID ${ref}`)
  if (flavor.id === srv.flavor.id) throw bad('When resizing, instances must change flavor!')
  if (flavor.disk < srv.flavor.disk) throw bad('Resize error: Unable to resize disk down.')
  const wasStopped = srv.vmState === 'stopped'
  begin(srv, 'resize_prep', () => {
    srv.oldFlavor = srv.flavor
    srv.flavor = {...flavor, extraSpecs: {...flavor.extraSpecs}}
    setState(srv, 'resized', null)
    if (wasStopped) srv.powerState = 4
  })
  sendEmpty(r.ctx.res, 202)
}

function rebuild(r: Req, _s: NovaState, srv: SimServer, arg: unknown): void {
  if (!isObject(arg) || arg.imageRef === undefined) throw schemaError('rebuild', arg, `'imageRef' is a required property`)
  check(srv, 'rebuild', ['active', 'stopped', 'error'])
  const ref = String(arg.imageRef)
  const id = ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref
  if (!UUID_RE.test(id)) throw schemaError('rebuild/imageRef', ref, `'${ref}' is not a 'uuid'`)
  const img = r.ctx.inst.images.get(id)
  if (!img || img.status === 'deleted' || !imageVisible(img, r)) throw bad(`Image ${id} could not be found.`)
  if (img.status !== 'active') throw bad(`Image ${id} is not active.`)
  if (typeof arg.name === 'string') srv.name = arg.name
  if (isObject(arg.metadata)) srv.metadata = Object.fromEntries(Object.entries(arg.metadata).map(([k, v]) => [k, String(v)]))
  if (typeof arg.description === 'string' && atLeast(r, 2, 19)) srv.description = arg.description
  const to = srv.vmState === 'stopped' ? 'stopped' : 'active'
  srv.imageId = id
  begin(srv, 'rebuilding', () => setState(srv, to, null))
  const out = serverJson(r, srv)
  out.adminPass = typeof arg.adminPass === 'string' ? arg.adminPass : randomPassword()
  sendJson(r.ctx.res, 202, {server: out})
}

/** A snapshot: an image in this instance's Glance, id as a body from 2.45, as a Location header before. */
function createImage(r: Req, _s: NovaState, srv: SimServer, arg: unknown): void {
  if (!isObject(arg) || typeof arg.name !== 'string') throw schemaError('createImage', arg, `'name' is a required property`)
  if (arg.name.trim() === '') throw schemaError('createImage/name', arg.name, `'${arg.name}' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'`)
  check(srv, 'createImage', ['active', 'stopped', 'paused', 'suspended'])
  const props: Record<string, string> = {}
  if (arg.metadata !== undefined) {
    if (!isObject(arg.metadata)) throw schemaError('createImage/metadata', arg.metadata, `${pyRepr(arg.metadata)} is not of type 'object'`)
    for (const [k, v] of Object.entries(arg.metadata)) props[k] = String(v)
  }
  const base = srv.imageId ? r.ctx.inst.images.get(srv.imageId) : undefined
  Object.assign(props, {
    image_type: 'snapshot',
    instance_uuid: srv.id,
    user_id: r.tok.userId,
    base_image_ref: srv.imageId ?? '',
    image_location: 'snapshot',
    owner_project_name: r.ctx.inst.projects.get(srv.projectId)?.name ?? '',
    owner_user_name: r.ctx.inst.users.get(r.tok.userId)?.name ?? '',
  })
  const img = seedImage(
    r.ctx.inst,
    {
      name: arg.name,
      id: randomUUID(),
      data: base?.size ?? 1024,
      disk_format: base?.disk_format ?? 'qcow2',
      container_format: 'bare',
      visibility: 'private',
      owner: srv.projectId,
      min_disk: srv.flavor.disk,
      min_ram: base?.min_ram ?? 0,
      properties: props,
    },
    Date.now(),
  )
  begin(srv, 'image_snapshot', () => setState(srv, srv.vmState, null))
  if (atLeast(r, 2, 45)) sendJson(r.ctx.res, 202, {image_id: img.id})
  else sendEmpty(r.ctx.res, 202, {Location: `${r.ctx.inst.baseUrl}/image/images/${img.id}`})
}

function consoleOutput(r: Req, _s: NovaState, srv: SimServer, arg: unknown): void {
  let length: number | null = null
  if (isObject(arg) && arg.length !== undefined && arg.length !== null) {
    const n = typeof arg.length === 'string' && /^-?\d+$/.test(arg.length) ? Number(arg.length) : arg.length
    if (typeof n !== 'number' || !Number.isInteger(n)) throw schemaError('os-getConsoleOutput/length', arg.length, `${pyRepr(arg.length)} is not of type 'integer', 'string'`)
    if (n < -1) throw schemaError('os-getConsoleOutput/length', arg.length, `${n} is less than the minimum of -1`)
    length = n === -1 ? null : n
  }
  if (srv.vmState !== 'active') throw new HttpError(409, `Instance ${srv.id} is not ready`)
  const lines = length === null ? srv.console : length === 0 ? [] : srv.console.slice(-length)
  sendJson(r.ctx.res, 200, {output: lines.map((l) => `${l}\n`).join('')})
}

/** POST /servers/{id}/action: exactly one action key in the body. */
export async function serverAction(r: Req, s: NovaState, id: string): Promise<void> {
  const srv = visibleServer(r, s, id, false)
  const body = (await readJson(r.ctx.req)) as ActionBody
  const keys = isObject(body) ? Object.keys(body) : []
  const known = keys.filter((k) => Object.hasOwn(ACTIONS, k))
  if (known.length !== 1) throw bad('There is no such action: ' + (keys[0] ?? ''))
  const action = ACTIONS[known[0]]
  if (srv.deleting) throw new HttpError(409, `Cannot '${action.name}' instance ${srv.id} while it is in task_state deleting`)
  action.run(r, s, srv, body[known[0]])
  if (!UNRECORDED.has(action.name)) recordAction(r, srv, action.name)
}
