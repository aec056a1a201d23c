import {strict as assert} from 'node:assert'
import {join} from 'node:path'

import {type CloudConfig, listCloudNames, resetConfigCache, resolveHomeCloud, resolveNamedCloud} from '../../../src/config/index.js'
import {Sandbox, rejectsUsage} from './helpers.js'

const TWO_CLOUDS = `
clouds:
  InstanceOne:
    region_name: RegionOne
    identity_api_version: 3
    auth:
      auth_url: http://one:5000/v3
      username: admin
      password: one-pw
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
  InstanceTwo:
    auth:
      auth_url: http://two:5000/v3
      username: demo
      password: two-pw
      project_name: demo
`

const ENV_CREDS = {OS_AUTH_URL: 'http://env:5000/v3', OS_USERNAME: 'envuser', OS_PASSWORD: 'envpw', OS_PROJECT_NAME: 'envproject'}

describe('config/resolve', () => {
  let box: Sandbox
  beforeEach(() => {
    resetConfigCache()
    box = new Sandbox()
  })
  afterEach(() => box.remove())

  const home = (options: Parameters<Sandbox['inputs']>[0] = {}): Promise<CloudConfig> => resolveHomeCloud(box.inputs(options))

  describe('cloud selection', () => {
    it('takes --os-cloud over OS_CLOUD', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      assert.equal((await home({env: {OS_CLOUD: 'InstanceOne'}})).name, 'InstanceOne')
      assert.equal((await home({env: {OS_CLOUD: 'InstanceOne'}, cloud: 'InstanceTwo'})).name, 'InstanceTwo')
      assert.equal((await home({env: {OS_CLOUD: 'InstanceOne'}, flags: {cloud: 'InstanceTwo'}})).name, 'InstanceTwo')
    })

    it('builds the envvars cloud from OS_* variables and selects it when no cloud is named', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      const config = await home({env: ENV_CREDS})
      assert.equal(config.name, 'envvars')
      assert.deepEqual(config.auth, {
        auth_url: 'http://env:5000/v3',
        username: 'envuser',
        password: 'envpw',
        project_name: 'envproject',
        project_domain_id: 'default',
        user_domain_id: 'default',
        default_domain: 'default',
      })
      assert.deepEqual(config.files, {})
      assert.deepEqual(await listCloudNames(box.inputs({env: ENV_CREDS})), ['InstanceOne', 'InstanceTwo', 'envvars'])
    })

    it('names the env cloud after OS_CLOUD_NAME', async () => {
      const config = await home({env: {...ENV_CREDS, OS_CLOUD_NAME: 'mine'}})
      assert.equal(config.name, 'mine')
      assert.equal((await home({env: {...ENV_CREDS, OS_CLOUD_NAME: 'mine', OS_CLOUD: 'mine'}})).name, 'mine')
    })

    it('ignores selector-only variables: they do not make an env cloud', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS.replace(/ {2}InstanceTwo:[^]*$/, ''))
      const env = {OS_REGION_NAME: 'RegionOne', OS_CLIENT_CONFIG_FILE: '/nope', OS_CLOUD_NAME: 'x', OS_SCOPE: '{}', OS_TEST_TIMEOUT: '3', OS_STDOUT_CAPTURE: '1', OS_LOG_CAPTURE: '1'}
      const config = await home({env})
      assert.equal(config.name, 'InstanceOne')
      assert.deepEqual(await listCloudNames(box.inputs({env})), ['InstanceOne'])
    })

    it('selects the only clouds.yaml cloud', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  solo:\n    auth:\n      auth_url: http://solo\n')
      assert.equal((await home()).name, 'solo')
    })

    it('makes a cloud of credential flags alone, as OSC does', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      const config = await home({flags: {auth_url: 'http://flag', username: 'u', password: 'p'}})
      assert.equal(config.name, 'envvars')
      assert.equal(config.auth.auth_url, 'http://flag')
    })

    it('does not make a cloud of TLS or region flags alone', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  solo:\n    auth:\n      auth_url: http://solo\n')
      const config = await home({flags: {insecure: true, region_name: undefined, cacert: '/ca.pem'}})
      assert.equal(config.name, 'solo')
      assert.equal(config.verify, false)
      assert.equal(config.cacert, '/ca.pem')
    })

    it('lists file clouds, plus envvars when OS_* variables define one', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      assert.deepEqual(await listCloudNames(box.inputs()), ['InstanceOne', 'InstanceTwo'])
    })
  })

  describe('precedence', () => {
    it('lets OS_* variables override clouds.yaml values of the selected cloud (OSC argparse defaults)', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      const config = await home({env: {OS_CLOUD: 'InstanceOne', OS_PASSWORD: 'env-pw', OS_AUTH_URL: 'http://env', OS_INTERFACE: 'internal'}})
      assert.equal(config.auth.password, 'env-pw')
      assert.equal(config.auth.auth_url, 'http://env')
      assert.equal(config.auth.username, 'admin')
      assert.equal(config.interface, 'internal')
    })

    it('lets flags override OS_* variables', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      const config = await home({env: {OS_CLOUD: 'InstanceOne', OS_PASSWORD: 'env-pw'}, flags: {password: 'flag-pw', project_name: 'flag-project'}})
      assert.equal(config.auth.password, 'flag-pw')
      assert.equal(config.auth.project_name, 'flag-project')
    })

    it('ignores empty flags and empty variables (OSC drops None and "")', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      const config = await home({env: {OS_CLOUD: 'InstanceOne', OS_PASSWORD: ''}, flags: {username: ''}})
      assert.equal(config.auth.password, 'one-pw')
      assert.equal(config.auth.username, 'admin')
    })

    it('applies defaults → profile → cloud entry → region values → flags, auth merged key by key', async () => {
      box.write(
        'cwd/clouds-public.yaml',
        'public-clouds:\n  vendor:\n    identity_api_version: "3"\n    image_api_version: "1"\n    compute_api_version: "2.1"\n    auth:\n      auth_url: https://{region_name}.vendor.example/v3\n      user_domain_name: VendorDomain\n    regions: [north, south]\n',
      )
      box.write(
        'cwd/clouds.yaml',
        'clouds:\n  v:\n    profile: vendor\n    image_api_version: "2"\n    auth:\n      username: u\n      password: p\n    regions:\n      - name: north\n      - name: south\n        values:\n          compute_api_version: "2.60"\n          auth:\n            password: south-pw\n',
      )
      const north = await home()
      assert.equal(north.regionName, 'north')
      assert.deepEqual(north.regions, ['north', 'south'])
      assert.equal(north.auth.auth_url, 'https://north.vendor.example/v3')
      assert.equal(north.auth.user_domain_name, 'VendorDomain')
      assert.equal(north.auth.password, 'p')
      assert.equal(north.extra.image_api_version, '2')
      assert.equal(north.extra.compute_api_version, '2.1')
      assert.equal(north.extra.network_api_version, '2')
      assert.deepEqual(north.files, {clouds: join(box.cwd, 'clouds.yaml'), publicClouds: join(box.cwd, 'clouds-public.yaml')})

      const south = await home({flags: {region_name: 'south'}})
      assert.equal(south.regionName, 'south')
      assert.equal(south.auth.auth_url, 'https://south.vendor.example/v3')
      assert.equal(south.auth.password, 'south-pw')
      assert.equal(south.extra.compute_api_version, '2.60')

      const flagged = await home({flags: {region_name: 'south', password: 'flag-pw'}, env: {OS_COMPUTE_API_VERSION: '2.90'}})
      assert.equal(flagged.auth.password, 'flag-pw')
      assert.equal(flagged.extra.compute_api_version, '2.90')
    })

    it('takes the region list of the profile when the cloud has none, and the old `cloud:` key for the profile', async () => {
      box.write('cwd/clouds-public.yaml', 'public-clouds:\n  vendor:\n    regions: [a, b]\n')
      box.write('cwd/clouds.yaml', 'clouds:\n  v:\n    cloud: vendor\n')
      const config = await home()
      assert.equal(config.regionName, 'a')
      assert.deepEqual(config.regions, ['a', 'b'])
      assert.equal(config.extra.cloud, undefined)
    })

    it('selects the region from OS_REGION_NAME; region_name alone is the only valid region', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      assert.equal((await home({env: {OS_CLOUD: 'InstanceOne'}})).regionName, 'RegionOne')
      assert.deepEqual((await home({env: {OS_CLOUD: 'InstanceOne'}})).regions, ['RegionOne'])
      assert.equal((await home({env: {OS_CLOUD: 'InstanceOne', OS_REGION_NAME: 'RegionOne'}})).regionName, 'RegionOne')
      const two = await home({env: {OS_CLOUD: 'InstanceTwo', OS_REGION_NAME: 'Anywhere'}})
      assert.equal(two.regionName, 'Anywhere')
      assert.deepEqual(two.regions, [])
      assert.equal((await home({env: {OS_CLOUD: 'InstanceTwo'}})).regionName, undefined)
    })

    it('accepts a comma-separated region_name as a region list (deprecated form)', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    region_name: R1,R2\n')
      assert.deepEqual((await home()).regions, ['R1', 'R2'])
      assert.equal((await home()).regionName, 'R1')
      assert.equal((await home({flags: {region_name: 'R2'}})).regionName, 'R2')
    })

    it('moves auth keys written at the top level of a cloud into auth', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth_url: http://top\n    username: top-user\n    password: top-pw\n    auth:\n      username: nested-user\n')
      const config = await home()
      assert.equal(config.auth.auth_url, 'http://top')
      assert.equal(config.auth.username, 'top-user')
      assert.equal(config.auth.password, 'top-pw')
      assert.equal(config.extra.username, undefined)
    })

    it('keeps auth: over top-level values for project and domain keys (openstacksdk _fix_backwards_project)', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    project_name: top\n    user_domain_name: top-domain\n    auth:\n      project_name: nested\n      user_domain_name: nested-domain\n')
      const config = await home()
      assert.equal(config.auth.project_name, 'nested')
      assert.equal(config.auth.user_domain_name, 'nested-domain')
    })
  })

  describe('legacy names', () => {
    it('reads tenant_name / tenant_id in clouds.yaml as project_name / project_id', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth:\n      tenant_name: t\n      tenant_id: tid\n')
      const config = await home()
      assert.equal(config.auth.project_name, 't')
      assert.equal(config.auth.project_id, 'tid')
      assert.equal(config.extra.tenant_name, undefined)
    })

    it('prefers project_name over tenant_name in the same place', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth:\n      tenant_name: t\n      project_name: p\n')
      assert.equal((await home()).auth.project_name, 'p')
    })

    it('reads OS_TENANT_NAME / OS_TENANT_ID, with OS_PROJECT_* winning', async () => {
      const config = await home({env: {OS_AUTH_URL: 'http://x', OS_TENANT_NAME: 't', OS_TENANT_ID: 'tid'}})
      assert.equal(config.auth.project_name, 't')
      assert.equal(config.auth.project_id, 'tid')
      assert.equal((await home({env: {OS_AUTH_URL: 'http://x', OS_TENANT_NAME: 't', OS_PROJECT_NAME: 'p'}})).auth.project_name, 'p')
    })

    it('reads auth_token as token and user_name as username', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth_type: v3token\n    auth:\n      auth_token: tok\n      user_name: legacy\n')
      const config = await home()
      assert.equal(config.auth.token, 'tok')
      assert.equal(config.auth.username, 'legacy')
    })

    it('normalises interface: internalURL in clouds.yaml, OS_ENDPOINT_TYPE=publicURL in the env cloud', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    interface: internalURL\n  d:\n    endpoint_type: adminURL\n    compute_endpoint_type: internal\n')
      assert.equal((await home({cloud: 'c'})).interface, 'internal')
      const d = await home({cloud: 'd'})
      assert.equal(d.interface, 'admin')
      assert.equal(d.extra.compute_interface, 'internal')
      assert.equal((await home({env: {OS_AUTH_URL: 'http://x', OS_ENDPOINT_TYPE: 'publicURL'}})).interface, 'public')
      assert.equal((await home({env: {OS_AUTH_URL: 'http://x', OS_ENDPOINT_TYPE: 'internalURL'}})).interface, 'internal')
      assert.equal((await home({env: {OS_AUTH_URL: 'http://x', OS_ENDPOINT_TYPE: 'internalURL', OS_INTERFACE: 'admin'}})).interface, 'admin')
    })

    it('defaults interface to public', async () => {
      assert.equal((await home({env: {OS_AUTH_URL: 'http://x'}})).interface, 'public')
    })
  })

  describe('auth type', () => {
    it('is the generic password plugin by default', async () => {
      assert.equal((await home({env: ENV_CREDS})).authType, 'password')
    })

    it('is what clouds.yaml, OS_AUTH_TYPE or --os-auth-type says (flag > env > file); auth_type beats auth_plugin', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth_type: v3password\n  d:\n    auth_plugin: v3token\n  e:\n    auth_plugin: v3token\n    auth_type: v3password\n')
      assert.equal((await home({cloud: 'c'})).authType, 'v3password')
      assert.equal((await home({cloud: 'd'})).authType, 'v3token')
      assert.equal((await home({cloud: 'e'})).authType, 'v3password')
      assert.equal((await home({cloud: 'c', env: {OS_AUTH_TYPE: 'v3applicationcredential'}})).authType, 'v3applicationcredential')
      assert.equal((await home({cloud: 'c', env: {OS_AUTH_TYPE: 'v3applicationcredential'}, flags: {auth_type: 'token'}})).authType, 'token')
    })

    it('is token when a token is given without user credentials', async () => {
      assert.equal((await home({env: {OS_AUTH_URL: 'http://x', OS_TOKEN: 'tok'}})).authType, 'token')
      assert.equal((await home({env: {...ENV_CREDS, OS_TOKEN: 'tok'}})).authType, 'password')
    })

    it('is admin_token for token_endpoint, and for --os-endpoint with --os-token', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth_type: token_endpoint\n    auth:\n      endpoint: http://e\n      token: t\n')
      const config = await home()
      assert.equal(config.authType, 'admin_token')
      assert.equal(config.auth.endpoint, 'http://e')
      resetConfigCache()
      assert.equal((await home({env: {OS_ENDPOINT: 'http://e', OS_TOKEN: 't'}})).authType, 'admin_token')
    })

    it('is v3applicationcredential when only an application credential is given', async () => {
      const config = await home({env: {OS_AUTH_URL: 'http://x', OS_APPLICATION_CREDENTIAL_ID: 'id', OS_APPLICATION_CREDENTIAL_SECRET: 's'}})
      assert.equal(config.authType, 'v3applicationcredential')
      assert.equal(config.auth.application_credential_secret, 's')
      assert.equal(config.auth.project_domain_id, undefined)
    })

    it('maps "None" to the none plugin', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth_type: None\n')
      assert.equal((await home()).authType, 'none')
    })
  })

  describe('domains', () => {
    it('defaults project and user domain IDs to "default" for password auth with identity v3', async () => {
      const config = await home({env: ENV_CREDS})
      assert.equal(config.identityApiVersion, '3')
      assert.equal(config.auth.project_domain_id, 'default')
      assert.equal(config.auth.user_domain_id, 'default')
    })

    it('uses --os-default-domain / OS_DEFAULT_DOMAIN / default_domain:', async () => {
      assert.equal((await home({env: {...ENV_CREDS, OS_DEFAULT_DOMAIN: 'd1'}})).auth.user_domain_id, 'd1')
      assert.equal((await home({env: {...ENV_CREDS, OS_DEFAULT_DOMAIN: 'd1'}, flags: {default_domain: 'd2'}})).auth.project_domain_id, 'd2')
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    default_domain: d3\n    auth:\n      username: u\n')
      resetConfigCache()
      const config = await home({cloud: 'c'})
      assert.equal(config.auth.user_domain_id, 'd3')
      assert.equal(config.auth.default_domain, 'd3')
    })

    it('does not override a domain name that is given', async () => {
      const config = await home({env: {...ENV_CREDS, OS_USER_DOMAIN_NAME: 'Users', OS_PROJECT_DOMAIN_NAME: 'Projects'}})
      assert.equal(config.auth.user_domain_id, undefined)
      assert.equal(config.auth.user_domain_name, 'Users')
      assert.equal(config.auth.project_domain_id, undefined)
    })

    it('does not default domains for token auth, and drops them for identity v2 password auth', async () => {
      const token = await home({env: {OS_AUTH_URL: 'http://x', OS_TOKEN: 't', OS_PROJECT_NAME: 'p'}})
      assert.equal(token.auth.project_domain_id, undefined)
      const v2 = await home({env: {...ENV_CREDS, OS_IDENTITY_API_VERSION: '2.0', OS_USER_DOMAIN_NAME: 'x'}})
      assert.equal(v2.identityApiVersion, '2.0')
      assert.equal(v2.auth.user_domain_name, undefined)
      assert.equal(v2.auth.project_domain_id, undefined)
    })

    it('reads domain_id / domain_name as both domains when a project is given, as a domain scope otherwise', async () => {
      const project = await home({env: {...ENV_CREDS, OS_DOMAIN_NAME: 'Shared'}})
      assert.equal(project.auth.user_domain_name, 'Shared')
      assert.equal(project.auth.project_domain_name, 'Shared')
      assert.equal(project.auth.domain_name, undefined)
      const {OS_PROJECT_NAME: _unused, ...noProject} = ENV_CREDS
      const domain = await home({env: {...noProject, OS_DOMAIN_ID: 'did'}})
      assert.equal(domain.auth.domain_id, 'did')
    })
  })

  describe('connection settings', () => {
    it('verifies by default; verify: false and insecure: true turn it off', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  a: {}\n  b:\n    verify: false\n  c:\n    insecure: true\n  d:\n    insecure: "false"\n')
      assert.equal((await home({cloud: 'a'})).verify, true)
      assert.equal((await home({cloud: 'b'})).verify, false)
      assert.equal((await home({cloud: 'c'})).verify, false)
      assert.equal((await home({cloud: 'd'})).verify, true)
    })

    it('lets --insecure and --verify override the file', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  a: {}\n  c:\n    insecure: true\n')
      assert.equal((await home({cloud: 'a', flags: {insecure: true}})).verify, false)
      assert.equal((await home({cloud: 'c', flags: {verify: true}})).verify, true)
    })

    it('reads OS_INSECURE in the env cloud', async () => {
      assert.equal((await home({env: {OS_AUTH_URL: 'http://x', OS_INSECURE: 'true'}})).verify, false)
    })

    it('expands ~ and relative paths of cacert, cert and key', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  a:\n    cacert: ~/ca.pem\n    cert: client.pem\n    key: /abs/key.pem\n')
      const config = await home()
      assert.equal(config.cacert, join(box.home, 'ca.pem'))
      assert.equal(config.cert, join(box.cwd, 'client.pem'))
      assert.equal(config.key, '/abs/key.pem')
      assert.equal((await home({env: {OS_CACERT: '/env/ca.pem'}, cloud: 'a'})).cacert, '/env/ca.pem')
    })

    it('reads api_timeout, openstackoid and keeps other keys in extra', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  a:\n    api_timeout: 12.5\n    openstackoid: true\n    image_api_version: 2\n    custom:\n      nested: 1\n')
      const config = await home()
      assert.equal(config.apiTimeout, 12.5)
      assert.equal(config.openstackoid, true)
      assert.equal(config.extra.image_api_version, '2')
      assert.deepEqual(config.extra.custom, {nested: '1'})
      assert.equal(config.extra.api_timeout, undefined)
      const plain = await home({env: {OS_AUTH_URL: 'http://x'}})
      assert.equal(plain.openstackoid, false)
      assert.equal(plain.apiTimeout, undefined)
    })

    it('reads OS_<SERVICE>_API_VERSION and OS_IDENTITY_API_VERSION over the file', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  a:\n    identity_api_version: 3\n    image_api_version: 2\n')
      const config = await home({env: {OS_IMAGE_API_VERSION: '1', OS_IDENTITY_API_VERSION: '2'}})
      assert.equal(config.extra.image_api_version, '1')
      assert.equal(config.identityApiVersion, '2')
    })
  })

  describe('resolveNamedCloud (--scope instances)', () => {
    it('uses file values only, not the home cloud flags and OS_* overrides', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      const inputs = box.inputs({env: {OS_CLOUD: 'InstanceOne', OS_PASSWORD: 'env-pw', OS_REGION_NAME: 'RegionOne'}, flags: {password: 'flag-pw', auth_url: 'http://flag'}})
      const two = await resolveNamedCloud('InstanceTwo', inputs)
      assert.equal(two.name, 'InstanceTwo')
      assert.equal(two.auth.password, 'two-pw')
      assert.equal(two.auth.auth_url, 'http://two:5000/v3')
      assert.equal(two.regionName, undefined)
      assert.deepEqual(two.files, {clouds: join(box.cwd, 'clouds.yaml')})
      const one = await resolveNamedCloud('InstanceOne', inputs)
      assert.equal(one.auth.password, 'one-pw')
    })

    it('applies the global TLS flags', async () => {
      box.write('cwd/clouds.yaml', TWO_CLOUDS)
      const two = await resolveNamedCloud('InstanceTwo', box.inputs({flags: {insecure: true, cacert: '/ca.pem'}, env: {OS_CERT: '/c.pem'}}))
      assert.equal(two.verify, false)
      assert.equal(two.cacert, '/ca.pem')
      assert.equal(two.cert, undefined)
    })

    it('resolves the env cloud by its name', async () => {
      const config = await resolveNamedCloud('envvars', box.inputs({env: ENV_CREDS}))
      assert.equal(config.auth.username, 'envuser')
    })

    it('fails on an unknown name, listing the clouds', async () => {
      const path = box.write('cwd/clouds.yaml', TWO_CLOUDS)
      await rejectsUsage(resolveNamedCloud('Nope', box.inputs()), `Cloud "Nope" was not found in ${path}.`, 'Known clouds: InstanceOne, InstanceTwo.')
    })
  })
})
