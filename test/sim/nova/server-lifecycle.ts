/** A server's life driven by GETs: BUILD → ACTIVE (ports plugged) or ERROR, deleting → gone. */
import {createPort, deletePort, getPort} from '../neutron.js'
import type {InstanceState} from '../state.js'
import {notFound, type Req} from './request.js'
import type {NovaState, SimServer} from './state.js'
import {abandonBdms, buildVolumes, releaseVolumes} from './volumes.js'

function imageUsable(inst: InstanceState, id: string | null): {ok: true} | {ok: false; message: string} {
  if (!id) return {ok: true}
  const img = inst.images.get(id)
  if (!img || img.status === 'deleted') return {ok: false, message: `Image ${id} could not be found.`}
  if (img.status !== 'active') return {ok: false, message: `Image ${id} is not active.`}
  return {ok: true}
}

/** What the scheduler and the compute do, once the server has been polled enough. */
export function finishBuild(inst: InstanceState, srv: SimServer): void {
  const now = Date.now()
  srv.updated = now
  srv.taskState = null
  const fail = (code: number, message: string, details: string, host: string | null) => {
    srv.status = 'ERROR'
    srv.vmState = 'error'
    srv.powerState = 0
    srv.host = host
    srv.fault = {code, message, created: now, details}
  }
  if (srv.failBoot) {
    abandonBdms(inst, srv)
    fail(500, 'No valid host was found. ', 'Traceback (most recent call last):\n  File "/opt/stack/nova/nova/conductor/manager.py", line 1654, in schedule_and_build_instances\nnova.exception.NoValidHost: No valid host was found. \n', null)
    return
  }
  // The compute only knows "its" Glance: a deleted or deactivated image cannot be fetched.
  const img = imageUsable(inst, srv.imageId)
  if (!img.ok) {
    img.message = `Image ${srv.imageId} could not be found.`
    fail(404, img.message, `  File "/opt/stack/nova/nova/compute/manager.py", line 2437, in _build_and_run_instance\nnova.exception.ImageNotFound: ${img.message}\n`, null)
    return
  }
  // Boot volumes are made and every volume attached (the compute's _prep_block_device).
  const refused = buildVolumes(inst, srv)
  if (refused) {
    fail(500, refused, `  File "/opt/stack/nova/nova/compute/manager.py", line 2512, in _build_resources\nnova.exception.BuildAbortException: ${refused}\n`, 'compute')
    return
  }
  // Plug the requested networks (compute allocates the ports).
  for (const req of srv.requested) {
    if (req.portId) {
      const port = getPort(inst, req.portId)
      if (port) {
        port.deviceId = srv.id
        port.deviceOwner = 'compute:nova'
        srv.boundPorts.push(port.id)
      }
      continue
    }
    if (!req.networkId) continue
    const sgs = srv.securityGroupIds.length ? srv.securityGroupIds : undefined
    const port = createPort(inst, {networkId: req.networkId, projectId: srv.projectId, deviceId: srv.id, deviceOwner: 'compute:nova', fixedIp: req.fixedIp, securityGroups: sgs})
    srv.ownedPorts.push(port.id)
    srv.boundPorts.push(port.id)
  }
  srv.status = 'ACTIVE'
  srv.vmState = 'active'
  srv.powerState = 1
  srv.host = 'compute'
  srv.launchedAt = now
  srv.console.push(...bootLog(srv))
}

/** What a cirros guest prints while it boots (os-getConsoleOutput). */
function bootLog(srv: SimServer): string[] {
  return [
    '[    0.000000] Linux version 5.15.0-71-generic (buildd@lcy02-amd64-044) #78-Ubuntu SMP',
    '[    0.000000] Command line: BOOT_IMAGE=/vmlinuz root=LABEL=cirros-rootfs ro console=tty1 console=ttyS0',
    `[    1.204518] EXT4-fs (vda1): mounted filesystem with ordered data mode.`,
    'Starting network...',
    'udhcpc: started, v1.36.1',
    `checking http://169.254.169.254/2009-04-04/instance-id`,
    `successful after 1/20 tries: up 3.42. iid=${srv.instanceName}`,
    `=== cirros: current=0.6.2 uptime=4.71 ===`,
    `login as 'cirros' user. default password: 'gocubsgo'. use 'sudo' for root.`,
    `${srv.name} login: `,
  ]
}

export function releasePorts(inst: InstanceState, srv: SimServer): void {
  releaseVolumes(inst, srv)
  for (const pid of srv.boundPorts) {
    if (srv.ownedPorts.includes(pid)) deletePort(inst, pid)
    else {
      const port = getPort(inst, pid)
      if (port) {
        port.deviceId = ''
        port.deviceOwner = ''
      }
    }
  }
  srv.boundPorts = []
  srv.ownedPorts = []
}

/** One GET of this server: advances BUILD → ACTIVE/ERROR and deleting → gone. Returns false when gone. */
function poll(inst: InstanceState, s: NovaState, srv: SimServer): boolean {
  if (srv.deleting) {
    if (srv.polls >= s.options.deletePolls) {
      releasePorts(inst, srv)
      srv.status = 'DELETED'
      s.servers.delete(srv.id)
      return false
    }
    srv.polls++
    return true
  }
  if (srv.status === 'BUILD') {
    if (srv.polls >= s.options.buildPolls) finishBuild(inst, srv)
    else srv.polls++
  } else if (srv.pending) srv.pending()
  return true
}

export function visibleServer(r: Req, s: NovaState, id: string, doPoll: boolean): SimServer {
  const srv = s.servers.get(id)
  if (!srv || (!r.admin && srv.projectId !== r.project)) throw notFound(`Instance ${id} could not be found.`)
  if (doPoll && !poll(r.ctx.inst, s, srv)) throw notFound(`Instance ${id} could not be found.`)
  return srv
}
