import {strict as assert} from 'node:assert'

import {describeCatalog, endpointRegion, findEndpoint, normaliseInterface, type CatalogService} from '../../../src/catalog/catalog.js'
import {OidError} from '../../../src/errors.js'

const PROJECT = '4dc4136712954452aa9215bac213983d'

/**
 * Shaped after keystone_token_create_multiregion.json (api-quirks §A): services and endpoints in an
 * arbitrary order, compute_legacy before compute, RegionOne compute with the project id and
 * RegionTwo without, identity of RegionTwo on the RegionOne host, identity without `internal`.
 */
const MULTIREGION: CatalogService[] = [
  {
    type: 'compute_legacy',
    name: 'nova_legacy',
    endpoints: [
      {interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `http://172.16.1.12:8774/v2/${PROJECT}`},
      {interface: 'public', region_id: 'RegionTwo', region: 'RegionTwo', url: `http://172.16.2.72:8774/v2/${PROJECT}`},
    ],
  },
  {
    type: 'volumev2',
    name: 'cinderv2',
    endpoints: [{interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `http://172.16.1.12:8776/v2/${PROJECT}`}],
  },
  {
    type: 'compute',
    name: 'nova',
    endpoints: [
      {interface: 'admin', region_id: 'RegionTwo', region: 'RegionTwo', url: 'http://10.0.2.72:8774/v2.1'},
      {interface: 'internal', region_id: 'RegionOne', region: 'RegionOne', url: `http://10.0.1.12:8774/v2.1/${PROJECT}`},
      {interface: 'public', region_id: 'RegionTwo', region: 'RegionTwo', url: 'http://172.16.2.72:8774/v2.1'},
      {interface: 'admin', region_id: 'RegionOne', region: 'RegionOne', url: `http://10.0.1.12:8774/v2.1/${PROJECT}`},
      {interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `http://172.16.1.12:8774/v2.1/${PROJECT}`},
    ],
  },
  {
    type: 'volumev3',
    name: 'cinderv3',
    endpoints: [
      {interface: 'public', region_id: 'RegionTwo', region: 'RegionTwo', url: `http://172.16.2.72:8776/v3/${PROJECT}`},
      {interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: `http://172.16.1.12:8776/v3/${PROJECT}`},
    ],
  },
  {
    type: 'identity',
    name: 'keystone',
    endpoints: [
      {interface: 'admin', region_id: 'RegionOne', region: 'RegionOne', url: 'http://172.16.1.12:35357/v3/'},
      {interface: 'public', region_id: 'RegionTwo', region: 'RegionTwo', url: 'http://172.16.2.72:5000/v3/'},
      {interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://172.16.2.72:5000/v3/'},
    ],
  },
  {
    type: 'network',
    name: 'neutron',
    endpoints: [
      {interface: 'internal', region_id: 'RegionOne', region: 'RegionOne', url: 'http://10.0.1.12:9696/'},
      {interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://172.16.1.12:9696/'},
    ],
  },
]

describe('core/catalog: findEndpoint', () => {
  it('filters by interface and region, never "the first endpoint"', () => {
    const one = findEndpoint(MULTIREGION, {type: 'compute', interface: 'public', region: 'RegionOne'})
    assert.equal(one.url, `http://172.16.1.12:8774/v2.1/${PROJECT}`)
    assert.equal(one.type, 'compute')
    assert.equal(one.serviceName, 'nova')
    assert.equal(one.interface, 'public')
    assert.equal(one.region, 'RegionOne')
    // one type, another URL shape in the other region (§A.2)
    assert.equal(findEndpoint(MULTIREGION, {type: 'compute', interface: 'public', region: 'RegionTwo'}).url, 'http://172.16.2.72:8774/v2.1')
    assert.equal(findEndpoint(MULTIREGION, {type: 'compute', interface: 'internal', region: 'RegionOne'}).url, `http://10.0.1.12:8774/v2.1/${PROJECT}`)
    assert.equal(findEndpoint(MULTIREGION, {type: 'compute', interface: 'admin', region: 'RegionTwo'}).url, 'http://10.0.2.72:8774/v2.1')
  })

  it('takes the first endpoint of the right interface (any region when none is asked), not the first of the list', () => {
    // the first compute endpoint is admin@RegionTwo; the first public one is RegionTwo's
    const any = findEndpoint(MULTIREGION, {type: 'compute', interface: 'public'})
    assert.equal(any.url, 'http://172.16.2.72:8774/v2.1')
    assert.equal(any.region, 'RegionTwo')
    const admin = findEndpoint(MULTIREGION, {type: 'identity', interface: 'admin'})
    assert.equal(admin.url, 'http://172.16.1.12:35357/v3')
  })

  it('never matches compute_legacy for compute, even when it comes first', () => {
    for (const region of ['RegionOne', 'RegionTwo', undefined]) {
      const endpoint = findEndpoint(MULTIREGION, {type: 'compute', interface: 'public', region})
      assert.equal(endpoint.type, 'compute')
      assert.doesNotMatch(endpoint.url, /\/v2\//)
    }

    const legacyOnly: CatalogService[] = [MULTIREGION[0]]
    assert.throws(() => findEndpoint(legacyOnly, {type: 'compute', interface: 'public'}), OidError)
  })

  it('maps volumev3 to block-storage and back, preferring the newest type', () => {
    // the catalog has volumev2 and volumev3: volumev3 wins for every spelling
    for (const type of ['block-storage', 'volumev3', 'volumev2', 'volume']) {
      const endpoint = findEndpoint(MULTIREGION, {type, interface: 'public', region: 'RegionOne'})
      assert.equal(endpoint.type, 'volumev3', type)
      assert.equal(endpoint.url, `http://172.16.1.12:8776/v3/${PROJECT}`)
    }

    // a catalog with block-storage answers a volumev3 query
    const modern: CatalogService[] = [
      {type: 'volumev3', endpoints: [{interface: 'public', region_id: 'RegionOne', url: 'http://old/volume/v3/p'}]},
      {type: 'block-storage', endpoints: [{interface: 'public', region_id: 'RegionOne', url: 'http://h/volume/v3/p'}]},
    ]
    const found = findEndpoint(modern, {type: 'volumev3', interface: 'public'})
    assert.equal(found.type, 'block-storage')
    assert.equal(found.url, 'http://h/volume/v3/p')
    // volumev2 of RegionTwo does not exist: volumev3 of RegionTwo is the answer
    assert.equal(findEndpoint(MULTIREGION, {type: 'volumev2', interface: 'public', region: 'RegionTwo'}).url, `http://172.16.2.72:8776/v3/${PROJECT}`)
  })

  it('normalises publicURL / internalURL / adminURL interfaces', () => {
    assert.equal(normaliseInterface('publicURL'), 'public')
    assert.equal(normaliseInterface('internalURL'), 'internal')
    assert.equal(normaliseInterface('adminURL'), 'admin')
    assert.equal(normaliseInterface('public'), 'public')
    const catalog: CatalogService[] = [
      {
        type: 'image',
        endpoints: [
          {interface: 'adminURL', region: 'RegionOne', url: 'http://admin:9292'},
          {interface: 'publicURL', region: 'RegionOne', url: 'http://public:9292'},
          {interface: 'internalURL', region: 'RegionOne', url: 'http://internal:9292'},
        ],
      },
    ]
    assert.equal(findEndpoint(catalog, {type: 'image', interface: 'public'}).url, 'http://public:9292')
    assert.equal(findEndpoint(catalog, {type: 'image', interface: 'internal'}).url, 'http://internal:9292')
    assert.equal(findEndpoint(catalog, {type: 'image', interface: 'admin', region: 'RegionOne'}).interface, 'admin')
  })

  it('reads the region from region_id, else the legacy region; null means no region', () => {
    assert.equal(endpointRegion({interface: 'public', region_id: 'A', region: 'B', url: 'http://x'}), 'A')
    assert.equal(endpointRegion({interface: 'public', region: 'B', url: 'http://x'}), 'B')
    assert.equal(endpointRegion({interface: 'public', region_id: null, region: null, url: 'http://x'}), undefined)
    assert.equal(endpointRegion({interface: 'public', url: 'http://x'}), undefined)

    const legacy: CatalogService[] = [
      {type: 'image', endpoints: [{interface: 'public', region: 'CloudOne', url: 'http://one:9292'}, {interface: 'public', region: 'CloudTwo', url: 'http://two:9292'}]},
    ]
    assert.equal(findEndpoint(legacy, {type: 'image', interface: 'public', region: 'CloudTwo'}).url, 'http://two:9292')
    assert.equal(findEndpoint(legacy, {type: 'image', interface: 'public', region: 'CloudTwo'}).region, 'CloudTwo')

    const noRegion: CatalogService[] = [{type: 'placement', endpoints: [{interface: 'public', region_id: null, region: null, url: 'http://h/placement'}]}]
    const any = findEndpoint(noRegion, {type: 'placement', interface: 'public'})
    assert.equal(any.url, 'http://h/placement')
    assert.equal(any.region, undefined)
    // a region was asked for: an endpoint without region is not in it
    assert.throws(() => findEndpoint(noRegion, {type: 'placement', interface: 'public', region: 'RegionOne'}), OidError)
  })

  it('strips trailing slashes and never cuts the path prefix', () => {
    assert.equal(findEndpoint(MULTIREGION, {type: 'network', interface: 'public'}).url, 'http://172.16.1.12:9696')
    assert.equal(findEndpoint(MULTIREGION, {type: 'identity', interface: 'public', region: 'RegionTwo'}).url, 'http://172.16.2.72:5000/v3')
    const devstack: CatalogService[] = [{type: 'image', endpoints: [{interface: 'public', region_id: 'RegionOne', url: 'http://172.16.1.12/image/'}]}]
    assert.equal(findEndpoint(devstack, {type: 'image', interface: 'public'}).url, 'http://172.16.1.12/image')
  })

  it('an interface missing for the service is a miss naming what the catalog holds', () => {
    const error = catchError(() => findEndpoint(MULTIREGION, {type: 'identity', interface: 'internal', region: 'RegionOne', instance: 'CloudOne'}))
    assert.ok(error instanceof OidError)
    assert.equal(error.message, 'internal endpoint for identity service in RegionOne region not found in the catalog of CloudOne.')
    assert.equal(error.hint, 'The catalog has: identity: admin@RegionOne, public@RegionTwo, public@RegionOne. Choose another --os-interface or --os-region-name, or check --scope.')
  })

  it('a miss without region and instance has the keystoneauth wording', () => {
    const error = catchError(() => findEndpoint(MULTIREGION, {type: 'network', interface: 'admin'}))
    assert.equal(error.message, 'admin endpoint for network service not found.')
    assert.match(error.hint ?? '', /^The catalog has: network: internal@RegionOne, public@RegionOne\./)
  })

  it('a miss for a region the service is not in names the regions it is in', () => {
    const error = catchError(() => findEndpoint(MULTIREGION, {type: 'network', interface: 'public', region: 'RegionTwo', instance: 'RegionTwo'}))
    assert.equal(error.message, 'public endpoint for network service in RegionTwo region not found in the catalog of RegionTwo.')
    assert.match(error.hint ?? '', /network: internal@RegionOne, public@RegionOne/)
  })

  it('a type the catalog lacks: the hint lists every service, <none> for no region', () => {
    const catalog: CatalogService[] = [
      {type: 'identity', endpoints: [{interface: 'public', region_id: null, url: 'http://h/identity'}]},
      {type: 'compute', endpoints: [{interface: 'public', region_id: 'RegionOne', url: 'http://h/compute/v2.1'}, {interface: 'public', region_id: 'RegionOne', url: 'http://h2/compute/v2.1'}]},
    ]
    const error = catchError(() => findEndpoint(catalog, {type: 'image', interface: 'public', instance: 'InstanceOne'}))
    assert.equal(error.message, 'public endpoint for image service not found in the catalog of InstanceOne.')
    assert.equal(
      error.hint,
      'The catalog has no image service; it holds: identity: public@<none>; compute: public@RegionOne. Choose another --os-interface or --os-region-name, or check --scope.',
    )
  })

  it('an alias query reports the block-storage family in its hint', () => {
    const error = catchError(() => findEndpoint(MULTIREGION, {type: 'block-storage', interface: 'internal'}))
    assert.equal(error.message, 'internal endpoint for block-storage service not found.')
    assert.match(error.hint ?? '', /^The catalog has: volumev2: public@RegionOne; volumev3: public@RegionTwo, public@RegionOne\./)
  })
})

describe('core/catalog: describeCatalog', () => {
  it('an empty catalog says why (unscoped, domain or system token) and how to fix it', () => {
    const text = describeCatalog([], 'image')
    assert.match(text, /catalog is empty/)
    assert.match(text, /unscoped, domain or system token/)
    assert.match(text, /--os-project-name/)
    assert.equal(describeCatalog([]), text)
  })

  it('an empty catalog is what the miss error hints at', () => {
    const error = catchError(() => findEndpoint([], {type: 'compute', interface: 'public', instance: 'InstanceOne'}))
    assert.equal(error.message, 'public endpoint for compute service not found in the catalog of InstanceOne.')
    assert.equal(error.hint, describeCatalog([]))
  })
})

function catchError(fn: () => unknown): OidError {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof OidError, `expected an OidError, got ${String(error)}`)
    return error
  }

  assert.fail('expected an error')
}
