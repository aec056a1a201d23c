import {strict as assert} from 'node:assert'

import {allKeys, officialType, SERVICE_TYPES, typeCandidates} from '../../../src/catalog/service-types.js'

describe('catalog/service-types', () => {
  it('maps aliases to the official type', () => {
    assert.equal(officialType('volumev3'), 'block-storage')
    assert.equal(officialType('volumev2'), 'block-storage')
    assert.equal(officialType('volume'), 'block-storage')
    assert.equal(officialType('block-store'), 'block-storage')
    assert.equal(officialType('sharev2'), 'shared-file-system')
    assert.equal(officialType('bare-metal'), 'baremetal')
    assert.equal(officialType('workflowv2'), 'workflow')
  })

  it('maps official types to themselves and knows nothing else', () => {
    for (const type of ['identity', 'compute', 'image', 'network', 'placement', 'object-store', 'orchestration', 'load-balancer', 'dns', 'key-manager']) {
      assert.equal(officialType(type), type)
    }
    assert.equal(officialType('compute_legacy'), undefined)
    assert.equal(officialType('nova'), undefined)
    assert.equal(officialType('Compute'), undefined)
    assert.equal(officialType('__proto__'), undefined)
  })

  it('lists catalog candidates newest first, never compute_legacy', () => {
    assert.deepEqual(typeCandidates('block-storage'), ['block-storage', 'volumev3', 'volumev2', 'volume', 'block-store'])
    assert.deepEqual(typeCandidates('volume'), ['block-storage', 'volumev3', 'volumev2', 'volume', 'block-store'])
    assert.deepEqual(typeCandidates('compute'), ['compute'])
    assert.deepEqual(typeCandidates('shared-file-system'), ['shared-file-system', 'sharev2', 'share'])
    assert.deepEqual(typeCandidates('something-new'), ['something-new'])
  })

  it('lists every type and alias once', () => {
    const keys = allKeys()
    assert.equal(new Set(keys).size, keys.length)
    assert.equal(keys.length, SERVICE_TYPES.reduce((n, s) => n + 1 + s.aliases.length, 0))
    for (const key of ['identity', 'compute', 'image', 'network', 'block-storage', 'volumev3', 'placement', 'baremetal']) {
      assert.ok(keys.includes(key), key)
    }
  })
})
