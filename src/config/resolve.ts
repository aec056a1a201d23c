/**
 * From the loaded files and the environment to one CloudConfig, in openstacksdk's order:
 * defaults → vendor profile → cloud entry (auth merged key by key) → the selected region's
 * `values` → `--os-*` flags and `OS_*` variables; then OSC's fix-ups (legacy names, domains,
 * auth type, default domain). Pure apart from reading clouds-public.yaml on demand.
 */
import {isAbsolute, join, resolve} from 'node:path'

import {UsageError} from '../errors.js'
import type {Entry, LoadedFiles} from './files.js'
import {normaliseKeys} from './files.js'
import type {AuthOptions, CloudConfig, ConfigInputs} from './types.js'
import {AUTH_OPTIONS, SELECTOR_KEYS} from './options.js'

/** openstacksdk's defaults.json, less auth_type/interface (decided below) and vendor status fields. */
const SDK_DEFAULTS: Entry = {
  baremetal_status_code_retries: '5',
  baremetal_introspection_status_code_retries: '5',
  image_status_code_retries: '5',
  disable_vendor_agent: {},
  floating_ip_source: 'neutron',
  image_api_use_tasks: false,
  image_format: 'qcow2',
  network_api_version: '2',
  object_store_api_version: '1',
  secgroup_source: 'neutron',
}

/** OS_* variables that only select a cloud or a file: alone, they do not make an `envvars` cloud. */
const ENV_SELECTORS = new Set(['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME', 'OS_SCOPE'])
/** Keys of the env cloud that are selectors, not settings (OS_PROFILE is osprofiler's key in OSC, not a vendor profile). */
const ENV_ENTRY_DROP = ['cloud', 'cloud_name', 'client_config_file', 'client_secure_file', 'region_name', 'scope', 'profile']

/**
 * Auth keys for which openstacksdk (`_fix_backwards_project`) reads the legacy spellings first and
 * the `auth:` value last, so `auth:` wins over the top level.
 */
const AUTH_WINS: Record<string, string[]> = {
  domain_id: ['domain_id'],
  domain_name: ['domain_name'],
  user_domain_id: ['user_domain_id'],
  user_domain_name: ['user_domain_name'],
  project_domain_id: ['project_domain_id'],
  project_domain_name: ['project_domain_name'],
  token: ['auth_token', 'token'],
  project_id: ['tenant_id', 'project_id'],
  project_name: ['tenant_name', 'project_name'],
}

/** Auth keys for which the top-level value wins (OSC's `_validate_auth` looks there first). */
const TOP_WINS = ['auth_url', 'username', 'user_id', 'password', 'endpoint', 'application_credential_id', 'application_credential_name', 'application_credential_secret', 'system_scope']

const AUTH_FIELDS: (keyof AuthOptions)[] = [...TOP_WINS, ...Object.keys(AUTH_WINS)] as (keyof AuthOptions)[]

const DOMAIN_PROPS = ['project_domain_id', 'project_domain_name', 'user_domain_id', 'user_domain_name']

/** Keys represented by CloudConfig fields; everything else goes to `extra`. */
const KNOWN_KEYS = new Set([
  'auth',
  'auth_type',
  'auth_plugin',
  'profile',
  'cloud',
  'region_name',
  'regions',
  'interface',
  'endpoint_type',
  'identity_api_version',
  'verify',
  'insecure',
  'cacert',
  'cert',
  'key',
  'api_timeout',
  'openstackoid',
  'default_domain',
  'user_name',
  'tenant_name',
  'tenant_id',
  'auth_token',
  ...AUTH_FIELDS,
])

export function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== ''
}

