import type {Session} from '../auth/session.js'
import type {CloudConfig} from '../config/index.js'
import {UsageError} from '../errors.js'
import {RequestLog} from '../http/log.js'
import {ServiceClient} from './client.js'
import {checkColocated} from './colocation.js'
import {names, type Expr} from './expr.js'
import {Instances, type InstanceSettings} from './instances.js'
import {fanout, singleClient, type Fanout, type FanoutOptions, type Mode, type Router} from './modes.js'
import {openstackoidDecorator} from './openstackoid.js'
import {checkInstances, loadScope, type Scope} from './scope.js'

export interface RouterSettings extends InstanceSettings {
  /** --scope, parsed (the flag wins over OS_SCOPE). */
  scope?: Scope
  debug: boolean
}

/**
 * Where every service call of a command goes. Built from the global flags by the base command,
 * made ready once (home cloud, scope, the sessions the scope names), then handed to workflows:
 * - `client(type)`: the one instance the scope gives a type (a usage error for several);
 * - `fanout(type, mode, call)`: `&` and `|` with the semantics of each mode (modes.ts);
 * - `beside(client, type)`: another service of the same instance, with the colocation rules;
 * - `instance(name, type)`: an instance named outside the scope (`image copy --to`).
 * Nothing else makes a ServiceClient.
 */
export class InstanceRouter implements Router {
  readonly log: RequestLog
  scope: Scope = {entries: new Map(), source: 'none'}
  private readonly instances: Instances
  private cloud?: CloudConfig

  constructor(private readonly settings: RouterSettings) {
    this.log = new RequestLog(settings.debug)
    this.instances = new Instances(settings, this.log)
  }

  /**
   * Resolves the home cloud and the scope (names checked against clouds.yaml, then the home
   * catalog's regions) and opens the sessions the scope names.
   */
  async ready(): Promise<void> {
    const cloud = await this.instances.home()
    this.cloud = cloud
    this.scope = this.settings.scope ?? loadScope(undefined, this.settings.env)
    await this.instances.openHome(openstackoidDecorator(cloud, this.scope))
    if (this.scope.entries.size === 0 || cloud.openstackoid) return
    const wanted = new Set([...this.scope.entries.values()].flatMap((entry) => names(entry.expr)))
    const known = await this.instances.known([...wanted])
    checkInstances(this.scope, known)
    for (const name of wanted) await this.instances.open(name, known)
  }

  /** The home cloud's configuration. */
  async home(): Promise<CloudConfig> {
    return this.instances.home()
  }

  homeSession(): Session {
    return this.instances.homeSession()
  }

  /** The cloud --os-cloud or OS_CLOUD named; '' when none did (openstacksdk's name for the home cloud then: its location.cloud). */
  namedCloud(): string {
    const {cloud, flags, env} = this.settings.config
    return cloud || (typeof flags.cloud === 'string' ? flags.cloud : '') || env.OS_CLOUD || ''
  }

  /** The scope's expression for a type; undefined when it goes home (always, on an OpenStackoïd deployment). */
  expression(type: string): Expr | undefined {
    if (this.cloud?.openstackoid) return undefined
    return this.scope.entries.get(type)?.expr
  }

  session(name: string): Session {
    const session = this.instances.existing(name)
    if (!session) throw new UsageError(`No session for instance "${name}": it is not in --scope.`)
    return session
  }

  /** The client of a type that the scope sends to exactly one instance. */
  client(type: string, command?: string): ServiceClient {
    return singleClient(this, type, command)
  }

  async fanout<T>(type: string, mode: Mode, call: (client: ServiceClient) => Promise<T>, options?: FanoutOptions<T>): Promise<Fanout<T>> {
    return fanout(this, type, mode, call, options)
  }

  /**
   * Another service of the instance `client` talks to: Keystone for a project lookup beside an
   * image, the Glance and Neutron of a compute instance. When `type` must live with `client`'s
   * service (colocation.ts) and the scope sends it elsewhere, a usage error says why.
   */
  beside(client: ServiceClient, type: string): ServiceClient {
    checkColocated(type, client.type, client.instance, this.expression(type))
    return new ServiceClient(client.session, type)
  }

  /** A service of an instance named outside the scope (a cloud, or a region of the home cloud). */
  async instance(name: string, type: string): Promise<ServiceClient> {
    return new ServiceClient(await this.instances.open(name), type)
  }
}
