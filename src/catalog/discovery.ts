import type {VersionInfo} from '../auth/types.js'
import type {HttpClient} from '../http/client.js'

/**
 * Version discovery for catalog URLs of every shape (reference/api-quirks.md §A.1, §C):
 * Glance `http://host/image` or `http://host:9292` → …/v2; Neutron `http://host:9696/` → …/v2.0;
 * Nova `http://host/compute/v2.1` (used as it is; its version document gives the microversion
 * range); a URL that already ends in a version is kept. The path prefix is never cut, and the
 * host in a version document's href is not trusted (a proxy may rewrite it).
 */

interface Major {
  /** Version the client speaks, and the path segment that selects it. */
  segment: string
  matches: (id: string) => boolean
  microversions: boolean
}

const MAJORS: Record<string, Major> = {
  image: {segment: 'v2', matches: (id) => /^v2(\.\d+)?$/.test(id), microversions: false},
  network: {segment: 'v2.0', matches: (id) => /^v2(\.0)?$/.test(id), microversions: false},
  compute: {segment: 'v2.1', matches: (id) => id === 'v2.1', microversions: true},
  identity: {segment: 'v3', matches: (id) => /^v3(\.\d+)?$/.test(id), microversions: false},
  // Cinder `http://host/volume/v3/<project>`: its /v3 version document gives the microversion range.
  'block-storage': {segment: 'v3', matches: (id) => /^v3(\.0)?$/.test(id), microversions: true},
}

const VERSION_SEGMENT = /^v\d+(\.\d+)?$/
const PROJECT_SEGMENT = /^(AUTH_)?[0-9a-f]{32}$|^\$\(|^%\(/

interface VersionDoc {
  id?: string
  status?: string
  version?: string
  min_version?: string
}

export function versionEntries(body: unknown): VersionDoc[] {
  if (body === null || typeof body !== 'object') return []
  const record = body as Record<string, unknown>
  if (Array.isArray(record.versions)) return record.versions as VersionDoc[]
  const values = (record.versions as {values?: unknown} | undefined)?.values
  if (Array.isArray(values)) return values as VersionDoc[]
  if (record.version && typeof record.version === 'object') return [record.version as VersionDoc]
  return []
}

/** Splits a catalog URL into (base, version segment present?). Pure. */
export function splitVersioned(url: string): {base: string; versioned: boolean; segment?: string} {
  const parsed = new URL(url)
  const parts = parsed.pathname.split('/').filter(Boolean)
  let end = parts.length
  if (end > 0 && PROJECT_SEGMENT.test(parts[end - 1]) && end > 1 && VERSION_SEGMENT.test(parts[end - 2])) end -= 1
  const segment = end > 0 && VERSION_SEGMENT.test(parts[end - 1]) ? parts[end - 1] : undefined
  return {base: url.replace(/\/+$/, ''), versioned: segment !== undefined, segment}
}

export async function discover(http: HttpClient, type: string, catalogUrl: string, instance: string): Promise<VersionInfo> {
  const major = MAJORS[type]
  const {base, versioned, segment} = splitVersioned(catalogUrl)
  if (!major) return {url: base, version: segment ?? ''}
  if (versioned && !major.microversions) return {url: base, version: segment!}
  const url = versioned ? base : `${base}/${major.segment}`
  // Unauthenticated GET of the version document (Nova: the versioned URL; others: the root).
  const probe = versioned ? base.slice(0, base.lastIndexOf(`/${segment}`) + segment!.length + 1) : base
  let entries: VersionDoc[] = []
  try {
    const response = await http.request<unknown>({method: 'GET', url: probe, instance, service: type, accept: (status) => status === 200 || status === 300})
    entries = versionEntries(response.body)
  } catch (error) {
    if ((error as {name?: string}).name === 'ConnectionError') throw error
    // A root that does not answer discovery: fall back to the conventional segment.
  }

  const current = entries.filter((entry) => entry.id && major.matches(entry.id))
  const best = current.find((entry) => /current/i.test(entry.status ?? '')) ?? current[0]
  if (!best) return {url, version: segment ?? major.segment}
  const info: VersionInfo = {url, version: best.id ?? major.segment}
  if (major.microversions && best.version) {
    info.minMicroversion = best.min_version || undefined
    info.maxMicroversion = best.version || undefined
  }

  return info
}
