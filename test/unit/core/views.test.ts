import {strict as assert} from 'node:assert'

import type {AuthRef} from '../../../src/auth/types.js'
import {ApiError, OidError} from '../../../src/errors.js'
import {Formatted, type ListView, type ShowView, type View} from '../../../src/output/index.js'
import type {Fanout} from '../../../src/routing/index.js'
import type {Image} from '../../../src/services/image.js'
import {formatSize, imageShowView, sortImages} from '../../../src/views/image.js'
import {report} from '../../../src/views/report.js'
import {formatExpires, tokenView} from '../../../src/views/token.js'

const img = (fields: Record<string, unknown>): Image => ({id: String(fields.id ?? fields.name), status: 'active', ...fields}) as Image
const ids = (images: Image[]) => images.map((image) => image.id)

describe('core/views/image: sortImages (osc-lib sort_items with str)', () => {
  it('sorts by name ascending by default spec, code point order (uppercase first)', () => {
    const images = [img({id: '1', name: 'beta'}), img({id: '2', name: 'Alpha'}), img({id: '3', name: 'alpha'}), img({id: '4', name: 'Zed'})]
    assert.deepEqual(ids(sortImages(images, 'name:asc')), ['2', '4', '3', '1'])
    assert.deepEqual(ids(sortImages(images, 'name')), ['2', '4', '3', '1'])
    assert.deepEqual(ids(sortImages(images, 'name:desc')), ['1', '3', '4', '2'])
    // the input is not modified
    assert.deepEqual(ids(images), ['1', '2', '3', '4'])
  })

  it("None (a missing or null value) sorts as the text 'None'", () => {
    const images = [img({id: 'b', name: 'beta'}), img({id: 'n', name: null}), img({id: 'A', name: 'Alpha'}), img({id: 'Z', name: 'Zed'}), img({id: 'u'})]
    // 'Alpha' < 'None' < 'Zed' < 'beta'; the two Nones keep their order
    assert.deepEqual(ids(sortImages(images, 'name:asc')), ['A', 'n', 'u', 'Z', 'b'])
  })

  it('numbers compare as text: 100 < 20 < 3', () => {
    const images = [img({id: 'three', size: 3}), img({id: 'hundred', size: 100}), img({id: 'twenty', size: 20}), img({id: 'none', size: null})]
    assert.deepEqual(ids(sortImages(images, 'size:asc')), ['hundred', 'twenty', 'three', 'none'])
    assert.deepEqual(ids(sortImages(images, 'size:desc')), ['none', 'three', 'twenty', 'hundred'])
  })

  it("booleans compare as 'False' < 'True'", () => {
    const images = [img({id: 'p', protected: true}), img({id: 'u', protected: false})]
    assert.deepEqual(ids(sortImages(images, 'protected')), ['u', 'p'])
    assert.deepEqual(ids(sortImages(images, 'is_protected:asc')), ['u', 'p'])
  })

  it('several keys: the first is primary, ties keep their order (stable, also in desc)', () => {
    const images = [
      img({id: '1', name: 'b', status: 'active'}),
      img({id: '2', name: 'a', status: 'queued'}),
      img({id: '3', name: 'c', status: 'active'}),
      img({id: '4', name: 'a', status: 'active'}),
    ]
    assert.deepEqual(ids(sortImages(images, 'status,name:desc')), ['3', '1', '4', '2'])
    assert.deepEqual(ids(sortImages(images, 'status:desc,name')), ['2', '4', '1', '3'])
    assert.deepEqual(ids(sortImages(images, 'status:desc')), ['2', '1', '3', '4'])
  })

  it('SDK attribute names map to Glance names (owner_id → owner)', () => {
    const images = [img({id: '1', owner: 'p2'}), img({id: '2', owner: 'p1'})]
    assert.deepEqual(ids(sortImages(images, 'owner_id')), ['2', '1'])
    assert.deepEqual(ids(sortImages(images, 'owner')), ['2', '1'])
  })

  it('a bad direction: the osc-lib message', () => {
    assert.throws(() => sortImages([], 'name:up'), (error: unknown) => {
      assert.ok(error instanceof OidError)
      assert.equal(error.message, "'up' is not a valid sort direction for sort key name, use 'asc' or 'desc' instead")
      return true
    })
    assert.throws(() => sortImages([], 'name:'), {message: "'<empty string>' is not a valid sort direction for sort key name, use 'asc' or 'desc' instead"})
    // split(':', 1): the direction is everything after the first colon
    assert.throws(() => sortImages([], 'name:asc:x'), {message: "'asc:x' is not a valid sort direction for sort key name, use 'asc' or 'desc' instead"})
    assert.throws(() => sortImages([], 'name:ASC'), /'ASC' is not a valid sort direction/)
  })

  it("an empty key: osc-lib's message (with its doubled quote)", () => {
    assert.throws(() => sortImages([], ':asc'), {message: "'<empty string>'' is not a valid sort key"})
  })

  // Regression (was a bug): sortImages compares with JS `<`, i.e. by UTF-16 code unit, while Python's str comparison is by
  // code point. A name with a character above U+FFFF (an emoji: surrogates 0xD800-0xDFFF) sorts before
  // one with a character in U+E000-U+FFFF (fullwidth forms, private use). OSC: ['～', '😀'];
  // openstackoid: ['😀', '～']. (columns.ts `byCodePoint` has the same flaw.)
  it("compares by code point as Python does, not by UTF-16 unit ('\\uFF5E' < '\\u{1F600}')", () => {
    const images = [img({id: 'emoji', name: '\u{1F600}'}), img({id: 'tilde', name: '\uFF5E'})]
    assert.deepEqual(ids(sortImages(images, 'name:asc')), ['tilde', 'emoji'])
  })
})

