import {randomUUID} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {ApiError, ConnectionError, OidError, RefusedError, UsageError} from '../errors.js'
import {format, hasAnd, type Fanout, type InstanceRouter, type ServiceClient} from '../routing/index.js'
import {createServer, deleteServer, findFlavor, getKeypair, getServer, listServers, supports, type Flavor, type Server} from '../services/compute.js'
import {findImage, listImages, type Image} from '../services/image.js'
import {findNetwork, findPort, findSecurityGroup} from '../services/network.js'
import {findSnapshot, findVolume} from '../services/volume.js'
import {assembleMappings, blockDeviceVersions, checkBlockDevices, type BlockDeviceRequest, type LegacyMapping, type Mapping} from './block-devices.js'
import {ensureCopy} from './image-copy.js'
import {attachedVolumes, volumesLeft} from './server-volumes.js'
import {findMarkedAgain} from './marker.js'
import {waitForDelete, waitForServer, waitForVolume} from './wait.js'

/** Server metadata that marks each create, so that a create whose reply was lost is found, never sent twice (DESIGN §2). */
export const CREATE_MARKER = 'openstackoid_create_id'

/** One --nic (or --network / --port / --no-network / --auto-network), in the order given. */
export type Nic = {netId?: string; portId?: string; v4FixedIp?: string; v6FixedIp?: string; tag?: string} | 'auto' | 'none'

export interface ServerCreateOptions {
  name: string
  flavor: string
  image?: string
  imageProperties: Record<string, string>
  nics: Nic[]
  securityGroups: string[]
  keyName?: string
  properties: Record<string, string>
  userData?: string
  availabilityZone?: string
  hints: Record<string, string[]>
  min: number
  max: number
  description?: string
  tags: string[]
  configDrive?: string | boolean
  password?: string
  wait: boolean
  waitTimeout: number
  /** --volume, --snapshot, --boot-from-volume, --swap, --ephemeral, --block-device-mapping, --block-device. */
  blockDevices: BlockDeviceRequest
}

export interface CreatedServer {
  server: Server
  flavor: Flavor
  /** The image the server booted from (or its boot volume was made from), in the compute instance's Glance; none for --volume/--snapshot. */
  image?: Image
  /** Set when the image came from another instance. */
  origin?: {instance: string; image: Image; copied: boolean}
  adminPass?: string
}

/**
 * `server create`: boots in the instance(s) the scope gives compute, from an image in the instance
 * the scope gives image. Nova reads only its own Glance, so an image from another instance is
 * first copied (or a verified earlier copy reused). Everything that can be checked is checked
 * before anything is created.
 */
export async function serverCreate(router: InstanceRouter, options: ServerCreateOptions): Promise<Fanout<CreatedServer>> {
  checkOptions(options)
  const blockDevices = checkBlockDevices(options.blockDevices)
  const userData = options.userData === undefined ? undefined : readUserData(options.userData)
  const imageExpr = router.expression('image')
  if (imageExpr && hasAnd(imageExpr)) {
    throw new UsageError(`server create boots from one image, but --scope gives image to "${format(imageExpr)}".`, {
      hint: 'Name the instance that has the image, or alternatives with "|": --scope \'{"image": "InstanceTwo | InstanceOne"}\'.',
    })
  }

  const bootsFromImage = options.image !== undefined || Object.keys(options.imageProperties).length > 0
  const image = bootsFromImage ? await resolveImage(router, options) : undefined
  const marker = randomUUID()
  const compute = router.expression('compute')
  const run: BootRun = {marker, alternatives: compute?.kind === 'or', posted: new Map(), leftovers: [], blockDevices}
  const result = await router.fanout('compute', 'create', async (client) => bootIn(router, client, image, options, run, userData), {
    // The reply to POST /servers was lost (time-out, reset, 5xx): look for the marked server; found, adopt it.
    recover: async (client) => {
      const finish = run.posted.get(client.instance)
      if (!finish) return undefined
      const found = await findMarked(client, options.name, marker)
      return found ? finish(found) : undefined
    },
  })
  result.notes.push(...run.leftovers)
  return result
}

