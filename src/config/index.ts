/**
 * Configuration, the way python-openstackclient reads it: clouds.yaml + secure.yaml (+ profiles
 * from clouds-public.yaml), OS_* variables and `--os-*` flags → one CloudConfig per instance.
 *
 *   files.ts    search path, parsing (yaml imported only when a file exists), zod check, merge
 *   schema.ts   the zod schema (imported only when a file exists)
 *   resolve.ts  merge order and OSC's fix-ups
 *   options.ts  the `--os-*` flag table (no imports)
 *   types.ts    CloudConfig, AuthOptions, ConfigInputs (types only: resolve.ts and index.ts both use them)
 *
 * The functions reading files are async (they import `yaml`/`zod` on demand); checkAuth is sync.
 */
import {UsageError} from '../errors.js'
import {type Entry, type LoadedFiles, loadFiles, oddCloudNamesOf} from './files.js'
import {buildCloud, cliOverrides, envCloudEntry, envCloudName, flagsMakeCloud} from './resolve.js'
import type {AuthOptions, CloudConfig, ConfigInputs} from './types.js'

export type {LoadedFiles} from './files.js'
export type {AuthOptions, AuthType, CloudConfig, ConfigInputs} from './types.js'
export {resetConfigCache} from './files.js'

type FileInputs = Pick<ConfigInputs, 'env' | 'cwd' | 'home' | 'systemDirs'>

/** The parsed files (clouds.yaml with secure.yaml deep-merged; profiles on demand), cached per process. */
export function loadCloudsFiles(inputs: FileInputs): Promise<LoadedFiles> {
  return loadFiles(inputs)
}

interface Known {
  loaded: LoadedFiles
  envKey: string
  envEntry?: Entry
}

async function known(inputs: FileInputs): Promise<Known> {
  const loaded = await loadFiles(inputs)
  const envKey = envCloudName(inputs.env)
  if (Object.hasOwn(loaded.clouds, envKey)) {
    const file = loaded.files.clouds ?? loaded.files.secure
    throw new UsageError(
      `${file} defines a cloud named "${envKey}", which is also the name of the cloud made of OS_* environment variables${inputs.env.OS_CLOUD_NAME ? ` (OS_CLOUD_NAME=${envKey})` : ''}.`,
      {hint: `Rename that cloud in ${file}, or set OS_CLOUD_NAME to another name.`},
    )
  }

  return {loaded, envKey, envEntry: envCloudEntry(inputs.env)}
}

function names(k: Known): string[] {
  const list = Object.keys(k.loaded.clouds)
  if (k.envEntry) list.push(k.envKey)
  return list
}

/** The cloud names known: clouds.yaml clouds, plus the OS_* cloud if variables define one. */
export async function listCloudNames(inputs: FileInputs): Promise<string[]> {
  return names(await known(inputs))
}

function searched(k: Known, env: ConfigInputs['env']): string {
  const override = env.OS_CLIENT_CONFIG_FILE ? `${env.OS_CLIENT_CONFIG_FILE} (OS_CLIENT_CONFIG_FILE), then ` : ''
  return `Searched ${override}clouds.yaml, clouds.yml and clouds.json in: ${k.loaded.searchDirs.join(', ')}.`
}

function unknownCloud(name: string, source: string | undefined, k: Known, env: ConfigInputs['env']): never {
  const from = source ? ` (from ${source})` : ''
  const files = [k.loaded.files.clouds, k.loaded.files.secure].filter(Boolean).join(' and ')
  const list = names(k)
  let knownText = list.length > 0 ? `Known clouds: ${list.join(', ')}.` : 'No clouds are defined.'
  // A name PyYAML reads as a boolean, number, date or null: OSC cannot select it either ("Cloud yes was not found.").
  const odd = oddCloudNamesOf([k.loaded.files.clouds, k.loaded.files.secure])
  const same = odd.find((key) => key.source === name)
  if (same) knownText = `The name ${same.source} in ${files} is read as ${same.reading} (YAML 1.1, as python-openstackclient reads it), not as text: quote it there ("${same.source}":). ${knownText}`
  else if (odd.length > 0) knownText += ` Names read as something else than text, to quote in the file: ${odd.map((key) => `${key.source} (${key.reading})`).join(', ')}.`
  throw new UsageError(
    files ? `Cloud "${name}"${from} was not found in ${files}.` : `Cloud "${name}"${from} was not found: no clouds.yaml file exists.`,
    {hint: files ? knownText : `${searched(k, env)}${list.length > 0 ? ` ${knownText}` : ''}`},
  )
}

