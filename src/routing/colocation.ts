import {UsageError} from '../errors.js'
import {format, names, type Expr} from './expr.js'

/**
 * Services whose resources must live where another service's do (DESIGN §4): a server's ports,
 * security groups and floating IPs come from the Neutron of the instance that runs it, its
 * volumes from that instance's Cinder; keypairs are Nova's own. One table, checked in one place
 * (InstanceRouter.beside): a scope that sends such a service elsewhere is a usage error that
 * says why.
 */
interface Rule {
  /** The service whose instance this one must share. */
  anchor: string
  /** The explanation, given the anchor's instance and the scope's expression for the service. */
  why: (instance: string, expression: string) => string
}

export const COLOCATED: Readonly<Record<string, Rule>> = {
  network: {
    anchor: 'compute',
    why: (instance, expression) =>
      `A server's ports come from the Neutron of the instance that runs it (${instance}), but --scope sends network to "${expression}". Nova plugs only ports of its own Neutron: a network of another instance cannot reach this server.`,
  },
  'block-storage': {
    anchor: 'compute',
    why: (instance, expression) =>
      `A server's volumes come from the Cinder of the instance that runs it (${instance}), but --scope sends block-storage to "${expression}". Nova attaches only volumes of its own Cinder: a volume of another instance cannot reach this server.`,
  },
}

/** Throws when the scope sends `type` away from the instance its anchor uses. */
export function checkColocated(type: string, anchorType: string, instance: string, expr: Expr | undefined): void {
  const rule = COLOCATED[type]
  if (!rule || rule.anchor !== anchorType || !expr) return
  if (names(expr).every((name) => name === instance)) return
  throw new UsageError(rule.why(instance, format(expr)), {
    hint: `Leave ${type} out of the scope (it follows ${anchorType}), or set --scope '{"${anchorType}": "${instance}", "${type}": "${instance}"}'.`,
  })
}