function isMapping(value: unknown): value is Entry {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function text(value: unknown): string | undefined {
  return present(value) ? String(value) : undefined
}

/** openstacksdk's `_auth_update`: assign, but merge the nested `auth` mapping key by key. */
function authUpdate(target: Entry, source: Entry, skipNull = false): void {
  for (const [key, value] of Object.entries(source)) {
    if (skipNull && value === null) continue
    if (key === 'auth' && isMapping(value)) target.auth = {...(isMapping(target.auth) ? target.auth : {}), ...value}
    else target[key] = isMapping(value) ? {...value} : value
  }
}

/** The name the cloud built from OS_* variables gets. */
export function envCloudName(env: ConfigInputs['env']): string {
  return env.OS_CLOUD_NAME || 'envvars'
}

/** openstacksdk's `_get_os_environ`: every OS_* variable, lower-cased without the prefix; none if only selectors are set. */
export function envCloudEntry(env: ConfigInputs['env']): Entry | undefined {
  const keys = Object.keys(env).filter((key) => key.startsWith('OS_') && env[key] !== undefined && !/^OS_(TEST|STD|LOG)/.test(key))
  if (!keys.some((key) => !ENV_SELECTORS.has(key))) return undefined
  const entry: Entry = {}
  for (const key of keys) entry[key.slice(3).toLowerCase()] = env[key]
  for (const key of ENV_ENTRY_DROP) delete entry[key]
  return entry
}

/** Values of the `--os-*` flags, else of their OS_* variables: what OSC's argparse defaults give. */
export function cliOverrides(inputs: Pick<ConfigInputs, 'env' | 'flags'>): Entry {
  const out: Entry = {}
  // Per-service API versions (OSC registers --os-<service>-api-version with OS_<SERVICE>_API_VERSION).
  const apiVersions: Entry = {}
  for (const [name, value] of Object.entries(inputs.env)) {
    const match = /^OS_([A-Z0-9_]+_API_VERSION)$/.exec(name)
    if (match && value) apiVersions[match[1].toLowerCase()] = value
  }

  for (const [key, value] of Object.entries(inputs.flags)) {
    if (typeof value === 'string' && value !== '' && key !== 'cloud') out[key] = value
  }

  // Per-service versions from the environment lose to their flags; the table's variables likewise.
  for (const [key, value] of Object.entries(apiVersions)) if (!(key in out)) out[key] = value

  for (const option of AUTH_OPTIONS) {
    if (option.type === 'boolean' || option.key === 'cloud' || option.key in out) continue
    const variable = option.env.find((name) => inputs.env[name])
    if (variable) out[option.key] = inputs.env[variable]
  }

  return out
}

/** Whether the flags carry credentials (not only a selector or a TLS setting): then they make a cloud of their own, as in OSC. */
export function flagsMakeCloud(flags: ConfigInputs['flags']): boolean {
  return Object.entries(flags).some(([key, value]) => typeof value === 'string' && value !== '' && key !== 'cloud' && !SELECTOR_KEYS.has(key) && !key.endsWith('_api_version'))
}

interface Region {
  name: string
  values: Entry
}

function expandRegions(value: unknown): Region[] | undefined {
  if (Array.isArray(value)) {
    return value.map((region) => (isMapping(region) ? {name: String(region.name), values: isMapping(region.values) ? region.values : {}} : {name: String(region), values: {}}))
  }

  return undefined
}

/** openstacksdk's `_get_known_regions`: `regions:`, else `region_name` (a list, or comma-separated), else the profile's. */
function knownRegions(entry: Entry | undefined): Region[] | undefined {
  if (!entry) return undefined
  if ('regions' in entry && entry.regions != null) return expandRegions(entry.regions)
  if (present(entry.region_name)) {
    const names = Array.isArray(entry.region_name) ? entry.region_name.map(String) : String(entry.region_name).split(',')
    return names.map((name) => ({name, values: {}}))
  }

  return undefined
}

/** Moves auth keys written at the top level (or under legacy names) into `auth`, with openstacksdk/OSC's precedence. */
function hoistAuth(config: Entry): Entry {
  const auth: Entry = isMapping(config.auth) ? {...config.auth} : {}
  const take = (from: Entry, key: string): unknown => {
    const value = from[key]
    delete from[key]
    return value
  }

  for (const [target, keys] of Object.entries(AUTH_WINS)) {
    let value: unknown
    for (const key of keys) {
      const top = take(config, key)
      if (present(top)) value = top
      const nested = take(auth, key)
      if (present(nested)) value = nested
    }

    if (value !== undefined) auth[target] = value
  }

  // keystoneauth's deprecated `user-name` for `username`.
  const userName = take(config, 'user_name') ?? take(auth, 'user_name')
  if (!present(config.username) && !present(auth.username) && present(userName)) auth.username = userName
  for (const key of TOP_WINS) {
    const top = take(config, key)
    if (present(top)) auth[key] = top
  }

  config.auth = auth
  return auth
}

function fail(message: string, hint?: string): never {
  throw new UsageError(message, hint ? {hint} : {})
}

function toBoolean(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  const word = String(value).toLowerCase()
  if (['true', 'yes', 'on', '1'].includes(word)) return true
  if (['false', 'no', 'off', '0', ''].includes(word)) return false
  return fallback
}

function normaliseInterface(value: unknown, cloud: string): 'public' | 'internal' | 'admin' {
  const match = /^(public|internal|admin)(url)?$/i.exec(String(value))
  if (!match) {
    fail(
      `Invalid interface "${String(value)}" for cloud "${cloud}": expected public, internal or admin.`,
      'Set --os-interface, OS_INTERFACE or interface: in clouds.yaml to public, internal or admin.',
    )
  }

  return match[1].toLowerCase() as 'public' | 'internal' | 'admin'
}

function expandPath(value: unknown, inputs: {home: string; cwd: string}): string | undefined {
  const path = text(value)
  if (path === undefined) return undefined
  if (path === '~' || path.startsWith('~/')) return join(inputs.home, path.slice(1))
  return isAbsolute(path) ? path : resolve(inputs.cwd, path)
}

/** openstacksdk's normalize_keys for values: numbers become strings (except api_timeout), in nested mappings. */
function stringifyNumbers(value: unknown): unknown {
  if (typeof value === 'number') return String(value)
  if (!isMapping(value)) return value
  const out: Entry = {}
  for (const [key, inner] of Object.entries(value)) out[key] = stringifyNumbers(inner)
  return out
}

/** How one cloud is to be built. */
export interface BuildContext {
  envKey: string
  /** The `--os-*` flag / OS_* values that override the files (home cloud); {} for a --scope instance. */
  overrides: Entry
  /** --insecure / --verify / --os-cacert: global, they apply to every cloud. */
  flags: ConfigInputs['flags']
  home: string
  cwd: string
  loaded: LoadedFiles
  /** The entry comes from the files (else from OS_* variables and flags). */
  fromFile: boolean
}

/** Step 1: the vendor profile (`profile:`, or its old name `cloud:`) from clouds-public.yaml, merged into `config`. */
async function applyProfile(config: Entry, name: string, entry: Entry, ctx: BuildContext): Promise<Entry | undefined> {
  const profileName = text(entry.profile) ?? text(entry.cloud)
  if (profileName === undefined || profileName === ctx.envKey) return undefined
  const profiles = await ctx.loaded.profiles()
  const profile = profiles[profileName]
  if (!profile) {
    const file = ctx.loaded.files.publicClouds
    const known = Object.keys(profiles)
    fail(
      file
        ? `Profile "${profileName}" of cloud "${name}" was not found in ${file}.`
        : `Profile "${profileName}" of cloud "${name}" was not found: no clouds-public.yaml file exists.`,
      (file
        ? known.length > 0
          ? `Profiles defined there: ${known.join(', ')}.`
          : 'It defines no profiles under public-clouds:.'
        : `Searched for clouds-public.yaml, clouds-public.yml and clouds-public.json in: ${ctx.loaded.searchDirs.join(', ')}.`) +
        " openstacksdk's built-in vendor profiles are not included: copy the profile under public-clouds: in clouds-public.yaml.",
    )
  }

  authUpdate(config, profile)
  return profile
}

/** Step 2: the cloud entry itself, over the profile. */
function applyEntry(config: Entry, entry: Entry): void {
  authUpdate(config, entry)
  delete config.profile
  delete config.cloud
}

/** Step 3a: the region asked for (home: --os-region-name / OS_REGION_NAME), else the first known one; known = the entry's, else the profile's. */
function pickRegion(name: string, known: Region[], requested: string): Region {
  if (known.length === 0) return {name: requested, values: {}}
  if (requested === '') return known[0]
  const found = known.find((candidate) => candidate.name === requested)
  if (!found) {
    fail(
      `Region "${requested}" is not a valid region name for cloud "${name}". Valid choices are ${known.map((r) => r.name).join(', ')}. Region names are case sensitive.`,
      'Choose a region with --os-region-name or OS_REGION_NAME, or leave it out to use the first one.',
    )
  }

  return found
}

/** Step 3b: the region's `values` over the entry (nulls skipped), and its name. */
function applyRegion(config: Entry, region: Region): void {
  delete config.regions
  authUpdate(config, normaliseKeys(region.values) as Entry, true)
  config.region_name = region.name
}

/** Step 4: legacy spellings, endpoint_type → interface (also <service>_endpoint_type). */
function renameEndpointTypes(config: Entry): void {
  for (const key of Object.keys(config)) {
    if (key.endsWith('endpoint_type')) {
      config[key.replace(/endpoint_type$/, 'interface')] = config[key]
      delete config[key]
    }
  }
}

/** Step 5: the `--os-*` flags and OS_* variables (home cloud only), auth keys into `auth`. */
function applyOverrides(config: Entry, auth: Entry, overrides: Entry): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (key === 'region_name') continue
    if ((AUTH_FIELDS as string[]).includes(key)) auth[key] = value
    else config[key] = value
  }
}