/**
 * The home cloud, selected the OSC way: --os-cloud, else OS_CLOUD, else the cloud of OS_* variables
 * (or of credential flags), else the only clouds.yaml cloud. Flags, then OS_* variables, override
 * the file's values.
 */
export async function resolveHomeCloud(inputs: ConfigInputs): Promise<CloudConfig> {
  const k = await known(inputs)
  const flagCloud = typeof inputs.flags.cloud === 'string' ? inputs.flags.cloud : undefined
  const chosen = inputs.cloud || flagCloud || inputs.env.OS_CLOUD || undefined
  const source = inputs.cloud || flagCloud ? '--os-cloud' : 'OS_CLOUD'
  const base = {envKey: k.envKey, overrides: cliOverrides(inputs), flags: inputs.flags, home: inputs.home, cwd: inputs.cwd, loaded: k.loaded}

  let name: string
  if (chosen !== undefined) {
    if (Object.hasOwn(k.loaded.clouds, chosen)) return buildCloud(chosen, k.loaded.clouds[chosen], {...base, fromFile: true})
    if (chosen === k.envKey && (k.envEntry || flagsMakeCloud(inputs.flags))) return buildCloud(chosen, k.envEntry ?? {}, {...base, fromFile: false})
    unknownCloud(chosen, source, k, inputs.env)
  }

  if (k.envEntry || flagsMakeCloud(inputs.flags)) return buildCloud(k.envKey, k.envEntry ?? {}, {...base, fromFile: false})

  const fileClouds = Object.keys(k.loaded.clouds)
  if (fileClouds.length === 1) {
    name = fileClouds[0]
    return buildCloud(name, k.loaded.clouds[name], {...base, fromFile: true})
  }

  const credentials = 'give credentials with --os-auth-url/OS_AUTH_URL, --os-username/OS_USERNAME, --os-password/OS_PASSWORD and --os-project-name/OS_PROJECT_NAME'
  const file = k.loaded.files.clouds ?? k.loaded.files.secure
  if (fileClouds.length === 0) {
    throw new UsageError(
      file ? `No cloud is configured: ${file} defines no clouds and no OS_* credentials are set.` : 'No cloud is configured: no clouds.yaml file exists and no OS_* credentials are set.',
      {hint: `Define a cloud in clouds.yaml and select it with --os-cloud or OS_CLOUD, or ${credentials}.${file ? '' : ` ${searched(k, inputs.env)}`}`},
    )
  }

  throw new UsageError(`No cloud is selected: ${file} defines ${fileClouds.length} clouds (${fileClouds.join(', ')}).`, {
    hint: `Choose one with --os-cloud or OS_CLOUD, or ${credentials}.`,
  })
}

/**
 * Another cloud by name (a --scope instance): the file's values (with profile and region), not the
 * home's --os-* / OS_* overrides; the global TLS flags (--insecure, --verify, --os-cacert) apply.
 */