describe('core/views/image: formatSize (osc-lib format_size)', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [1, '1'],
    [10, '10'],
    [100, '100'],
    [999, '999'],
    [1000, '1K'],
    [1500, '1.5K'],
    [10_000, '10K'],
    [13_287_936, '13.3M'],
    [21_430_272, '21.4M'],
    [1_500_000, '1.5M'],
    [999_999, '1000K'],
    [1_000_000_000, '1G'],
    [2_147_483_648, '2.1G'],
    [1e15, '1P'],
    [1e21, '1Z'],
  ]
  for (const [size, expected] of cases) {
    it(`${size} → ${expected}`, () => {
      assert.equal(formatSize(size), expected)
    })
  }

  // Regression (was a bug): formatSize uses Number.prototype.toFixed(1), which rounds an exact tie up, while osc-lib's
  // f'{size:.1f}' rounds half to even. 1250 → 1.25 exactly: OSC prints '1.2K', openstackoid '1.3K'
  // (also 3250 → OSC '3.2K' vs '3.3K', 1_250_000 → '1.2M' vs '1.3M').
  it('rounds a tie half to even, as Python does: 1250 → 1.2K, 3250 → 3.2K, 1_250_000 → 1.2M', () => {
    assert.equal(formatSize(1250), '1.2K')
    assert.equal(formatSize(3250), '3.2K')
    assert.equal(formatSize(1_250_000), '1.2M')
    assert.equal(formatSize(1750), '1.8K')
  })
})

const GLANCE_IMAGE = {
  id: '7f3a1c2e-9b1d-4c55-8a41-2f0d3c4b5a69',
  name: 'cirros-0.6.2-x86_64-disk',
  status: 'active',
  visibility: 'public',
  protected: false,
  os_hidden: false,
  checksum: 'c8fc807773e5354afe61636071771906',
  os_hash_algo: 'sha512',
  os_hash_value: '1103b92ce8ad966e41235a4de260deb791ff571670c0342666c8582fbb9caefe6af07ebb11d34f44f8414b609b29c1bdf1d72ffa6faa39c88e8721d09847952b',
  size: 21430272,
  virtual_size: null,
  min_disk: 0,
  min_ram: 0,
  disk_format: 'qcow2',
  container_format: 'bare',
  owner: '4dc4136712954452aa9215bac213983d',
  tags: ['b', 'a'],
  created_at: '2026-11-23T15:30:00Z',
  updated_at: '2026-11-23T15:30:01Z',
  self: '/v2/images/7f3a1c2e-9b1d-4c55-8a41-2f0d3c4b5a69',
  file: '/v2/images/7f3a1c2e-9b1d-4c55-8a41-2f0d3c4b5a69/file',
  schema: '/v2/schemas/image',
  stores: 'file',
  hw_rng_model: 'virtio',
  'owner_specified.openstack.md5': '',
  description: null,
  locations: [],
  direct_url: 'file:///var/lib/glance/images/7f3a',
  location: 'file:///var/lib/glance/images/7f3a',
}

const valueOf = (view: ShowView, field: string) => view.values[view.fields.indexOf(field)]

