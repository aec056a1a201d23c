import {strict as assert} from 'node:assert'
import type {ServerResponse} from 'node:http'

import {listFlavors, listKeypairs, listServers} from '../../../src/services/compute.js'
import {findProject} from '../../../src/services/identity.js'
import {listImages} from '../../../src/services/image.js'
import {listNetworks, listPorts, listSecurityGroups} from '../../../src/services/network.js'
import {allPages, glanceNext, keystoneNext, linksNext, nextPath, pageKey, type PageRequest} from '../../../src/services/pager.js'
import {sendJson, serve, type LocalServer} from './helpers.js'
import {mount, type Mounted} from './service-helpers.js'

const EVIL = 'http://evil.example:6666'

describe('core/services/pager: the next hooks', () => {
  it('Glance: the query of `next`, on our own collection path (version, prefix and host dropped)', () => {
    const current: PageRequest = {path: '/images', query: {limit: 1000, visibility: 'all'}}
    assert.deepEqual(glanceNext({images: [], next: '/v2/images?limit=1000&marker=m1'}, current), {path: '/images?limit=1000&marker=m1'})
    assert.deepEqual(glanceNext({next: `${EVIL}/image/v2/images?marker=m2`}, current), {path: '/images?marker=m2'})
    // a next that names another path still pages our own collection
    assert.deepEqual(glanceNext({next: '/v2/../../identity/v3/users?marker=m3'}, {path: '/images?marker=m2'}), {path: '/images?marker=m3'})
    assert.equal(glanceNext({images: [], first: '/v2/images'}, current), undefined)
    assert.equal(glanceNext({next: ''}, current), undefined)
    assert.equal(glanceNext({next: 42}, current), undefined)
    assert.equal(glanceNext(undefined, current), undefined)
  })

  it('nextPath keeps its contract (re-exported by services/image)', () => {
    assert.equal(nextPath('/v2/images?marker=x'), '/images?marker=x')
    assert.equal(nextPath('http://h/image/v2/images?marker=x'), '/images?marker=x')
    assert.equal(nextPath('/images?marker=x'), '/images?marker=x')
  })

  it('Nova / Neutron: rel=next gives only its marker and limit; our path, filters and host stay', () => {
    const current: PageRequest = {path: '/servers/detail', query: {name: '^web$', all_tenants: 'True', marker: undefined}}
    const body = {
      servers: [{id: 'a'}],
      servers_links: [
        {rel: 'self', href: `${EVIL}/v2/p/servers?marker=self`},
        {rel: 'next', href: `${EVIL}/v2.1/p/servers/detail?name=other&limit=2&marker=a&all_tenants=False`},
      ],
    }
    assert.deepEqual(linksNext('servers_links')(body, current), {path: '/servers/detail', query: {name: '^web$', all_tenants: 'True', limit: '2', marker: 'a'}})
    // no limit in the href: none added
    const neutron = {networks_links: [{rel: 'next', href: '/v2.0/networks?marker=n1'}]}
    assert.deepEqual(linksNext('networks_links')(neutron, {path: '/networks', query: {name: 'x'}}), {path: '/networks', query: {name: 'x', marker: 'n1'}})
  })

  it('Nova / Neutron: no next link, a link without marker, or garbage: the last page', () => {
    const hook = linksNext('flavors_links')
    const current: PageRequest = {path: '/flavors/detail'}
    assert.equal(hook({flavors: []}, current), undefined)
    assert.equal(hook({flavors_links: []}, current), undefined)
    assert.equal(hook({flavors_links: [{rel: 'previous', href: '/flavors?marker=z'}]}, current), undefined)
    assert.equal(hook({flavors_links: [{rel: 'next', href: '/flavors?limit=5'}]}, current), undefined)
    assert.equal(hook({flavors_links: [null, {rel: 'next'}]}, current), undefined)
    assert.equal(hook({flavors_links: 'next'}, current), undefined)
    assert.equal(hook({flavors_links: [{rel: 'next', href: 'http://[bad'}]}, current), undefined)
    assert.equal(hook(null, current), undefined)
  })

  it('Keystone: links.next (null on the last page)', () => {
    const current: PageRequest = {path: '/projects', query: {name: 'demo'}}
    assert.equal(keystoneNext({projects: [], links: {self: 'x', next: null, previous: null}}, current), undefined)
    assert.equal(keystoneNext({projects: []}, current), undefined)
    assert.deepEqual(keystoneNext({links: {next: `${EVIL}/v3/projects?marker=p1`}}, current), {path: '/projects', query: {name: 'demo', marker: 'p1'}})
  })

  it('pageKey: the marker (in the query or the path) identifies a page', () => {
    assert.equal(pageKey({path: '/images?limit=3&marker=m'}), pageKey({path: '/servers', query: {marker: 'm'}}))
    assert.notEqual(pageKey({path: '/images'}), pageKey({path: '/images', query: {name: 'x'}}))
  })
})

