import {strict as assert} from 'node:assert'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {world, type World} from './harness.js'

/**
 * The CLI runs from dist/bundle (scripts/bundle.mjs), where what is imported on demand lives in
 * chunks of its own: the full YAML parser (a clouds.yaml the fast path declines), the zod schemas
 * (a clouds.yaml with a wrong type), node:https. These run the real bin/run.js through each.
 */
describe('e2e: the parts loaded on demand, through bin/run.js', function () {
  this.timeout(60_000)
  let w: World

  before(async () => {
    w = await world({instances: [{name: 'InstanceOne'}]})
  })
  after(async () => w.stop())

  const withClouds = (name: string, text: string) => {
    const file = join(w.dir, name)
    writeFileSync(file, text)
    return {OS_CLIENT_CONFIG_FILE: file}
  }

  it('a clouds.yaml with an anchor and a merge key (the full YAML parser) works', async () => {
    const auth = w.sim.instances[0].authUrl
    const env = withClouds(
      'anchors.yaml',
      `defaults: &auth\n  auth_url: ${auth}\n  user_domain_name: Default\n  project_domain_name: Default\nclouds:\n  one:\n    auth:\n      <<: *auth\n      username: admin\n      password: secret\n      project_name: admin\n    region_name: InstanceOne\n`,
    )
    const run = await w.run(['--os-cloud', 'one', 'token', 'issue', '-c', 'user_id', '-f', 'value'], env)
    assert.equal(run.stderr, '')
    assert.equal(run.code, 0)
    assert.match(run.stdout, /^[0-9a-f]{32}\n$/)
  })

  it('a YAML syntax error names the file, line and column (full parser, exit 2)', async () => {
    const env = withClouds('broken.yaml', 'clouds:\n  one:\n    auth: {auth_url: x\n')
    const run = await w.run(['--os-cloud', 'one', 'token', 'issue'], env)
    assert.equal(run.code, 2)
    assert.match(run.stderr, /^Cannot parse \S+broken\.yaml: line 4, column 1: /)
    assert.ok(!run.stderr.includes('    at '), run.stderr)
  })

  it('a clouds.yaml with a wrong type gets zod\'s check and a readable message (exit 2)', async () => {
    const env = withClouds('types.yaml', 'clouds:\n  one:\n    verify: maybe\n    auth:\n      auth_url: http://127.0.0.1:1/v3\n')
    const run = await w.run(['--os-cloud', 'one', 'token', 'issue'], env)
    assert.equal(run.code, 2)
    assert.match(run.stderr, /^Invalid \S+types\.yaml: clouds\.one\.verify: expected true or false, got string "maybe"\n/)
  })

  it('an https auth_url loads node:https; a refused TLS connection is a clear error (exit 1)', async () => {
    const env = withClouds('tls.yaml', 'clouds:\n  one:\n    auth:\n      auth_url: https://127.0.0.1:1/v3\n      username: u\n      password: p\n      project_name: p\n')
    const run = await w.run(['--os-cloud', 'one', 'token', 'issue'], env)
    assert.equal(run.code, 1)
    assert.match(run.stderr, /^Unable to reach the identity service of one at https:\/\/127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1\.\n/)
  })
})
