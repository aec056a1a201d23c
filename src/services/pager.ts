import type {ServiceClient} from '../routing/client.js'

/**
 * One pager for every OpenStack list (gophercloud's pagination.Pager): send the first request,
 * read the page, ask the API's tiny "next" hook for the next request, until there is none.
 *
 * A next link never decides where a request goes: the hooks keep our own collection path and
 * take from the link only what pages (Glance: the query of `next`; Nova, Neutron, Keystone: the
 * `marker`, and `limit`), so a link naming another host, port or path prefix is resolved against
 * OUR endpoint, and the session's assertOwnUrl still checks every URL before a token is sent.
 */

export type Query = NonNullable<Parameters<ServiceClient['request']>[0]['query']>

/** A page request: a path relative to the versioned endpoint, and its query. */
export interface PageRequest {
  path: string
  query?: Query
}

/** The request for the page after `body` (which answered `current`), or undefined: the last page. */
export type NextHook = (body: unknown, current: PageRequest) => PageRequest | undefined

export interface PagerOptions<T> {
  first: PageRequest
  /** Sends one page request; returns the reply's body (Nova adds its microversion headers here). */
  send: (request: PageRequest) => Promise<unknown>
  /** The page's items, checked: throws a readable error for a malformed reply. */
  items: (body: unknown) => T[]
  next: NextHook
  /** OSC's --limit: one page of at most that many, no further pages. */
  onePage?: boolean
}

/**
 * Every item of every page. Ends on: one page asked for; an empty page; no next request; a next
 * request already sent (a repeated marker: the cloud would loop forever).
 */
export async function allPages<T>(options: PagerOptions<T>): Promise<T[]> {
  const all: T[] = []
  let request = options.first
  const seen = new Set<string>([pageKey(request)])
  for (;;) {
    const body = await options.send(request)
    const items = options.items(body)
    all.push(...items)
    if (options.onePage || items.length === 0) return all
    const next = options.next(body, request)
    if (!next) return all
    const key = pageKey(next)
    if (seen.has(key)) return all
    seen.add(key)
    request = next
  }
}

/** What identifies a page: its marker when it has one, else the whole request. */
export function pageKey(request: PageRequest): string {
  const inPath = new URL(request.path, 'http://page.invalid').searchParams.get('marker')
  const marker = request.query?.marker ?? inPath
  if (marker !== undefined && marker !== null) return `marker ${String(marker)}`
  return JSON.stringify([request.path, request.query ?? {}])
}

/**
 * Glance's `next` is root-relative and carries the API version: `/v2/images?marker=…`, even when
 * Glance is mounted under /image (api-quirks §D.16). Drop any origin, prefix and version, so that
 * the rest joins to the versioned endpoint.
 */
export function nextPath(next: string): string {
  if (/^https?:\/\//i.test(next)) {
    const url = new URL(next)
    return url.pathname.replace(/^(\/[^?]*)?\/v\d+(\.\d+)?(?=\/)/, '') + url.search
  }

  return next.replace(/^\/v\d+(\.\d+)?(?=\/)/, '')
}

function pathname(path: string): string {
  const end = path.search(/[?#]/)
  return end < 0 ? path : path.slice(0, end)
}

/** Glance: `next`, its query joined to our own collection path. */
export const glanceNext: NextHook = (body, current) => {
  const next = (body as {next?: unknown} | undefined)?.next
  if (typeof next !== 'string' || next === '') return undefined
  const search = new URL(nextPath(next), 'http://page.invalid').search
  return {path: pathname(current.path) + search}
}

/** The marker (and limit) of a link's query; its host and path are never used. */
function markerRequest(href: unknown, current: PageRequest): PageRequest | undefined {
  if (typeof href !== 'string' || href === '') return undefined
  let params: URLSearchParams
  try {
    params = new URL(href, 'http://page.invalid').searchParams
  } catch {
    return undefined
  }

  const marker = params.get('marker')
  if (!marker) return undefined
  const limit = params.get('limit')
  return {path: current.path, query: {...current.query, ...(limit ? {limit} : {}), marker}}
}

/** Nova (`servers_links`, `flavors_links`, `keypairs_links`) and Neutron (`<resource>_links`): rel=next. */
export function linksNext(key: string): NextHook {
  return (body, current) => {
    const links = (body as Record<string, unknown> | undefined)?.[key]
    if (!Array.isArray(links)) return undefined
    const next = links.find((link) => (link as {rel?: unknown} | null)?.rel === 'next') as {href?: unknown} | undefined
    return markerRequest(next?.href, current)
  }
}

/** Keystone: `links: {next, previous, self}`, next null on the last page. */
export const keystoneNext: NextHook = (body, current) => {
  const links = (body as {links?: unknown} | undefined)?.links
  return markerRequest((links as {next?: unknown} | null | undefined)?.next, current)
}