function checkOptions(options: ServerCreateOptions): void {
  // An empty name would reach the cloud as a lookup of '' (or a network of ''): refused here, naming the flag.
  const empty = (flag: string, value: string | undefined, example: string) => {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${flag} is empty: it takes ${example}.`, {hint: `Example: --${flag} ${EXAMPLES[flag]}`})
  }

  empty('flavor', options.flavor, 'a flavor name or ID')
  empty('image', options.image, 'an image name or ID')
  empty('key-name', options.keyName, 'the name of a keypair')
  empty('availability-zone', options.availabilityZone, 'an availability zone name')
  for (const group of options.securityGroups) empty('security-group', group, 'a security group name or ID')
  for (const nic of options.nics) {
    if (typeof nic === 'string') continue
    if (nic.netId !== undefined && nic.portId === undefined) empty('network', nic.netId, 'a network name or ID (or use --nic net-id=<network>)')
    if (nic.portId !== undefined && nic.netId === undefined) empty('port', nic.portId, 'a port name or ID')
  }

  if (options.min > options.max) throw new UsageError('min instances should be <= max instances', {hint: 'Example: --min 1 --max 3'})
  if (options.min < 1) throw new UsageError('min instances should be > 0')
  if (options.max < 1) throw new UsageError('max instances should be > 0')
  const {volume, snapshot} = options.blockDevices
  empty('volume', volume, 'a volume name or ID')
  empty('snapshot', snapshot, 'a volume snapshot name or ID')
  const bootDevice = options.blockDevices.blockDevices.some((device) => String(device.boot_index).trim() === '0')
  if (!options.image && Object.keys(options.imageProperties).length === 0 && volume === undefined && snapshot === undefined && !bootDevice) {
    throw new UsageError('one of the arguments --image --image-property --volume --snapshot is required', {hint: 'Example: --image cirros, or --volume my-root-volume'})
  }

  if (options.nics.some((nic) => nic === 'auto' || nic === 'none') && options.nics.length > 1) {
    throw new UsageError('Specifying a --nic of auto or none cannot be used with any other --nic, --network or --port value.')
  }
}

const EXAMPLES: Record<string, string> = {
  flavor: 'm1.small',
  image: 'cirros',
  'key-name': 'mykey',
  'availability-zone': 'nova',
  'security-group': 'default',
  network: 'private',
  port: 'my-port',
  volume: 'my-root-volume',
  snapshot: 'my-snapshot',
}

function readUserData(path: string): string {
  try {
    return readFileSync(path).toString('base64')
  } catch (error) {
    throw new UsageError(`Can't open '${path}': ${(error as Error).message}`, {hint: '--user-data takes the path of a file (cloud-init user data).'})
  }
}

/** The image, where the scope sends image (with `|`, the first instance that has it). */
async function resolveImage(router: InstanceRouter, options: ServerCreateOptions): Promise<{client: ServiceClient; image: Image; note?: string}> {
  const found = await router.fanout('image', 'lookup', async (client) => ({client, image: await lookupImage(client, options)}))
  const served = found.outcomes.find((outcome) => outcome.ok)
  if (!served || !served.ok) throw (found.outcomes[0] as {error: OidError}).error
  return {...served.value, note: found.notes[0]}
}

async function lookupImage(client: ServiceClient, options: ServerCreateOptions): Promise<Image> {
  if (options.image) return findImage(client, options.image)
  const matches = (await listImages(client)).filter((image) =>
    Object.entries(options.imageProperties).every(([key, value]) => String((image as Record<string, unknown>)[key]) === value),
  )
  if (matches.length === 0) throw new OidError('No images match the property expected by --image-property')
  if (matches.length > 1) process.stderr.write(`Multiple matching images: ${matches.map((image) => image.id).join(', ')}\nUsing image: ${matches[0].id}\n`)
  return matches[0]
}

