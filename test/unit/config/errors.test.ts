import {strict as assert} from 'node:assert'
import {join} from 'node:path'

import {type CloudConfig, checkAuth, listCloudNames, resetConfigCache, resolveHomeCloud} from '../../../src/config/index.js'
import {Sandbox, cloudConfig, rejectsUsage, throwsUsage} from './helpers.js'

const CREDENTIALS = 'give credentials with --os-auth-url/OS_AUTH_URL, --os-username/OS_USERNAME, --os-password/OS_PASSWORD and --os-project-name/OS_PROJECT_NAME'

function cloud(partial: Partial<CloudConfig>): CloudConfig {
  return cloudConfig({name: 'c', ...partial})
}

describe('config errors', () => {
  let box: Sandbox
  beforeEach(() => {
    resetConfigCache()
    box = new Sandbox()
  })
  afterEach(() => box.remove())

  const searched = (): string =>
    `Searched clouds.yaml, clouds.yml and clouds.json in: ${box.cwd}, ${join(box.home, '.config/openstack')}, ${join(box.etc, 'openstack')}.`

  describe('unknown cloud', () => {
    it('names the cloud, where it was asked for, the file and the clouds that exist', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  InstanceOne: {}\n  InstanceTwo: {}\n')
      await rejectsUsage(resolveHomeCloud(box.inputs({env: {OS_CLOUD: 'InstanceThree'}})), `Cloud "InstanceThree" (from OS_CLOUD) was not found in ${path}.`, 'Known clouds: InstanceOne, InstanceTwo.')
      await rejectsUsage(resolveHomeCloud(box.inputs({cloud: 'x'})), `Cloud "x" (from --os-cloud) was not found in ${path}.`, 'Known clouds: InstanceOne, InstanceTwo.')
    })

    it('names both files when secure.yaml exists, and lists envvars', async () => {
      const clouds = box.write('cwd/clouds.yaml', 'clouds:\n  a: {}\n')
      const secure = box.write('cwd/secure.yaml', 'clouds:\n  a: {}\n')
      await rejectsUsage(
        resolveHomeCloud(box.inputs({cloud: 'x', env: {OS_USERNAME: 'u'}})),
        `Cloud "x" (from --os-cloud) was not found in ${clouds} and ${secure}.`,
        'Known clouds: a, envvars.',
      )
    })

    it('lists the directories searched when there is no clouds.yaml', async () => {
      await rejectsUsage(resolveHomeCloud(box.inputs({cloud: 'x'})), 'Cloud "x" (from --os-cloud) was not found: no clouds.yaml file exists.', searched())
      await rejectsUsage(
        resolveHomeCloud(box.inputs({cloud: 'x', env: {OS_CLIENT_CONFIG_FILE: '/no/such.yaml'}})),
        'Cloud "x" (from --os-cloud) was not found: no clouds.yaml file exists.',
        `Searched /no/such.yaml (OS_CLIENT_CONFIG_FILE), then clouds.yaml, clouds.yml and clouds.json in: ${box.cwd}, ${join(box.home, '.config/openstack')}, ${join(box.etc, 'openstack')}.`,
      )
    })

    it('does not find envvars when no OS_* variable defines it', async () => {
      await rejectsUsage(resolveHomeCloud(box.inputs({cloud: 'envvars'})), 'Cloud "envvars" (from --os-cloud) was not found: no clouds.yaml file exists.')
    })
  })

  describe('no cloud', () => {
    it('says nothing is configured, and where it looked', async () => {
      await rejectsUsage(
        resolveHomeCloud(box.inputs()),
        'No cloud is configured: no clouds.yaml file exists and no OS_* credentials are set.',
        `Define a cloud in clouds.yaml and select it with --os-cloud or OS_CLOUD, or ${CREDENTIALS}. ${searched()}`,
      )
    })

    it('says the file defines no clouds', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds: {}\n')
      await rejectsUsage(
        resolveHomeCloud(box.inputs()),
        `No cloud is configured: ${path} defines no clouds and no OS_* credentials are set.`,
        `Define a cloud in clouds.yaml and select it with --os-cloud or OS_CLOUD, or ${CREDENTIALS}.`,
      )
    })

    it('asks to choose when several clouds exist', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  InstanceOne: {}\n  InstanceTwo: {}\n')
      await rejectsUsage(resolveHomeCloud(box.inputs()), `No cloud is selected: ${path} defines 2 clouds (InstanceOne, InstanceTwo).`, `Choose one with --os-cloud or OS_CLOUD, or ${CREDENTIALS}.`)
    })
  })

  describe('env cloud name conflict', () => {
    it('fails when clouds.yaml defines a cloud named envvars', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  envvars: {}\n')
      await rejectsUsage(
        listCloudNames(box.inputs()),
        `${path} defines a cloud named "envvars", which is also the name of the cloud made of OS_* environment variables.`,
        `Rename that cloud in ${path}, or set OS_CLOUD_NAME to another name.`,
      )
    })

    it('fails when OS_CLOUD_NAME names a file cloud', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  InstanceOne: {}\n')
      await rejectsUsage(
        resolveHomeCloud(box.inputs({env: {OS_CLOUD_NAME: 'InstanceOne', OS_CLOUD: 'InstanceOne'}})),
        `${path} defines a cloud named "InstanceOne", which is also the name of the cloud made of OS_* environment variables (OS_CLOUD_NAME=InstanceOne).`,
      )
    })
  })

  describe('profiles', () => {
    it('fails on a profile that clouds-public.yaml does not define', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    profile: vexxhost\n')
      const path = box.write('home/.config/openstack/clouds-public.yaml', 'public-clouds:\n  other: {}\n')
      await rejectsUsage(
        resolveHomeCloud(box.inputs()),
        `Profile "vexxhost" of cloud "c" was not found in ${path}.`,
        "Profiles defined there: other. openstacksdk's built-in vendor profiles are not included: copy the profile under public-clouds: in clouds-public.yaml.",
      )
    })

    it('fails on a profile when there is no clouds-public.yaml', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    profile: vexxhost\n')
      await rejectsUsage(
        resolveHomeCloud(box.inputs()),
        'Profile "vexxhost" of cloud "c" was not found: no clouds-public.yaml file exists.',
        `Searched for clouds-public.yaml, clouds-public.yml and clouds-public.json in: ${box.cwd}, ${join(box.home, '.config/openstack')}, ${join(box.etc, 'openstack')}. openstacksdk's built-in vendor profiles are not included: copy the profile under public-clouds: in clouds-public.yaml.`,
      )
    })

    it('reports a wrong type in clouds-public.yaml', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    profile: v\n')
      const path = box.write('cwd/clouds-public.yaml', 'public-clouds:\n  v:\n    auth:\n      auth_url: [a]\n')
      await rejectsUsage(resolveHomeCloud(box.inputs()), `Invalid ${path}: public-clouds.v.auth.auth_url: expected a string, got a list`)
    })
  })

  describe('values', () => {
    it('fails on a region the cloud does not have', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    regions: [R1, R2]\n')
      await rejectsUsage(
        resolveHomeCloud(box.inputs({flags: {region_name: 'R3'}})),
        'Region "R3" is not a valid region name for cloud "c". Valid choices are R1, R2. Region names are case sensitive.',
        'Choose a region with --os-region-name or OS_REGION_NAME, or leave it out to use the first one.',
      )
    })

    it('fails on an invalid interface', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    interface: private\n')
      await rejectsUsage(
        resolveHomeCloud(box.inputs()),
        'Invalid interface "private" for cloud "c": expected public, internal or admin.',
        'Set --os-interface, OS_INTERFACE or interface: in clouds.yaml to public, internal or admin.',
      )
    })

    it('fails on an invalid OS_API_TIMEOUT in the env cloud', async () => {
      await rejectsUsage(resolveHomeCloud(box.inputs({env: {OS_AUTH_URL: 'http://x', OS_API_TIMEOUT: 'soon'}})), 'Invalid api_timeout "soon" for cloud "envvars": expected a number of seconds.')
    })

    it('fails on --verify with --insecure', async () => {
      await rejectsUsage(resolveHomeCloud(box.inputs({env: {OS_AUTH_URL: 'http://x'}, flags: {verify: true, insecure: true}})), '--verify and --insecure cannot be used together.', 'Give one of them.')
    })
  })

  describe('checkAuth', () => {
    const ok = {auth_url: 'http://x', username: 'u', password: 'p'}

    it('accepts complete credentials of each kind', () => {
      checkAuth(cloud({auth: ok}))
      checkAuth(cloud({auth: {auth_url: 'http://x', user_id: 'uid', password: 'p'}, authType: 'v3password'}))
      checkAuth(cloud({auth: {auth_url: 'http://x', token: 't'}, authType: 'token'}))
      checkAuth(cloud({auth: {auth_url: 'http://x', application_credential_id: 'i', application_credential_secret: 's'}, authType: 'v3applicationcredential'}))
      checkAuth(cloud({auth: {auth_url: 'http://x', application_credential_name: 'n', username: 'u', application_credential_secret: 's'}, authType: 'v3applicationcredential'}))
      checkAuth(cloud({auth: {endpoint: 'http://e', token: 't'}, authType: 'admin_token'}))
      checkAuth(cloud({auth: {}, authType: 'none'}))
    })

    it('says which flag, variable or key provides the auth_url', () => {
      throwsUsage(
        () => checkAuth(cloud({name: 'InstanceOne', auth: {username: 'u', password: 'p'}, files: {clouds: '/x/clouds.yaml'}})),
        'Missing parameter(s) for cloud "InstanceOne" (auth type password):\nSet an authentication URL, with --os-auth-url, OS_AUTH_URL or auth.auth_url',
        'The cloud "InstanceOne" is defined in /x/clouds.yaml.',
      )
    })

    it('lists every missing password credential, in OSC order', () => {
      throwsUsage(
        () => checkAuth(cloud({name: 'envvars', auth: {project_name: 'p', default_domain: 'default'}})),
        'Missing parameter(s) for cloud "envvars" (auth type password):\n' +
          'Set a username with --os-username, OS_USERNAME, or auth.username or set a user-id with --os-user-id, OS_USER_ID, or auth.user_id\n' +
          'Set an authentication URL, with --os-auth-url, OS_AUTH_URL or auth.auth_url\n' +
          'Set a password with --os-password, OS_PASSWORD or auth.password',
        'This cloud is made of --os-* flags and OS_* environment variables.',
      )
    })

    it('asks for a cloud when there are no credentials at all', () => {
      throwsUsage(
        () => checkAuth(cloud({auth: {default_domain: 'default', project_domain_id: 'default', user_domain_id: 'default'}})),
        'Missing parameter(s) for cloud "c" (auth type password):\nSet a cloud-name with --os-cloud or OS_CLOUD',
      )
    })

    it('asks for a token for token types', () => {
      throwsUsage(() => checkAuth(cloud({auth: {auth_url: 'http://x', project_id: 'p'}, authType: 'v3token'})), 'Missing parameter(s) for cloud "c" (auth type v3token):\nSet a token with --os-token, OS_TOKEN or auth.token')
    })

    it('asks for the application credential id (or name and user) and secret', () => {
      throwsUsage(
        () => checkAuth(cloud({auth: {auth_url: 'http://x', application_credential_name: 'n'}, authType: 'v3applicationcredential'})),
        'Missing parameter(s) for cloud "c" (auth type v3applicationcredential):\n' +
          'Set an application credential ID with --os-application-credential-id, OS_APPLICATION_CREDENTIAL_ID or auth.application_credential_id, or its name (--os-application-credential-name, OS_APPLICATION_CREDENTIAL_NAME or auth.application_credential_name) and its user (--os-username or --os-user-id)\n' +
          'Set an application credential secret with --os-application-credential-secret, OS_APPLICATION_CREDENTIAL_SECRET or auth.application_credential_secret',
      )
    })

    it('asks for the endpoint and token of admin_token', () => {
      throwsUsage(
        () => checkAuth(cloud({auth: {token: 't'}, authType: 'admin_token'})),
        'Missing parameter(s) for cloud "c" (auth type admin_token):\nSet an endpoint with --os-endpoint, OS_ENDPOINT or auth.endpoint',
      )
    })

    it('checks a resolved env cloud end to end', async () => {
      const config = await resolveHomeCloud(box.inputs({env: {OS_USERNAME: 'u', OS_PASSWORD: 'p'}}))
      assert.throws(() => checkAuth(config), /Set an authentication URL/)
    })
  })
})
