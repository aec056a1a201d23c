import type {Readable} from 'node:stream'

import type {ServiceRequest, Session} from '../auth/session.js'
import type {HttpResponse} from '../http/client.js'

/**
 * "The client of service type X in instance Y": what every service module is handed. Only the
 * routing module makes them (router.ts), so which instance serves what is decided in one place;
 * service modules never know which instance they talk to.
 */
export class ServiceClient {
  constructor(
    readonly session: Session,
    readonly type: string,
  ) {}

  /** The instance's name: a clouds.yaml cloud or a region of the home cloud. */
  get instance(): string {
    return this.session.name
  }

  async request<T = unknown>(req: ServiceRequest): Promise<HttpResponse<T>> {
    return this.session.request<T>(this.type, req)
  }

  async stream(req: ServiceRequest): Promise<HttpResponse<Readable>> {
    return this.session.stream(this.type, req)
  }

  async url(path: string, query?: ServiceRequest['query']): Promise<string> {
    return this.session.url(this.type, path, query)
  }
}
