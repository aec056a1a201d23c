/**
 * The auth and connection options the CLI exposes as `--os-*` flags, with the environment variables
 * and clouds.yaml keys that carry the same value (osc-lib `shell.py` and `api/auth.py`, keystoneauth
 * plugin options). src/cli builds its flags from this table; flags never read the environment: the
 * variables listed here are read by src/config only.
 *
 * This module has no imports so that building the flags costs nothing.
 */

export interface AuthOption {
  /** Flag name without the dashes: `os-auth-url`. */
  flag: string
  /** Config key (clouds.yaml, and the key of ConfigInputs.flags): `auth_url`. */
  key: string
  /** Environment variables, first one wins; the first is the documented one. Empty: no variable. */
  env: readonly string[]
  type: 'string' | 'boolean'
  /** Lives under `auth:` in clouds.yaml (else at the top level of the cloud entry). */
  auth: boolean
  /** Never print it (passwords, tokens, secrets). */
  secret: boolean
  /** One line, OSC's help wording, without the "(Env: ...)" suffix. */
  description: string
  choices?: readonly string[]
}

function auth(flag: string, env: string[], description: string, secret = false): AuthOption {
  return {flag, key: flag.slice(3).replaceAll('-', '_'), env, type: 'string', auth: true, secret, description}
}

function top(flag: string, key: string, env: string[], description: string, extra: Partial<AuthOption> = {}): AuthOption {
  return {flag, key, env, type: 'string', auth: false, secret: false, description, ...extra}
}

export const AUTH_OPTIONS: readonly AuthOption[] = [
  top('os-cloud', 'cloud', ['OS_CLOUD'], 'Cloud name in clouds.yaml'),
  top('os-auth-type', 'auth_type', ['OS_AUTH_TYPE'], 'Select an authentication type. Available types: password, v3password, v3applicationcredential, token, v3token, admin_token, none. Default: selected based on --os-username/--os-token'),
  auth('os-auth-url', ['OS_AUTH_URL'], 'Authentication URL'),
  auth('os-username', ['OS_USERNAME'], 'Username'),
  auth('os-user-id', ['OS_USER_ID'], 'User id'),
  auth('os-password', ['OS_PASSWORD'], "User's password", true),
  auth('os-project-name', ['OS_PROJECT_NAME', 'OS_TENANT_NAME'], 'Project name to scope to'),
  auth('os-project-id', ['OS_PROJECT_ID', 'OS_TENANT_ID'], 'Project ID to scope to'),
  auth('os-user-domain-name', ['OS_USER_DOMAIN_NAME'], "User's domain name"),
  auth('os-user-domain-id', ['OS_USER_DOMAIN_ID'], "User's domain id"),
  auth('os-project-domain-name', ['OS_PROJECT_DOMAIN_NAME'], 'Domain name containing project'),
  auth('os-project-domain-id', ['OS_PROJECT_DOMAIN_ID'], 'Domain ID containing project'),
  auth('os-domain-name', ['OS_DOMAIN_NAME'], 'Domain name to scope to'),
  auth('os-domain-id', ['OS_DOMAIN_ID'], 'Domain ID to scope to'),
  auth('os-system-scope', ['OS_SYSTEM_SCOPE'], 'Scope for system operations'),
  auth('os-token', ['OS_TOKEN'], 'Token to authenticate with', true),
  auth('os-endpoint', ['OS_ENDPOINT'], 'The endpoint that will always be used (with --os-token: admin_token authentication)'),
  auth('os-application-credential-id', ['OS_APPLICATION_CREDENTIAL_ID'], 'Application credential ID'),
  auth('os-application-credential-name', ['OS_APPLICATION_CREDENTIAL_NAME'], 'Application credential name'),
  auth('os-application-credential-secret', ['OS_APPLICATION_CREDENTIAL_SECRET'], 'Application credential auth secret', true),
  top('os-default-domain', 'default_domain', ['OS_DEFAULT_DOMAIN'], 'Default domain ID, default=default.'),
  top('os-region-name', 'region_name', ['OS_REGION_NAME'], 'Authentication region name'),
  top('os-interface', 'interface', ['OS_INTERFACE'], 'Select an interface type. Valid interface types: [admin, public, internal]. default=public,', {choices: ['admin', 'public', 'internal']}),
  top('os-identity-api-version', 'identity_api_version', ['OS_IDENTITY_API_VERSION'], 'Identity API version, default=3'),
  top('os-cacert', 'cacert', ['OS_CACERT'], 'CA certificate bundle file'),
  top('os-cert', 'cert', ['OS_CERT'], 'Client certificate bundle file'),
  top('os-key', 'key', ['OS_KEY'], 'Client certificate key file'),
  top('verify', 'verify', [], 'Verify server certificate (default)', {type: 'boolean'}),
  top('insecure', 'insecure', [], 'Disable server certificate verification', {type: 'boolean'}),
]

/** Config keys that live under `auth:` (from the table, plus legacy spellings handled by the resolver). */
export const AUTH_KEYS: ReadonlySet<string> = new Set(AUTH_OPTIONS.filter((o) => o.auth).map((o) => o.key))

/** Options whose value only selects a cloud or a region, or tunes the connection: they do not make an env/flag cloud. */
export const SELECTOR_KEYS: ReadonlySet<string> = new Set(['cloud', 'region_name', 'interface', 'identity_api_version', 'default_domain', 'cacert', 'cert', 'key', 'verify', 'insecure'])
