/**
 * The official OpenStack service types and their aliases, as published by the
 * service-types-authority (https://service-types.openstack.org/service-types.json).
 * Aliases are in the authority's order: the most preferred (newest) first.
 * `compute_legacy` is not an alias of `compute`, so it never matches.
 */

export interface ServiceType {
  type: string
  aliases: readonly string[]
  project: string
}

const t = (type: string, project: string, ...aliases: string[]): ServiceType => ({type, aliases, project})

export const SERVICE_TYPES: readonly ServiceType[] = [
  t('identity', 'keystone'),
  t('compute', 'nova'),
  t('image', 'glance'),
  t('network', 'neutron'),
  t('block-storage', 'cinder', 'volumev3', 'volumev2', 'volume', 'block-store'),
  t('placement', 'placement'),
  t('object-store', 'swift'),
  t('orchestration', 'heat'),
  t('load-balancer', 'octavia'),
  t('dns', 'designate'),
  t('key-manager', 'barbican'),
  t('shared-file-system', 'manila', 'sharev2', 'share'),
  t('baremetal', 'ironic', 'bare-metal'),
  t('baremetal-introspection', 'ironic-inspector'),
  t('accelerator', 'cyborg'),
  t('admin-logic', 'adjutant', 'registration'),
  t('alarm', 'aodh', 'alarming'),
  t('application-catalog', 'murano'),
  t('application-container', 'zun', 'container'),
  t('application-deployment', 'solum', 'application_deployment'),
  t('backup', 'freezer-api'),
  t('clustering', 'senlin', 'resource-cluster', 'cluster'),
  t('container-infrastructure-management', 'magnum', 'container-infrastructure', 'container-infra'),
  t('data-processing', 'sahara'),
  t('data-protection-orchestration', 'karbor'),
  t('database', 'trove'),
  t('ec2-api', 'ec2-api'),
  t('event', 'panko', 'events'),
  t('function-engine', 'qinling'),
  t('instance-ha', 'masakari', 'ha'),
  t('log-management', 'venus'),
  t('message', 'zaqar', 'messaging'),
  t('meter', 'ceilometer', 'metering', 'telemetry'),
  t('metric-storage', 'aetos'),
  t('monitoring', 'monasca-api'),
  t('monitoring-events', 'monasca-events-api'),
  t('monitoring-logging', 'monasca-log-api', 'monitoring-log-api'),
  t('multi-region-network-automation', 'tricircle', 'tricircle'),
  t('nfv-orchestration', 'tacker'),
  t('operator-policy', 'congress', 'policy'),
  t('rating', 'cloudkitty'),
  t('reservation', 'blazar'),
  t('resource-optimization', 'watcher', 'infra-optim'),
  t('root-cause-analysis', 'vitrage', 'rca'),
  t('search', 'searchlight'),
  t('workflow', 'mistral', 'workflowv2'),
]

let byKey: Map<string, ServiceType> | undefined

function index(): Map<string, ServiceType> {
  if (!byKey) {
    byKey = new Map()
    for (const s of SERVICE_TYPES) for (const key of [s.type, ...s.aliases]) byKey.set(key, s)
  }
  return byKey
}

/** The official type for an official type or alias ('volumev3' → 'block-storage'); undefined if unknown. */
export function officialType(nameOrAlias: string): string | undefined {
  return index().get(nameOrAlias)?.type
}

/** Catalog types that may serve this type, newest first; an unknown type is returned alone. */
export function typeCandidates(type: string): string[] {
  const s = index().get(type)
  return s ? [s.type, ...s.aliases] : [type]
}

/** Every official type and alias, in table order. */
export function allKeys(): string[] {
  return [...index().keys()]
}