/** What the boots of one command share: the marker, whether `|` has another instance, and the finish of each POST sent. */
interface BootRun {
  marker: string
  alternatives: boolean
  posted: Map<string, (server: Server) => Promise<CreatedServer>>
  /** Volumes that outlived a server deleted on the way (a `|` fall-back): notes for stderr. */
  leftovers: string[]
  /** The --block-device mappings, checked and with OSC's defaults. */
  blockDevices: Mapping[]
}

async function bootIn(router: InstanceRouter, compute: ServiceClient, source: {client: ServiceClient; image: Image} | undefined, options: ServerCreateOptions, run: BootRun, userData?: string): Promise<CreatedServer> {
  const network = router.beside(compute, 'network')
  const localImages = router.beside(compute, 'image')
  const request = options.blockDevices
  const storage = needsStorage(request) ? router.beside(compute, 'block-storage') : undefined
  // Everything is checked before anything is created (the copy included).
  const [flavor, networks, groups, version37, disks] = await Promise.all([
    findFlavor(compute, options.flavor),
    resolveNics(network, options.nics),
    Promise.all(options.securityGroups.map(async (group) => (await findSecurityGroup(network, group)).id)),
    supports(compute, '2.37'),
    resolveDisks(storage, options.blockDevices, options.waitTimeout),
    options.keyName ? keypairExists(compute, options.keyName) : undefined,
    options.description ? needs(compute, '2.19', 'Description is not supported for --os-compute-api-version less than 2.19') : undefined,
    options.tags.length > 0 ? needs(compute, '2.52', '--os-compute-api-version 2.52 or greater is required to support the --tag option') : undefined,
    networksNeedTags(options.nics) ? needs(compute, '2.43', '--os-compute-api-version 2.43 or greater is required to support the --nic tag field') : undefined,
    // OSC's CommandError (exit 1), unlike the flags argparse refuses.
    ...blockDeviceVersions(run.blockDevices).map(async ([version, message]) => {
      if (!(await supports(compute, version))) throw new OidError(message)
    }),
  ])
  const server: Record<string, unknown> = {
    name: options.name,
    imageRef: source?.image.id ?? '',
    flavorRef: flavor.id,
    min_count: options.min,
    max_count: options.max,
  }
  server.metadata = {...options.properties, [CREATE_MARKER]: run.marker}
  if (groups.length > 0) server.security_groups = groups.map((id) => ({name: id}))
  if (userData) server.user_data = userData
  if (options.keyName) server.key_name = options.keyName
  if (options.availabilityZone) server.availability_zone = options.availabilityZone
  if (options.password) server.adminPass = options.password
  if (options.description) server.description = options.description
  if (options.tags.length > 0) server.tags = options.tags
  const configDrive = configDriveValue(options.configDrive)
  if (configDrive !== undefined) server.config_drive = configDrive
  if (networks === 'auto' || networks === 'none') server.networks = version37 ? networks : undefined
  else if (networks.length > 0) server.networks = networks
  else if (version37) server.networks = 'auto' // OSC: "to maintain legacy behavior"
  if ((networks === 'auto' || networks === 'none') && !version37) {
    throw new UsageError(`--nic ${networks} needs compute microversion 2.37, and ${compute.instance}'s Nova is older.`)
  }

  const body: Record<string, unknown> = {server}
  const hints = Object.fromEntries(Object.entries(options.hints).map(([key, values]) => [key, values.length === 1 ? values[0] : values]))
  if (Object.keys(hints).length > 0) body['OS-SCH-HNT:scheduler_hints'] = hints
  let image = source?.image
  let origin: CreatedServer['origin']
  if (source && source.client.instance !== compute.instance) {
    const result = await ensureCopy(source.client, source.image, localImages, {label: `Copying image ${source.image.name ?? source.image.id} ${source.client.instance} → ${compute.instance}`})
    image = result.image
    server.imageRef = image.id
    origin = {instance: source.client.instance, image: source.image, copied: result.copied}
  }

  // Legacy image mappings name images of the image service: copied into this instance's Glance like the boot image.
  const legacy = await Promise.all(disks.legacy.map(async (mapping) => (mapping.source_type === 'image' ? {...mapping, uuid: (await imageHere(router, compute, mapping.uuid)).id} : mapping)))
  const {mappings, imageRef} = assembleMappings(request, {volumeId: disks.volumeId, snapshotId: disks.snapshotId, imageId: server.imageRef as string, legacy, blockDevices: run.blockDevices})
  server.imageRef = imageRef
  if (mappings.length > 0) server.block_device_mapping_v2 = mappings

  const finish = async (created: Server): Promise<CreatedServer> => {
    try {
      const final = options.wait ? await waitForServer(compute, created.id, options.name, options.waitTimeout) : ((await getServer(compute, created.id)) ?? created)
      return {server: {...created, ...final}, flavor, image, origin, adminPass: created.adminPass as string | undefined}
    } catch (error) {
      throw await afterCreate(router, compute, created, error, run)
    }
  }

  run.posted.set(compute.instance, finish)
  return finish(await createServer(compute, body))
}