/** Step 6: openstacksdk's _handle_domain_id: with a project, domain_id/domain_name are shorthands for both domains. */
function expandDomainShorthands(auth: Entry): void {
  if (!present(auth.project_id) && !present(auth.project_name)) return
  for (const [shorthand, targets] of [
    ['domain_id', ['user_domain_id', 'project_domain_id']],
    ['domain_name', ['user_domain_name', 'project_domain_name']],
  ] as const) {
    for (const target of targets) if (present(auth[shorthand]) && !present(auth[target])) auth[target] = auth[shorthand]
    delete auth[shorthand]
  }
}

/** Step 7: the auth type, given or guessed from the credentials as openstacksdk/OSC do. */
function decideAuthType(config: Entry, auth: Entry, overrides: Entry): string {
  const explicit = 'auth_type' in config ? config.auth_type : config.auth_plugin
  if (present(explicit)) {
    const authType = String(explicit)
    if (authType === 'token_endpoint') return 'admin_token'
    if (authType === 'None') return 'none'
    return authType
  }

  if (present(overrides.endpoint) && present(overrides.token)) return 'admin_token'
  if (present(auth.token) && !present(auth.username) && !present(auth.user_id) && !present(auth.password)) return 'token'
  if (present(auth.application_credential_secret) && !present(auth.password) && !present(auth.token)) return 'v3applicationcredential'
  return 'password'
}

