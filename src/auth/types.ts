import type {CatalogService} from '../catalog/catalog.js'

/** What Keystone told us when it issued the token; cached on disk with the token. */
export interface AuthRef {
  token: string
  /** ISO 8601, as Keystone sent it. */
  expiresAt: string
  issuedAt?: string
  /** The versioned identity URL the token was issued by (…/v3). */
  identityUrl: string
  methods: string[]
  user: {id: string; name?: string; domainId?: string}
  project?: {id: string; name?: string; domainId?: string}
  domain?: {id: string; name?: string}
  system: boolean
  roles: string[]
  catalog: CatalogService[]
}

/** A service's versioned base URL and, for microversioned services, the range it supports. */
export interface VersionInfo {
  url: string
  version: string
  minMicroversion?: string
  maxMicroversion?: string
}