/**
 * A failure after Nova accepted the create is never a reason to create again: it stops there
 * (a plain OidError), except a boot that found no valid host while `|` has another instance:
 * that server is deleted, and the next instance is tried (how CI boots "wherever there is room").
 */
async function afterCreate(router: InstanceRouter, compute: ServiceClient, created: Server, error: unknown, run: BootRun): Promise<unknown> {
  if (!(error instanceof OidError)) return error
  if (run.alternatives && NO_ROOM.test(error.message)) {
    try {
      const failed = await getServer(compute, created.id)
      await deleteServer(compute, created.id)
      await waitForDelete(compute, created.id, 120, true)
      run.leftovers.push(...(await volumesLeft(router, compute, {id: created.id, name: failed?.name ?? created.id}, attachedVolumes(failed))))
    } catch (cleanup) {
      return new OidError(`${error.message} Deleting it failed (${(cleanup as Error).message}), so no other instance is tried.`, {hint: `Delete it with: openstackoid server delete ${created.id} --os-cloud ${compute.instance}`})
    }

    const why = /No valid host/i.test(error.message) ? 'No valid host was found' : "its Cinder's quota refused the boot volume"
    return new RefusedError(`${compute.instance} had no room for the server (${why}); the server was deleted.`, {cause: error})
  }

  if (error instanceof ConnectionError || error instanceof ApiError) return new OidError(error.message, {hint: error.hint, cause: error})
  return error
}

/** A boot that failed for lack of room: the scheduler found no host, or the compute's Cinder refused the boot volume for its quota. */
const NO_ROOM = /No valid host|aborted: \w*(Exceeded|ExceedsAvailableQuota|ExceedsLimit)\b/i

/** The server a create marked, if it exists (a few looks: a slow Nova may record it late). */
async function findMarked(compute: ServiceClient, name: string, marker: string): Promise<Server | undefined> {
  return findMarkedAgain(async () => {
    const servers = await listServers(compute, {name: `^${name.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`}).catch(() => [])
    return servers.find((server) => (server.metadata as Record<string, unknown> | undefined)?.[CREATE_MARKER] === marker)
  })
}

async function keypairExists(compute: ServiceClient, name: string): Promise<void> {
  if (!(await getKeypair(compute, name))) throw new OidError(`Keypair ${name} not found in ${compute.instance}.`, {hint: `Create it there first: openstackoid keypair create ${name}`})
}

async function needs(compute: ServiceClient, version: string, message: string): Promise<void> {
  if (!(await supports(compute, version))) throw new UsageError(message)
}