describe('core/views/image: imageShowView (OSC _format_image)', () => {
  it('the shown fields as they are, sorted; None dropped; the rest in properties', () => {
    const view = imageShowView(GLANCE_IMAGE as unknown as Image)
    assert.equal(view.kind, 'show')
    assert.deepEqual(view.fields, [
      'checksum',
      'container_format',
      'created_at',
      'disk_format',
      'file',
      'id',
      'min_disk',
      'min_ram',
      'name',
      'owner',
      'properties',
      'protected',
      'schema',
      'size',
      'status',
      'tags',
      'updated_at',
      'visibility',
    ])
    assert.equal(valueOf(view, 'size'), 21430272)
    assert.equal(valueOf(view, 'protected'), false)
    assert.equal(valueOf(view, 'min_disk'), 0)
    const properties = valueOf(view, 'properties')
    assert.ok(properties instanceof Formatted)
    assert.deepEqual(properties.machine, {
      os_hidden: false,
      os_hash_algo: 'sha512',
      os_hash_value: GLANCE_IMAGE.os_hash_value,
      stores: 'file',
      hw_rng_model: 'virtio',
      'owner_specified.openstack.md5': '',
    })
    assert.equal(
      properties.human,
      `hw_rng_model='virtio', os_hash_algo='sha512', os_hash_value='${GLANCE_IMAGE.os_hash_value}', os_hidden='False', owner_specified.openstack.md5='', stores='file'`,
    )
    const tags = valueOf(view, 'tags')
    assert.ok(tags instanceof Formatted)
    assert.equal(tags.human, 'a, b')
    assert.deepEqual(tags.machine, ['b', 'a'])
  })

  it('tags are always present, even when Glance sent none; no properties field without properties', () => {
    const view = imageShowView({id: 'i', name: 'x', status: 'queued', size: null, checksum: null, owner: 'p', visibility: 'private', protected: false} as Image)
    assert.deepEqual(view.fields, ['id', 'name', 'owner', 'protected', 'status', 'tags', 'visibility'])
    const tags = valueOf(view, 'tags')
    assert.ok(tags instanceof Formatted)
    assert.equal(tags.human, '')
    assert.deepEqual(tags.machine, [])
  })

  it('a nested `properties` object is flattened into properties', () => {
    const view = imageShowView({id: 'i', status: 'active', properties: {a: '1', b: null}, c: 'x'} as unknown as Image)
    const properties = valueOf(view, 'properties') as Formatted
    assert.deepEqual(properties.machine, {a: '1', b: null, c: 'x'})
  })

  it('--human-readable formats the size', () => {
    assert.equal(valueOf(imageShowView(GLANCE_IMAGE as unknown as Image, true), 'size'), '21.4M')
    assert.equal(valueOf(imageShowView({id: 'i', status: 'queued'} as Image, true), 'size'), '0')
  })
})

function auth(fields: Partial<AuthRef>): AuthRef {
  return {token: 'gAAAAAtoken', expiresAt: '2026-11-23T13:00:00.000000Z', identityUrl: 'http://h/v3', methods: ['password'], user: {id: 'u-1'}, system: false, roles: [], catalog: [], ...fields}
}

describe('core/views/token', () => {
  it('formatExpires: %Y-%m-%dT%H:%M:%S%z in UTC from Keystone microseconds', () => {
    assert.equal(formatExpires('2026-11-23T13:00:00.000000Z'), '2026-11-23T13:00:00+0000')
    assert.equal(formatExpires('2019-11-09T13:21:08.999999Z'), '2019-11-09T13:21:08+0000')
    assert.equal(formatExpires('2026-11-23T13:00:00Z'), '2026-11-23T13:00:00+0000')
    assert.equal(formatExpires('2016-11-06T15:32:17.000000'), '2016-11-06T15:32:17+0000')
  })

  it('formatExpires never crashes on a bad timestamp: it is shown as sent', () => {
    assert.equal(formatExpires('201406-10T00:00:00.000000Z'), '201406-10T00:00:00.000000Z')
    assert.equal(formatExpires(''), '')
  })

  it('tokenView: the fields that are set, sorted', () => {
    const project = tokenView(auth({project: {id: 'p-1'}}))
    assert.deepEqual(project.fields, ['expires', 'id', 'project_id', 'user_id'])
    assert.deepEqual(project.values, ['2026-11-23T13:00:00+0000', 'gAAAAAtoken', 'p-1', 'u-1'])
    assert.deepEqual(tokenView(auth({domain: {id: 'd-1'}})).fields, ['domain_id', 'expires', 'id', 'user_id'])
    const system = tokenView(auth({system: true}))
    assert.deepEqual(system.fields, ['expires', 'id', 'system', 'user_id'])
    assert.equal(valueOf(system, 'system'), 'all')
  })
})

