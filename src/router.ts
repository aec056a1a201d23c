import type {Readable} from 'node:stream'

import {Session, type ServiceRequest} from './auth/session.js'
import type {HttpResponse} from './http/client.js'

/**
 * "The client of service type X": what every service module asks for. The Router is where
 * --scope becomes a routing decision; service modules never know which instance they talk to.
 */
export class ServiceClient {
  constructor(
    readonly session: Session,
    readonly type: string,
  ) {}

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

export interface Router {
  /** The home session (the cloud selected the OSC way). */
  homeSession(): Session
  /** The client of a service type, where the scope sends it (home when the scope does not name it). */
  client(type: string): ServiceClient
}