export async function resolveNamedCloud(name: string, inputs: ConfigInputs): Promise<CloudConfig> {
  const k = await known(inputs)
  const flags: ConfigInputs['flags'] = {insecure: inputs.flags.insecure, verify: inputs.flags.verify, cacert: inputs.flags.cacert}
  const base = {envKey: k.envKey, overrides: {}, flags, home: inputs.home, cwd: inputs.cwd, loaded: k.loaded}
  if (Object.hasOwn(k.loaded.clouds, name)) return buildCloud(name, k.loaded.clouds[name], {...base, fromFile: true})
  if (name === k.envKey && k.envEntry) return buildCloud(name, k.envEntry, {...base, fromFile: false})
  return unknownCloud(name, undefined, k, inputs.env)
}

const PASSWORD_TYPES = new Set(['password', 'v3password', 'v2password', 'v3totp'])
const TOKEN_TYPES = new Set(['token', 'v3token', 'v2token'])
const AUTH_URL = 'Set an authentication URL, with --os-auth-url, OS_AUTH_URL or auth.auth_url'

/**
 * Whether only the password is missing for a password login (so that a prompt can supply it): the
 * rest that checkAuth wants is there. OSC asks for it in the same case.
 */
export function needsPassword(config: CloudConfig): boolean {
  const {auth, authType} = config
  if (!(PASSWORD_TYPES.has(authType) || authType.endsWith('password')) || auth.password) return false
  return Boolean((auth.username || auth.user_id) && auth.auth_url)
}

/**
 * Missing credentials, checked right before authenticating (osc-lib's
 * check_valid_authentication_options wording). Throws a UsageError listing every missing value.
 */
export function checkAuth(config: CloudConfig): void {
  const {auth, authType} = config
  if (authType === 'none') return
  const missing: string[] = []
  const has = (key: keyof AuthOptions): boolean => Boolean(auth[key])
  const credentialKeys = Object.keys(auth).filter((key) => key !== 'default_domain' && !key.endsWith('domain_id') && auth[key as keyof AuthOptions])
  if (credentialKeys.length === 0) {
    missing.push('Set a cloud-name with --os-cloud or OS_CLOUD')
  } else if (authType === 'admin_token') {
    if (!has('endpoint')) missing.push('Set an endpoint with --os-endpoint, OS_ENDPOINT or auth.endpoint')
    if (!has('token')) missing.push('Set a token with --os-token, OS_TOKEN or auth.token')
  } else if (PASSWORD_TYPES.has(authType) || authType.endsWith('password')) {
    if (!has('username') && !has('user_id')) {
      missing.push('Set a username with --os-username, OS_USERNAME, or auth.username or set a user-id with --os-user-id, OS_USER_ID, or auth.user_id')
    }

    if (!has('auth_url')) missing.push(AUTH_URL)
    if (!has('password')) missing.push('Set a password with --os-password, OS_PASSWORD or auth.password')
  } else {
    if (!has('auth_url')) missing.push(AUTH_URL)
    if (TOKEN_TYPES.has(authType)) {
      if (!has('token')) missing.push('Set a token with --os-token, OS_TOKEN or auth.token')
    } else if (authType === 'v3applicationcredential') {
      if (!has('application_credential_id') && !(has('application_credential_name') && (has('username') || has('user_id')))) {
        missing.push(
          'Set an application credential ID with --os-application-credential-id, OS_APPLICATION_CREDENTIAL_ID or auth.application_credential_id, or its name (--os-application-credential-name, OS_APPLICATION_CREDENTIAL_NAME or auth.application_credential_name) and its user (--os-username or --os-user-id)',
        )
      }

      if (!has('application_credential_secret')) {
        missing.push('Set an application credential secret with --os-application-credential-secret, OS_APPLICATION_CREDENTIAL_SECRET or auth.application_credential_secret')
      }
    }
  }

  if (missing.length === 0) return
  const where = config.files.clouds ?? config.files.secure
  throw new UsageError(`Missing parameter(s) for cloud "${config.name}" (auth type ${authType}):\n${missing.join('\n')}`, {
    hint: where ? `The cloud "${config.name}" is defined in ${where}.` : 'This cloud is made of --os-* flags and OS_* environment variables.',
  })
}