describe('core/services/pager: allPages', () => {
  /** A pager over canned pages; each body is {items, next?: marker}. */
  function canned(pages: Record<string, {items: number[]; next?: string}>, options: {onePage?: boolean; firstMarker?: string} = {}) {
    const sent: (string | undefined)[] = []
    const result = allPages<number>({
      first: {path: '/things', query: {marker: options.firstMarker}},
      async send(request) {
        const marker = request.query?.marker as string | undefined
        sent.push(marker)
        return pages[marker ?? '']
      },
      items: (body) => (body as {items: number[]}).items,
      next: (body, current) => {
        const next = (body as {next?: string}).next
        return next === undefined ? undefined : {path: current.path, query: {...current.query, marker: next}}
      },
      onePage: options.onePage,
    })
    return {result, sent}
  }

  it('follows the hook until there is no next request', async () => {
    const {result, sent} = canned({'': {items: [1, 2], next: 'a'}, a: {items: [3], next: 'b'}, b: {items: [4]}})
    assert.deepEqual(await result, [1, 2, 3, 4])
    assert.deepEqual(sent, [undefined, 'a', 'b'])
  })

  it('a repeated marker ends it (a cloud that would loop forever)', async () => {
    const {result, sent} = canned({'': {items: [1], next: 'a'}, a: {items: [2], next: 'b'}, b: {items: [3], next: 'a'}})
    assert.deepEqual(await result, [1, 2, 3])
    assert.deepEqual(sent, [undefined, 'a', 'b'])
  })

  it('a next page with the marker of the first request ends it too', async () => {
    const {result, sent} = canned({a: {items: [1], next: 'a'}}, {firstMarker: 'a'})
    assert.deepEqual(await result, [1])
    assert.deepEqual(sent, ['a'])
  })

  it('an empty page ends it, whatever its links say', async () => {
    const {result, sent} = canned({'': {items: [1], next: 'a'}, a: {items: [], next: 'b'}, b: {items: [9]}})
    assert.deepEqual(await result, [1])
    assert.deepEqual(sent, [undefined, 'a'])
  })

  it('onePage (OSC --limit): one request only', async () => {
    const {result, sent} = canned({'': {items: [1, 2], next: 'a'}, a: {items: [3]}}, {onePage: true})
    assert.deepEqual(await result, [1, 2])
    assert.deepEqual(sent, [undefined])
  })

  it('a failing page fails the list (no partial result)', async () => {
    await assert.rejects(
      allPages({
        first: {path: '/x'},
        send: async (request) => {
          if (request.query?.marker) throw new Error('boom')
          return {}
        },
        items: () => [1],
        next: (_body, current) => ({path: current.path, query: {marker: 'm'}}),
      }),
      /boom/,
    )
  })
})

/** One LocalServer answering by path: a function of the request URL (relative to the origin). */
function route(answer: (url: URL, res: ServerResponse) => void) {
  return serve((req, res) => answer(new URL(req.url ?? '/', 'http://127.0.0.1'), res))
}