describe('core/views/report', () => {
  const list = (...rows: [string, string][]): ListView => ({kind: 'list', columns: ['ID', 'Name'], rows})
  const show = (data: Record<string, string>): ShowView => ({kind: 'show', fields: Object.keys(data), values: Object.values(data)})
  const failure = new ApiError('InstanceTwo (image): boom (HTTP 503)', {method: 'GET', url: 'http://h', status: 503})

  it('one instance: its own view, unchanged, with the notes', () => {
    const view = list(['1', 'a'])
    const fan: Fanout<ListView> = {outcomes: [{instance: 'InstanceOne', ok: true, value: view}], multi: false, notes: ['image served by InstanceOne.']}
    assert.deepEqual(report(fan, (value) => value), {kind: 'report', view, notes: ['image served by InstanceOne.'], failures: []})
  })

  it('multi lists: an Instance column first, rows in outcome order; failures listed apart', () => {
    const fan: Fanout<ListView> = {
      outcomes: [
        {instance: 'InstanceOne', ok: true, value: list(['1', 'a'], ['2', 'b'])},
        {instance: 'InstanceTwo', ok: false, error: failure},
        {instance: 'InstanceThree', ok: true, value: list(['3', 'c'])},
      ],
      multi: true,
      notes: [],
    }
    const result = report(fan, (value) => value)
    assert.deepEqual(result.view, {
      kind: 'list',
      columns: ['Instance', 'ID', 'Name'],
      rows: [
        ['InstanceOne', '1', 'a'],
        ['InstanceOne', '2', 'b'],
        ['InstanceThree', '3', 'c'],
      ],
    })
    assert.deepEqual(result.failures, [{instance: 'InstanceTwo', error: failure}])
  })

  it('multi with an empty list: the Instance column is still there', () => {
    const fan: Fanout<ListView> = {outcomes: [{instance: 'A', ok: true, value: list()}, {instance: 'B', ok: true, value: list()}], multi: true, notes: []}
    assert.deepEqual(report(fan, (value) => value).view, {kind: 'list', columns: ['Instance', 'ID', 'Name'], rows: []})
  })

  it('multi show records become rows: Instance + the union of the fields, null where a record lacks one', () => {
    const fan: Fanout<View> = {
      outcomes: [
        {instance: 'InstanceOne', ok: true, value: show({expires: 'e1', id: 't1', project_id: 'p1', user_id: 'u1'})},
        {instance: 'InstanceTwo', ok: true, value: show({domain_id: 'd2', expires: 'e2', id: 't2', user_id: 'u2'})},
      ],
      multi: true,
      notes: [],
    }
    const view = report(fan, (value) => value).view as ListView
    assert.equal(view.kind, 'list')
    assert.equal(view.columns[0], 'Instance')
    assert.deepEqual([...view.columns].sort(), ['Instance', 'domain_id', 'expires', 'id', 'project_id', 'user_id'])
    const row = (instance: string) => Object.fromEntries(view.columns.map((column, i) => [column, view.rows.find((r) => r[0] === instance)![i]]))
    assert.deepEqual(row('InstanceOne'), {Instance: 'InstanceOne', expires: 'e1', id: 't1', project_id: 'p1', user_id: 'u1', domain_id: null})
    assert.deepEqual(row('InstanceTwo'), {Instance: 'InstanceTwo', expires: 'e2', id: 't2', project_id: null, user_id: 'u2', domain_id: 'd2'})
  })

  it('every instance failed: no view, every failure', () => {
    const other = new OidError('InstanceOne: unreachable')
    const fan: Fanout<View> = {
      outcomes: [
        {instance: 'InstanceOne', ok: false, error: other},
        {instance: 'InstanceTwo', ok: false, error: failure},
      ],
      multi: true,
      notes: ['n'],
    }
    const result = report(fan, () => assert.fail('toView must not be called'))
    assert.equal(result.view, undefined)
    assert.deepEqual(result.notes, ['n'])
    assert.deepEqual(result.failures, [
      {instance: 'InstanceOne', error: other},
      {instance: 'InstanceTwo', error: failure},
    ])
  })
})
