import {strict as assert} from 'node:assert'

import {AUTH_OPTIONS} from '../../../src/config/options.js'

const byFlag = new Map(AUTH_OPTIONS.map((option) => [option.flag, option]))

describe('config/options', () => {
  it('has every required flag, with the config key and env variables OSC uses', () => {
    const expected: [string, string, string[], boolean][] = [
      ['os-cloud', 'cloud', ['OS_CLOUD'], false],
      ['os-auth-type', 'auth_type', ['OS_AUTH_TYPE'], false],
      ['os-auth-url', 'auth_url', ['OS_AUTH_URL'], true],
      ['os-username', 'username', ['OS_USERNAME'], true],
      ['os-user-id', 'user_id', ['OS_USER_ID'], true],
      ['os-password', 'password', ['OS_PASSWORD'], true],
      ['os-project-name', 'project_name', ['OS_PROJECT_NAME', 'OS_TENANT_NAME'], true],
      ['os-project-id', 'project_id', ['OS_PROJECT_ID', 'OS_TENANT_ID'], true],
      ['os-user-domain-name', 'user_domain_name', ['OS_USER_DOMAIN_NAME'], true],
      ['os-user-domain-id', 'user_domain_id', ['OS_USER_DOMAIN_ID'], true],
      ['os-project-domain-name', 'project_domain_name', ['OS_PROJECT_DOMAIN_NAME'], true],
      ['os-project-domain-id', 'project_domain_id', ['OS_PROJECT_DOMAIN_ID'], true],
      ['os-domain-name', 'domain_name', ['OS_DOMAIN_NAME'], true],
      ['os-domain-id', 'domain_id', ['OS_DOMAIN_ID'], true],
      ['os-default-domain', 'default_domain', ['OS_DEFAULT_DOMAIN'], false],
      ['os-token', 'token', ['OS_TOKEN'], true],
      ['os-application-credential-id', 'application_credential_id', ['OS_APPLICATION_CREDENTIAL_ID'], true],
      ['os-application-credential-name', 'application_credential_name', ['OS_APPLICATION_CREDENTIAL_NAME'], true],
      ['os-application-credential-secret', 'application_credential_secret', ['OS_APPLICATION_CREDENTIAL_SECRET'], true],
      ['os-system-scope', 'system_scope', ['OS_SYSTEM_SCOPE'], true],
      ['os-region-name', 'region_name', ['OS_REGION_NAME'], false],
      ['os-interface', 'interface', ['OS_INTERFACE'], false],
      ['os-identity-api-version', 'identity_api_version', ['OS_IDENTITY_API_VERSION'], false],
      ['os-cacert', 'cacert', ['OS_CACERT'], false],
      ['os-cert', 'cert', ['OS_CERT'], false],
      ['os-key', 'key', ['OS_KEY'], false],
    ]
    for (const [flag, key, env, auth] of expected) {
      const option = byFlag.get(flag)
      assert.ok(option, flag)
      assert.equal(option.key, key, flag)
      assert.deepEqual(option.env, env, flag)
      assert.equal(option.auth, auth, flag)
      assert.equal(option.type, 'string', flag)
    }
  })

  it('has --insecure and --verify as booleans without env variables', () => {
    for (const flag of ['insecure', 'verify']) {
      const option = byFlag.get(flag)
      assert.ok(option)
      assert.equal(option.type, 'boolean')
      assert.deepEqual(option.env, [])
      assert.equal(option.key, flag)
    }
  })

  it('marks the secrets', () => {
    const secrets = AUTH_OPTIONS.filter((option) => option.secret).map((option) => option.flag)
    assert.deepEqual(secrets.sort(), ['os-application-credential-secret', 'os-password', 'os-token'])
  })

  it('limits --os-interface to OSC choices', () => {
    assert.deepEqual(byFlag.get('os-interface')?.choices, ['admin', 'public', 'internal'])
  })

  it('uses OSC help wording, one line, without the (Env: ...) suffix', () => {
    assert.equal(byFlag.get('os-auth-url')?.description, 'Authentication URL')
    assert.equal(byFlag.get('os-password')?.description, "User's password")
    assert.equal(byFlag.get('os-cloud')?.description, 'Cloud name in clouds.yaml')
    assert.equal(byFlag.get('insecure')?.description, 'Disable server certificate verification')
    assert.equal(byFlag.get('verify')?.description, 'Verify server certificate (default)')
    for (const option of AUTH_OPTIONS) {
      assert.ok(option.description.length > 0, option.flag)
      assert.ok(!option.description.includes('\n'), option.flag)
      assert.ok(!option.description.includes('(Env:'), option.flag)
    }
  })

  it('has unique flags and keys, and keys derived from flag names', () => {
    assert.equal(new Set(AUTH_OPTIONS.map((o) => o.flag)).size, AUTH_OPTIONS.length)
    assert.equal(new Set(AUTH_OPTIONS.map((o) => o.key)).size, AUTH_OPTIONS.length)
    for (const option of AUTH_OPTIONS.filter((o) => o.auth)) assert.equal(option.key, option.flag.slice(3).replaceAll('-', '_'))
  })
})