describe('core/services/pager: through a real Session (requests on 127.0.0.1)', () => {
  let server: LocalServer | undefined
  let mounted: Mounted | undefined

  afterEach(async () => {
    mounted?.cleanup()
    await server?.close()
    server = undefined
    mounted = undefined
  })

  it('listImages: Glance under /image, root-relative and foreign-host next links both stay on our endpoint', async () => {
    server = await route((url, res) => {
      const marker = url.searchParams.get('marker')
      if (!marker) return sendJson(res, 200, {images: [{id: 'i1', status: 'active'}], next: '/v2/images?limit=1000&marker=i1', first: '/v2/images'})
      if (marker === 'i1') return sendJson(res, 200, {images: [{id: 'i2', status: 'active'}], next: `${EVIL}/v2/images?limit=1000&marker=i2`})
      return sendJson(res, 200, {images: [{id: 'i3', status: 'active'}], first: '/v2/images'})
    })
    mounted = mount(server, 'image', '/image/v2')
    const images = await listImages(mounted.client, {visibility: 'all'})
    assert.deepEqual(
      images.map((image) => image.id),
      ['i1', 'i2', 'i3'],
    )
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/image/v2/images?visibility=all&limit=1000', '/image/v2/images?limit=1000&marker=i1', '/image/v2/images?limit=1000&marker=i2'],
    )
    assert.ok(server.seen.every((seen) => seen.headers['x-auth-token'] === 'tok'))
  })

  it('listImages with a limit: one page, even with a next link', async () => {
    server = await route((_url, res) => sendJson(res, 200, {images: [{id: 'i1', status: 'active'}], next: '/v2/images?limit=1&marker=i1'}))
    mounted = mount(server, 'image', '/image/v2')
    assert.equal((await listImages(mounted.client, {limit: 1})).length, 1)
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/image/v2/images?limit=1'],
    )
  })

  it('listServers: servers_links by marker only (host and filters of the href ignored), microversion on every page', async () => {
    server = await route((url, res) => {
      const marker = url.searchParams.get('marker')
      if (!marker) {
        return sendJson(res, 200, {servers: [{id: 's1', name: 'web'}], servers_links: [{rel: 'next', href: `${EVIL}/v2.1/p/servers/detail?name=evil&marker=s1`}]})
      }
      return sendJson(res, 200, {servers: [{id: 's2', name: 'web'}]})
    })
    mounted = mount(server, 'compute', '/compute/v2.1', {minMicroversion: '2.1', maxMicroversion: '2.90'})
    const servers = await listServers(mounted.client, {name: 'web'})
    assert.deepEqual(
      servers.map((s) => s.id),
      ['s1', 's2'],
    )
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/compute/v2.1/servers/detail?name=web', '/compute/v2.1/servers/detail?name=web&marker=s1'],
    )
    assert.ok(server.seen.every((seen) => seen.headers['openstack-api-version'] === 'compute 2.90'))
  })

  it('listServers: a cloud that repeats its marker gets two requests, not an endless loop', async () => {
    server = await route((_url, res) => sendJson(res, 200, {servers: [{id: 's1'}], servers_links: [{rel: 'next', href: '/v2.1/servers/detail?marker=s1'}]}))
    mounted = mount(server, 'compute', '/compute/v2.1', {maxMicroversion: '2.90'})
    assert.equal((await listServers(mounted.client)).length, 2)
    assert.equal(server.count, 2)
  })

  it('listServers with a limit (OSC --limit): one page', async () => {
    server = await route((_url, res) => sendJson(res, 200, {servers: [{id: 's1'}], servers_links: [{rel: 'next', href: '/v2.1/servers/detail?limit=1&marker=s1'}]}))
    mounted = mount(server, 'compute', '/compute/v2.1', {maxMicroversion: '2.90'})
    assert.equal((await listServers(mounted.client, {limit: 1})).length, 1)
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/compute/v2.1/servers/detail?limit=1'],
    )
  })

  it('listFlavors: the first request as before (is_public=None, flavors capped at 2.61); flavors_links followed with their limit', async () => {
    const flavor = (id: string) => ({id, name: `f${id}`, ram: 512, vcpus: 1, disk: 1})
    server = await route((url, res) => {
      if (!url.searchParams.get('marker')) return sendJson(res, 200, {flavors: [flavor('1')], flavors_links: [{rel: 'next', href: `${EVIL}/v2.1/flavors/detail?is_public=None&limit=1&marker=1`}]})
      return sendJson(res, 200, {flavors: [flavor('2')]})
    })
    mounted = mount(server, 'compute', '/compute/v2.1', {maxMicroversion: '2.90'})
    const flavors = await listFlavors(mounted.client)
    assert.deepEqual(
      flavors.map((f) => f.id),
      ['1', '2'],
    )
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/compute/v2.1/flavors/detail?is_public=None', '/compute/v2.1/flavors/detail?is_public=None&limit=1&marker=1'],
    )
    assert.ok(server.seen.every((seen) => seen.headers['openstack-api-version'] === 'compute 2.61'))
  })

  it('listKeypairs: entries unwrapped, keypairs_links followed', async () => {
    server = await route((url, res) => {
      if (!url.searchParams.get('marker')) return sendJson(res, 200, {keypairs: [{keypair: {name: 'k1'}}], keypairs_links: [{rel: 'next', href: '/v2.1/os-keypairs?marker=k1'}]})
      return sendJson(res, 200, {keypairs: [{keypair: {name: 'k2', type: 'ssh'}}]})
    })
    mounted = mount(server, 'compute', '/compute/v2.1', {maxMicroversion: '2.90'})
    assert.deepEqual(
      (await listKeypairs(mounted.client)).map((k) => k.name),
      ['k1', 'k2'],
    )
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/compute/v2.1/os-keypairs', '/compute/v2.1/os-keypairs?marker=k1'],
    )
  })

  it('Neutron: a plain list without links is one unchanged request; networks_links are followed by marker', async () => {
    server = await route((url, res) => {
      if (url.searchParams.get('name') === 'plain') return sendJson(res, 200, {networks: [{id: 'n0', name: 'plain'}]})
      if (!url.searchParams.get('marker')) return sendJson(res, 200, {networks: [{id: 'n1', name: 'a'}], networks_links: [{rel: 'next', href: `${EVIL}/v2.0/networks?limit=1&marker=n1`}]})
      return sendJson(res, 200, {networks: [{id: 'n2', name: 'b', subnets: ['s']}], networks_links: [{rel: 'previous', href: '/v2.0/networks?marker=n2&page_reverse=True'}]})
    })
    mounted = mount(server, 'network', '/v2.0')
    assert.deepEqual(
      (await listNetworks(mounted.client, {name: 'plain'})).map((n) => n.id),
      ['n0'],
    )
    assert.deepEqual(
      (await listNetworks(mounted.client, {})).map((n) => n.id),
      ['n1', 'n2'],
    )
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/v2.0/networks?name=plain', '/v2.0/networks', '/v2.0/networks?limit=1&marker=n1'],
    )
  })

  it('Neutron ports and security groups: <resource>_links with their own key', async () => {
    server = await route((url, res) => {
      const marker = url.searchParams.get('marker')
      if (url.pathname === '/v2.0/ports') {
        if (!marker) return sendJson(res, 200, {ports: [{id: 'p1', network_id: 'n'}], ports_links: [{rel: 'next', href: '/v2.0/ports?marker=p1'}]})
        return sendJson(res, 200, {ports: [{id: 'p2', network_id: 'n'}]})
      }

      if (!marker) return sendJson(res, 200, {security_groups: [{id: 'g1', name: 'default'}], security_groups_links: [{rel: 'next', href: '/v2.0/security-groups?marker=g1'}]})
      return sendJson(res, 200, {security_groups: [{id: 'g2', name: 'web'}]})
    })
    mounted = mount(server, 'network', '/v2.0')
    assert.deepEqual(
      (await listPorts(mounted.client, {device_id: 'd'})).map((p) => p.id),
      ['p1', 'p2'],
    )
    assert.deepEqual(
      (await listSecurityGroups(mounted.client)).map((g) => g.name),
      ['default', 'web'],
    )
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/v2.0/ports?device_id=d', '/v2.0/ports?device_id=d&marker=p1', '/v2.0/security-groups', '/v2.0/security-groups?marker=g1'],
    )
  })

  it('Keystone: findProject pages the name lookup by links.next', async () => {
    server = await route((url, res) => {
      if (url.pathname === '/identity/v3/projects/demo') return sendJson(res, 404, {error: {code: 404, title: 'Not Found', message: 'Could not find project: demo.'}})
      if (!url.searchParams.get('marker')) return sendJson(res, 200, {projects: [{id: 'p0', name: 'demox'}], links: {self: 'x', previous: null, next: `${EVIL}/v3/projects?name=demo&marker=p0`}})
      return sendJson(res, 200, {projects: [{id: 'p1', name: 'demo', domain_id: 'default'}], links: {self: 'x', previous: null, next: null}})
    })
    mounted = mount(server, 'identity', '/identity/v3')
    assert.deepEqual(await findProject(mounted.client, 'demo'), {id: 'p1', name: 'demo', domain_id: 'default'})
    assert.deepEqual(
      server.seen.map((seen) => seen.url),
      ['/identity/v3/projects/demo', '/identity/v3/projects?name=demo', '/identity/v3/projects?name=demo&marker=p0'],
    )
  })
})
