import {strict as assert} from 'node:assert'

import {jsonKeyValues, multiKeyValue, multiKeyValueComma, pyRepr} from '../../../src/workflows/port-write.js'

/** osc-lib's argparse actions as port create/set/unset use them, and Python's repr in OSC's unset errors. */
describe('port-write parsing', () => {
  it('reads --fixed-ip and --allowed-address as MultiKeyValueAction does', () => {
    assert.deepEqual(multiKeyValue('subnet=s1,ip-address=10.0.0.5', [], ['subnet', 'ip-address']), {subnet: 's1', 'ip-address': '10.0.0.5'})
    assert.deepEqual(multiKeyValue('ip-address=a=b', ['ip-address'], ['mac-address']), {'ip-address': 'a=b'})
    assert.throws(() => multiKeyValue('nope', [], ['subnet']), {message: "Expected comma separated 'key=value' pairs, but got: nope"})
    assert.throws(() => multiKeyValue('=x', [], ['subnet']), {message: 'Each property key must be specified: =x'})
    assert.throws(() => multiKeyValue('subnet=a,zz=2,ip=1', [], ['subnet', 'ip-address']), {message: 'Invalid keys zz, ip specified.\nValid keys are: ip-address, subnet'})
    assert.throws(() => multiKeyValue('mac-address=m', ['ip-address'], ['mac-address']), {message: 'Missing required keys ip-address.\nRequired keys are: ip-address'})
  })

  it('keeps commas inside a value for --extra-dhcp-option (MultiKeyValueCommaAction)', () => {
    assert.deepEqual(multiKeyValueComma('name=dns-server,value=1.1.1.1,8.8.8.8,ip-version=4', ['name'], ['value', 'ip-version']), {name: 'dns-server', value: '1.1.1.1,8.8.8.8', 'ip-version': '4'})
    assert.throws(() => multiKeyValueComma('value=1', ['name'], ['value', 'ip-version']), /Missing required keys name/)
  })

  it('reads --binding-profile as JSON objects or key=value, merging them in order', () => {
    assert.deepEqual(jsonKeyValues(['a=1', '{"b": [2], "a": "x"}', 'c=d=e'], 'binding-profile'), {a: 'x', b: [2], c: 'd=e'})
    assert.throws(() => jsonKeyValues(['nope'], 'binding-profile'), {message: "Expected '<key>=<value>' or JSON data for option --binding-profile, but encountered JSON parsing error: Expecting value: line 1 column 1 (char 0)"})
  })

  it("prints dicts as Python's repr does", () => {
    assert.equal(pyRepr({subnet_id: 's', ip_address: '10.0.0.1'}), "{'subnet_id': 's', 'ip_address': '10.0.0.1'}")
    assert.equal(pyRepr({name: "it's"}), `{'name': "it's"}`)
  })
})