/** Step 8: osc-lib's auth_config_hook: no domains for v2 passwords; the default domain for v3 passwords. */
function applyDomainDefaults(auth: Entry, authType: string, identityApiVersion: string, defaultDomain: string): void {
  if (identityApiVersion.startsWith('2') && authType.endsWith('password')) for (const key of DOMAIN_PROPS) delete auth[key]
  if (identityApiVersion === '3' && ['password', 'v3password', 'v3totp'].includes(authType)) {
    if (!present(auth.project_domain_id) && !present(auth.project_domain_name)) auth.project_domain_id = defaultDomain
    if (!present(auth.user_domain_id) && !present(auth.user_domain_name)) auth.user_domain_id = defaultDomain
  }
}

/** Step 9: auth_url may name other settings: "https://{region_name}.example.com/v3". */
function substituteAuthUrl(auth: Entry, config: Entry): void {
  if (!present(auth.auth_url)) return
  auth.auth_url = String(auth.auth_url).replace(/\{(\w+)\}/g, (whole, key: string) => (present(config[key]) && typeof config[key] !== 'object' ? String(config[key]) : whole))
}

type Connection = Pick<CloudConfig, 'interface' | 'verify' | 'cacert' | 'cert' | 'key' | 'apiTimeout'>

/** Step 10: interface, TLS (the global --insecure/--verify/--os-cacert flags win) and time-out, validated. */
function connectionSettings(config: Entry, name: string, ctx: BuildContext): Connection {
  const interfaceName = normaliseInterface(present(config.interface) ? config.interface : 'public', name)
  let verify = toBoolean(config.verify, true)
  if (toBoolean(config.insecure, false)) verify = false
  if (ctx.flags.insecure === true && ctx.flags.verify === true) fail('--verify and --insecure cannot be used together.', 'Give one of them.')
  if (ctx.flags.verify === true) verify = true
  if (ctx.flags.insecure === true) verify = false
  const cacertFlag = typeof ctx.flags.cacert === 'string' && ctx.flags.cacert !== '' ? ctx.flags.cacert : undefined

  let apiTimeout: number | undefined
  if (present(config.api_timeout)) {
    apiTimeout = Number(config.api_timeout)
    if (!(apiTimeout > 0)) fail(`Invalid api_timeout "${String(config.api_timeout)}" for cloud "${name}": expected a number of seconds.`)
  }

  return {
    interface: interfaceName,
    verify,
    cacert: expandPath(cacertFlag ?? config.cacert, ctx),
    cert: expandPath(config.cert, ctx),
    key: expandPath(config.key, ctx),
    apiTimeout,
  }
}