function networksNeedTags(nics: Nic[]): boolean {
  return nics.some((nic) => typeof nic === 'object' && nic.tag !== undefined)
}

function configDriveValue(value: string | boolean | undefined): boolean | string | undefined {
  if (value === undefined || value === false) return undefined
  if (value === true) return true
  const lower = value.toLowerCase()
  if (['true', '1'].includes(lower)) return true
  if (['false', '0', '', 'none'].includes(lower)) return undefined
  return value
}

/** --nic/--network/--port resolved in the compute instance's Neutron; Nova's `networks` value. */
async function resolveNics(network: ServiceClient, nics: Nic[]): Promise<'auto' | 'none' | Record<string, string>[]> {
  if (nics.length === 1 && (nics[0] === 'auto' || nics[0] === 'none')) return nics[0]
  return Promise.all(
    (nics as Exclude<Nic, string>[]).map(async (nic) => {
      const entry: Record<string, string> = {}
      if (nic.netId) entry.uuid = (await findNetwork(network, nic.netId)).id
      if (nic.portId) entry.port = (await findPort(network, nic.portId)).id
      if (nic.v4FixedIp) entry.fixed_ip = nic.v4FixedIp
      if (nic.v6FixedIp) entry.fixed_ip = nic.v6FixedIp
      if (nic.tag) entry.tag = nic.tag
      return entry
    }),
  )
}

function needsStorage(request: BlockDeviceRequest): boolean {
  return request.volume !== undefined || request.snapshot !== undefined || request.legacy.some((mapping) => mapping.source_type !== 'image')
}

/**
 * The names OSC looks up in Cinder, in the compute instance's Cinder: --volume (waited for while it
 * is still being created), --snapshot, and the volumes and snapshots of --block-device-mapping.
 */
async function resolveDisks(storage: ServiceClient | undefined, request: BlockDeviceRequest, timeout: number): Promise<{volumeId?: string; snapshotId?: string; legacy: LegacyMapping[]}> {
  const [volumeId, snapshotId, legacy] = await Promise.all([
    request.volume === undefined ? undefined : bootVolume(storage!, request.volume, timeout),
    request.snapshot === undefined ? undefined : findSnapshot(storage!, request.snapshot).then((snapshot) => snapshot.id),
    Promise.all(
      request.legacy.map(async (mapping): Promise<LegacyMapping> => {
        if (mapping.source_type === 'volume') return {...mapping, uuid: (await findVolume(storage!, mapping.uuid)).id}
        if (mapping.source_type === 'snapshot') return {...mapping, uuid: (await findSnapshot(storage!, mapping.uuid)).id}
        return mapping
      }),
    ),
  ])
  return {volumeId, snapshotId, legacy}
}

/** --volume: its ID; a volume still being created (a script that just ran `volume create`) is waited for. */
async function bootVolume(storage: ServiceClient, nameOrId: string, timeout: number): Promise<string> {
  const volume = await findVolume(storage, nameOrId)
  if (volume.status === 'creating' || volume.status === 'downloading') await waitForVolume(storage, volume, timeout)
  return volume.id
}

/** An image named by --block-device-mapping …:image, where the scope sends image; copied into the compute instance's Glance when it lives elsewhere. */
async function imageHere(router: InstanceRouter, compute: ServiceClient, nameOrId: string): Promise<Image> {
  const found = await router.fanout('image', 'lookup', async (client) => ({client, image: await findImage(client, nameOrId)}))
  const served = found.outcomes.find((outcome) => outcome.ok)
  if (!served || !served.ok) throw (found.outcomes[0] as {error: OidError}).error
  const {client, image} = served.value
  if (client.instance === compute.instance) return image
  const local = router.beside(compute, 'image')
  return (await ensureCopy(client, image, local, {label: `Copying image ${image.name ?? image.id} ${client.instance} → ${compute.instance}`})).image
}
