/** Nova's version documents (`/compute`, `/compute/v2.1`). */
import type {InstanceState} from '../state.js'
import {MIN_MV, mvStr} from './microversions.js'
import type {NovaState} from './state.js'

export function versionEntry(inst: InstanceState, s: NovaState, which: 'v2.0' | 'v2.1'): Record<string, unknown> {
  const root = `${inst.baseUrl}/compute`
  if (which === 'v2.0') {
    return {
      id: 'v2.0',
      status: 'SUPPORTED',
      version: '',
      min_version: '',
      updated: '2011-01-21T11:33:21Z',
      links: [{rel: 'self', href: `${root}/v2/`}],
    }
  }
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: mvStr(s.maxMv),
    min_version: mvStr(MIN_MV),
    updated: '2013-07-23T11:33:21Z',
    links: [{rel: 'self', href: `${root}/v2.1/`}],
  }
}

export function versionDoc(inst: InstanceState, s: NovaState, which: 'v2.0' | 'v2.1'): unknown {
  return {
    version: {
      ...versionEntry(inst, s, which),
      links: [
        {rel: 'self', href: `${inst.baseUrl}/compute/${which === 'v2.0' ? 'v2' : 'v2.1'}/`},
        {rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/'},
      ],
      'media-types': [{base: 'application/json', type: `application/vnd.openstack.compute+json;version=${which === 'v2.0' ? '2' : '2.1'}`}],
    },
  }
}
