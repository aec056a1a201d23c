/**
 * The types of the configuration: what callers pass in (ConfigInputs) and what they get back
 * (CloudConfig). Types only, no imports: index.ts and resolve.ts both use them, and index.ts
 * re-exports them, so neither imports the other for its types.
 */

export type AuthType =
  | 'password'
  | 'v3password'
  | 'v3applicationcredential'
  | 'token'
  | 'v3token'
  | 'v2password'
  | 'v2token'
  | 'admin_token'
  | 'none'
  | (string & {})

export interface AuthOptions {
  auth_url?: string
  username?: string
  user_id?: string
  password?: string
  project_name?: string
  project_id?: string
  user_domain_name?: string
  user_domain_id?: string
  project_domain_name?: string
  project_domain_id?: string
  domain_name?: string
  domain_id?: string
  token?: string
  /** admin_token / none: the endpoint used for every request. */
  endpoint?: string
  application_credential_id?: string
  application_credential_name?: string
  application_credential_secret?: string
  system_scope?: string
  default_domain?: string
}

export interface CloudConfig {
  /** Cloud name; `envvars` (or OS_CLOUD_NAME) for the cloud made of OS_* variables and flags. */
  name: string
  authType: AuthType
  auth: AuthOptions
  regionName?: string
  /** Normalised: publicURL → public, internalURL → internal, adminURL → admin. */
  interface: 'public' | 'internal' | 'admin'
  /** Default '3'. */
  identityApiVersion: string
  /** Default true; `insecure` → false. */
  verify: boolean
  cacert?: string
  cert?: string
  key?: string
  /** Seconds, clouds.yaml `api_timeout`. */
  apiTimeout?: number
  /** clouds.yaml `openstackoid: true`: a server-side-routing deployment. */
  openstackoid: boolean
  /** The cloud's known regions (`regions:`, else `region_name`), in order. */
  regions: string[]
  /** The files this cloud came from, for error messages. */
  files: {clouds?: string; secure?: string; publicClouds?: string}
  /** Every other merged key (e.g. image_api_version, compute_api_version), numbers as strings. */
  extra: Record<string, unknown>
}

export interface ConfigInputs {
  /** process.env in production. */
  env: Record<string, string | undefined>
  cwd: string
  home: string
  /** --os-cloud */
  cloud?: string
  /** Parsed --os-* flags keyed by config key (auth_url, password, interface, insecure, verify ...); undefined = not given. */
  flags: Record<string, string | boolean | undefined>
  /** Site-wide config directories instead of $XDG_CONFIG_DIRS/openstack and /etc/openstack (tests). */
  systemDirs?: string[]
}
