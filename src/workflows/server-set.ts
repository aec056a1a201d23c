import {OidError, UsageError} from '../errors.js'
import type {InstanceRouter, ServiceClient} from '../routing/index.js'
import {
  addServerTag,
  clearServerPassword,
  deleteServerMetadata,
  deleteServerTag,
  findServer,
  serverAction,
  setServerMetadata,
  supports,
  updateServer,
  type Server,
} from '../services/compute.js'
import {findSecurityGroup} from '../services/network.js'

/**
 * server set / server unset / server add|remove security group (OSC 6.0's SetServer, UnsetServer,
 * AddServerSecurityGroup, RemoveServerSecurityGroup): the server is changed in every instance of
 * `&` that has it, in the first of `|` that has it. Nothing is printed on success (OSC prints
 * nothing); under `&` a note says where it acted.
 */

export interface ServerSetOptions {
  name?: string
  description?: string
  hostname?: string
  properties?: Record<string, string>
  state?: 'active' | 'error'
  password?: string
  noPassword?: boolean
  /** --root-password: asked twice on the terminal before anything is sent. */
  rootPassword?: boolean
  tags?: string[]
}

export interface ServerUnsetOptions {
  properties?: string[]
  description?: boolean
  tags?: string[]
}

/** The terminal prompt of --root-password (getpass's twice, OSC's wording when they differ). */
export interface SecretPrompt {
  canPrompt(): boolean
  ask(prompt: string): Promise<string>
}

async function defaultPrompt(): Promise<SecretPrompt> {
  const {canPrompt, promptSecret} = await import('../config/prompt.js')
  return {canPrompt: () => canPrompt(), ask: (prompt) => promptSecret(prompt)}
}

/** Runs `act` on the server in each instance that has it; the notes say where under `&`. */
async function onServer(router: InstanceRouter, nameOrId: string, done: string, act: (compute: ServiceClient, server: Server) => Promise<void>): Promise<string[]> {
  const result = await router.fanout('compute', 'each', async (compute) => {
    await act(compute, await findServer(compute, nameOrId))
    return compute.instance
  })
  const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
  if (failed.length > 0) throw failed.length === 1 && !result.multi ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join(' '))
  if (result.multi) return [`${done} server ${nameOrId} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes]
  return result.notes
}

async function need(compute: ServiceClient, version: string, option: string): Promise<void> {
  if (!(await supports(compute, version))) throw new OidError(`--os-compute-api-version ${version} or greater is required to support the ${option} option`)
}

export async function serverSet(router: InstanceRouter, nameOrId: string, options: ServerSetOptions, prompt?: SecretPrompt): Promise<string[]> {
  let password = options.password
  if (options.rootPassword) {
    const terminal = prompt ?? (await defaultPrompt())
    if (!terminal.canPrompt()) {
      throw new UsageError('--root-password asks for the new password on a terminal, and there is none (stdin or stderr is not a terminal).', {hint: 'Run it on a terminal, or pass the password with --password.'})
    }
    const first = await terminal.ask('New password: ')
    const second = await terminal.ask('Retype new password: ')
    if (first !== second) throw new OidError('Passwords do not match, password unchanged')
    password = first
  }

  return onServer(router, nameOrId, 'Updated', async (compute, server) => {
    // OSC checks every microversion before it changes anything.
    if (options.description) await need(compute, '2.19', '--description')
    if (options.tags && options.tags.length > 0) await need(compute, '2.26', '--tag')
    if (options.hostname) await need(compute, '2.90', '--hostname')

    const fields: {name?: string; description?: string; hostname?: string} = {}
    if (options.name) fields.name = options.name
    if (options.description) fields.description = options.description
    if (options.hostname) fields.hostname = options.hostname
    if (Object.keys(fields).length > 0) await updateServer(compute, server.id, fields)
    if (options.properties && Object.keys(options.properties).length > 0) await setServerMetadata(compute, server.id, options.properties)
    if (options.state) await serverAction(compute, server.id, {'os-resetState': {state: options.state}})
    if (password !== undefined) await serverAction(compute, server.id, {changePassword: {adminPass: password}})
    else if (options.noPassword) await clearServerPassword(compute, server.id)
    for (const tag of options.tags ?? []) await addServerTag(compute, server.id, tag)
  })
}

export async function serverUnset(router: InstanceRouter, nameOrId: string, options: ServerUnsetOptions): Promise<string[]> {
  return onServer(router, nameOrId, 'Updated', async (compute, server) => {
    for (const key of options.properties ?? []) await deleteServerMetadata(compute, server.id, key)
    if (options.description) {
      if (!(await supports(compute, '2.19'))) throw new OidError('Description is not supported for --os-compute-api-version less than 2.19')
      // novaclient turns OSC's description="" into null: Nova removes it.
      await updateServer(compute, server.id, {description: null})
    }

    if (options.tags && options.tags.length > 0) {
      await need(compute, '2.26', '--tag')
      for (const tag of options.tags) await deleteServerTag(compute, server.id, tag)
    }
  })
}

/**
 * server add|remove security group: the group is found in the Neutron beside the server's Nova
 * (ID, then unique name) and Nova is sent its ID, as OSC sends it.
 */
export async function serverSecurityGroup(router: InstanceRouter, nameOrId: string, group: string, add: boolean): Promise<string[]> {
  return onServer(router, nameOrId, add ? 'Added security group to' : 'Removed security group from', async (compute, server) => {
    const found = await findSecurityGroup(router.beside(compute, 'network'), group)
    await serverAction(compute, server.id, {[add ? 'addSecurityGroup' : 'removeSecurityGroup']: {name: found.id}})
  })
}