/** The auth options as strings, the known fields only, plus the default domain. */
function authOptions(auth: Entry, defaultDomain: string): AuthOptions {
  const out: AuthOptions = {}
  for (const key of AUTH_FIELDS) {
    const value = text(auth[key])
    if (value !== undefined) out[key] = value
  }

  out.default_domain = defaultDomain
  return out
}

/** Every merged key that has no CloudConfig field, numbers as strings. */
function extraKeys(config: Entry): Record<string, unknown> {
  const extra: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(config)) if (!KNOWN_KEYS.has(key)) extra[key] = stringifyNumbers(value)
  return extra
}

/** The files the cloud came from, for error messages. */
function sourceFiles(name: string, profile: Entry | undefined, ctx: BuildContext): CloudConfig['files'] {
  const files: CloudConfig['files'] = {}
  if (ctx.fromFile) {
    if (ctx.loaded.files.clouds && ctx.loaded.cloudsIn.clouds.has(name)) files.clouds = ctx.loaded.files.clouds
    if (ctx.loaded.files.secure && ctx.loaded.cloudsIn.secure.has(name)) files.secure = ctx.loaded.files.secure
    if (profile) files.publicClouds = ctx.loaded.files.publicClouds
  }

  return files
}

/** One cloud: defaults → profile → entry → region → legacy names → overrides → OSC's fix-ups → CloudConfig. */
export async function buildCloud(name: string, entry: Entry, ctx: BuildContext): Promise<CloudConfig> {
  const config: Entry = {...SDK_DEFAULTS, auth: {}}
  const profile = await applyProfile(config, name, entry, ctx)
  applyEntry(config, entry)
  const known = knownRegions(entry) ?? knownRegions(profile) ?? []
  applyRegion(config, pickRegion(name, known, text(ctx.overrides.region_name) ?? ''))
  renameEndpointTypes(config)
  const auth = hoistAuth(config)
  applyOverrides(config, auth, ctx.overrides)
  expandDomainShorthands(auth)
  const authType = decideAuthType(config, auth, ctx.overrides)
  const identityApiVersion = text(config.identity_api_version) ?? '3'
  const defaultDomain = text(ctx.overrides.default_domain) ?? text(config.default_domain) ?? 'default'
  applyDomainDefaults(auth, authType, identityApiVersion, defaultDomain)
  substituteAuthUrl(auth, config)
  const connection = connectionSettings(config, name, ctx)

  return {
    name,
    authType,
    auth: authOptions(auth, defaultDomain),
    regionName: text(config.region_name),
    interface: connection.interface,
    identityApiVersion,
    verify: connection.verify,
    cacert: connection.cacert,
    cert: connection.cert,
    key: connection.key,
    apiTimeout: connection.apiTimeout,
    openstackoid: toBoolean(config.openstackoid, false),
    regions: known.map((r) => r.name),
    files: sourceFiles(name, profile, ctx),
    extra: extraKeys(config),
  }
}
