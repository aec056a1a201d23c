/**
 * Reads the message out of any OpenStack service's error body, without switching on names:
 * Nova  {"itemNotFound": {"code": 404, "message": "..."}}
 * Keystone {"error": {"code": 401, "title": "Unauthorized", "message": "..."}}
 * Neutron {"NeutronError": {"type": "...", "message": "...", "detail": ""}}
 * Glance / webob: text or HTML ("404 Not Found\n\nNo image found with ID x\n\n   ") or {"message": ...}
 */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return textMessage(body)
  if (body === null || typeof body !== 'object') return undefined
  const record = body as Record<string, unknown>
  if (typeof record.message === 'string') return clean(record.message)
  const keys = Object.keys(record)
  for (const key of keys) {
    const inner = record[key]
    if (inner !== null && typeof inner === 'object' && typeof (inner as Record<string, unknown>).message === 'string') {
      return clean((inner as Record<string, string>).message)
    }
  }

  if (typeof record.title === 'string') return clean(record.title)
  return undefined
}

function textMessage(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  if (trimmed.startsWith('{')) {
    try {
      return errorMessage(JSON.parse(trimmed))
    } catch {
      // not JSON after all
    }
  }

  const plain = trimmed
    .replaceAll(/<title>[\s\S]*?<\/title>/gi, '')
    .replaceAll(/<[^>]+>/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  // webob puts the status line first ("404 Not Found"), then the detail: prefer the detail.
  const detail = plain.filter((line) => !/^\d{3} [A-Za-z ]+$/.test(line))
  return clean((detail.length > 0 ? detail : plain).join(' '))
}

function clean(message: string): string {
  // webob's JSON errors (Glance) keep the <br /> of its HTML template in the message.
  return message.replaceAll(/<[^>]*>/g, ' ').replaceAll(/\s+/g, ' ').trim()
}
