import {strict as assert} from 'node:assert'

import {defaultOutputOptions, render, type OutputOptions, type ShowView} from '../../../src/output/index.js'
import {networkQuotaDict, quotaView} from '../../../src/views/compute-info.js'
import type {ShownQuota} from '../../../src/workflows/compute-info.js'

const options = (changes: Partial<OutputOptions>): OutputOptions => ({...defaultOutputOptions, ...changes})

const location: ShownQuota['location'] = {
  cloud: 'InstanceOne',
  region_name: 'RegionOne',
  zone: null,
  project: {id: 'p1', name: 'admin', domain_id: null, domain_name: "O'Default"},
}

/** Nova below 2.36 still has the nova-network keys; Neutron's replace three of them. */
const shown = (changes: Partial<ShownQuota> = {}): ShownQuota => ({
  quota: {id: 'p1', cores: 20, fixed_ips: -1, floating_ips: 10, security_groups: 10, security_group_rules: 20, key_pairs: 100, volumes: 10, per_volume_gigabytes: -1},
  network: {network: 100, subnet: 100, subnetpool: -1, port: 500, router: 10, floatingip: 50, security_group: 11, security_group_rule: 100, rbac_policy: 10},
  networkId: 'p1',
  location,
  projectName: 'admin',
  ...changes,
})

const asObject = (view: ShowView) => Object.fromEntries(view.fields.map((field, i) => [field, view.values[i]]))

describe("core/views/compute-info: quotaView's network part (openstacksdk's Quota.to_dict, OSC's renames)", () => {
  it("keys Neutron's values by the SDK's attribute names and drops what it does not declare or what is None", () => {
    const dict = networkQuotaDict(shown({network: {network: 3, subnetpool: null, trunk: 4, tenant_id: 'p1', healthmonitor: 2}, location: undefined}))
    assert.deepEqual(dict, {networks: 3, project_id: 'p1', health_monitors: 2, id: 'p1'})
    assert.deepEqual(networkQuotaDict(shown({network: undefined})), {})
  })

  it("Neutron's floating IP and security group limits replace Nova's; the others keep the SDK's names", () => {
    const view = quotaView(shown())
    const info = asObject(view)
    assert.equal(info['floating-ips'], 50)
    assert.equal(info.secgroups, 11)
    assert.equal(info['secgroup-rules'], 100)
    assert.equal(info['fixed-ips'], -1)
    assert.equal(info.networks, 100)
    assert.equal(info.subnet_pools, -1)
    assert.equal(info.rbac_policies, 10)
    assert.equal(info.project, 'p1')
    assert.equal(info.project_name, 'admin')
    assert.equal('project_id' in info, false)
    assert.equal('id' in info, false)
    assert.deepEqual(view.fields, [...view.fields].sort())
    assert.deepEqual(view.fields, [
      'cores', 'fixed-ips', 'floating-ips', 'key-pairs', 'location', 'networks', 'per-volume-gigabytes', 'ports', 'project', 'project_name',
      'rbac_policies', 'routers', 'secgroup-rules', 'secgroups', 'subnet_pools', 'subnets', 'volumes',
    ])
  })

  it('without a network part: no location, and Nova keeps its nova-network values', () => {
    const info = asObject(quotaView(shown({network: undefined, networkId: undefined, location: undefined})))
    assert.equal(info['floating-ips'], 10)
    assert.equal(info.secgroups, 10)
    assert.equal('location' in info, false)
    assert.equal('networks' in info, false)
  })

  it('the --default reply has no project id: Nova\'s id stays the project', () => {
    const info = asObject(quotaView(shown({networkId: undefined})))
    assert.equal(info.project, 'p1')
  })

  it('prints location as a Munch in table, value and shell, and as a dict in json and yaml', () => {
    const view = quotaView(shown())
    const munch = `Munch({'cloud': 'InstanceOne', 'region_name': 'RegionOne', 'zone': None, 'project': Munch({'id': 'p1', 'name': 'admin', 'domain_id': None, 'domain_name': "O'Default"})})`
    assert.equal(render(view, options({format: 'value', columns: ['location']})), `${munch}\n`)
    assert.equal(render(view, options({format: 'shell', columns: ['location']})), `location="${munch.replaceAll('"', '\\"')}"\n`)
    assert.ok(render(view, options({format: 'table', columns: ['location']})).includes(`| ${munch} |`))
    assert.equal(
      render(view, options({format: 'json', columns: ['location']})),
      '{\n  "location": {\n    "cloud": "InstanceOne",\n    "region_name": "RegionOne",\n    "zone": null,\n    "project": {\n      "id": "p1",\n      "name": "admin",\n      "domain_id": null,\n      "domain_name": "O\'Default"\n    }\n  }\n}\n',
    )
    assert.equal(
      render(view, options({format: 'yaml', columns: ['location']})),
      "location:\n  cloud: InstanceOne\n  project:\n    domain_id: null\n    domain_name: O'Default\n    id: p1\n    name: admin\n  region_name: RegionOne\n  zone: null\n",
    )
  })
})
