/** Keypairs: create (imported or generated), list, show, delete; per user, with Nova's fingerprint. */
import {createHash, generateKeyPairSync} from 'node:crypto'
import {HttpError, isObject, readJson, sendEmpty, sendJson} from '../http.js'
import {atLeast, bad, byMethod, notFound, pyRepr, schemaError, type Req, type Route} from './request.js'
import {quotasOf, type NovaState, type SimKeypair} from './state.js'

// ---------------------------------------------------------------- keypairs

function sshString(buf: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(buf.length)
  return Buffer.concat([len, buf])
}

function mpint(b64url: string): Buffer {
  let b = Buffer.from(b64url, 'base64url')
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b])
  return sshString(b)
}

function fingerprintOf(publicKey: string): string | undefined {
  const parts = publicKey.trim().split(/\s+/)
  if (parts.length < 2 || !/^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521))$/.test(parts[0])) return undefined
  const blob = Buffer.from(parts[1], 'base64')
  if (blob.length < 8) return undefined
  const tl = blob.readUInt32BE(0)
  if (blob.subarray(4, 4 + tl).toString('latin1') !== parts[0]) return undefined
  return createHash('md5')
    .update(blob)
    .digest('hex')
    .match(/../g)!
    .join(':')
}

function generateKey(comment: string): {publicKey: string; privateKey: string} {
  const {publicKey, privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048})
  const jwk = publicKey.export({format: 'jwk'}) as {n: string; e: string}
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(jwk.e), mpint(jwk.n)])
  return {
    publicKey: `ssh-rsa ${blob.toString('base64')} ${comment}`,
    privateKey: privateKey.export({format: 'pem', type: 'pkcs1'}).toString(),
  }
}

function keypairUserId(r: Req): string {
  const u = r.ctx.query.get('user_id')
  if (u && atLeast(r, 2, 10)) {
    if (!r.admin && u !== r.tok.userId) throw new HttpError(403, "Policy doesn't allow os_compute_api:os-keypairs:index to be performed.")
    return u
  }
  return r.tok.userId
}

function listKeypairs(r: Req, s: NovaState): void {
  const uid = keypairUserId(r)
  const items = s.keypairs.filter((k) => k.userId === uid).sort((a, b) => (a.name < b.name ? -1 : 1))
  sendJson(r.ctx.res, 200, {
    keypairs: items.map((k) => {
      const kp: Record<string, unknown> = {name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint}
      if (atLeast(r, 2, 2)) kp.type = k.type
      return {keypair: kp}
    }),
  })
}

function showKeypair(r: Req, s: NovaState, name: string): void {
  const uid = keypairUserId(r)
  const k = s.keypairs.find((x) => x.name === name && x.userId === uid)
  if (!k) throw notFound(`Keypair ${name} not found for user ${uid}`)
  const kp: Record<string, unknown> = {
    name: k.name,
    public_key: k.publicKey,
    fingerprint: k.fingerprint,
    user_id: k.userId,
    id: k.id,
    created_at: new Date(k.created).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000'),
    deleted: false,
    deleted_at: null,
    updated_at: null,
  }
  if (atLeast(r, 2, 2)) kp.type = k.type
  sendJson(r.ctx.res, 200, {keypair: kp})
}

async function createKeypair(r: Req, s: NovaState): Promise<void> {
  const body = await readJson(r.ctx.req)
  if (!isObject(body) || !isObject(body.keypair)) throw bad(`Invalid input for field/attribute root. Value: ${pyRepr(body)}. 'keypair' is a required property`)
  const kb = body.keypair
  const name = kb.name
  if (typeof name !== 'string') throw schemaError('keypair', kb, `'name' is a required property`)
  if (name.length < 1 || name.length > 255 || !/^[a-zA-Z0-9 _.@-]+$/.test(name)) {
    throw bad('Keypair data is invalid: Keypair name contains unsafe characters')
  }
  let uid = r.tok.userId
  if (kb.user_id !== undefined && atLeast(r, 2, 10)) {
    if (!r.admin && kb.user_id !== uid) throw new HttpError(403, "Policy doesn't allow os_compute_api:os-keypairs:create to be performed.")
    uid = String(kb.user_id)
  }
  const type = typeof kb.type === 'string' && atLeast(r, 2, 2) ? kb.type : 'ssh'
  if (type !== 'ssh' && type !== 'x509') throw schemaError('type', type, `'${type}' is not one of ['ssh', 'x509']`)
  if (s.keypairs.some((k) => k.name === name && k.userId === uid)) throw new HttpError(409, `Key pair '${name}' already exists.`)
  const quota = quotasOf(s, r.project).key_pairs
  if (quota >= 0 && s.keypairs.filter((k) => k.userId === uid).length >= quota) throw new HttpError(403, 'Quota exceeded, too many key pairs.')
  let publicKey: string
  let privateKey: string | undefined
  if (typeof kb.public_key === 'string') {
    publicKey = kb.public_key.trim()
  } else {
    if (atLeast(r, 2, 92)) throw schemaError('keypair', kb, `'public_key' is a required property`)
    const g = generateKey(`Generated-by-Nova`)
    publicKey = g.publicKey
    privateKey = g.privateKey
  }
  const fp = fingerprintOf(publicKey)
  if (!fp) throw bad('Keypair data is invalid: failed to generate fingerprint')
  s.keypairCounter++
  const k: SimKeypair = {name, userId: uid, publicKey, fingerprint: fp, type, id: s.keypairCounter, created: Date.now()}
  s.keypairs.push(k)
  const out: Record<string, unknown> = {name, public_key: publicKey, fingerprint: fp, user_id: uid}
  if (privateKey) out.private_key = privateKey
  if (atLeast(r, 2, 2)) out.type = type
  sendJson(r.ctx.res, atLeast(r, 2, 2) ? 201 : 200, {keypair: out})
}

function deleteKeypair(r: Req, s: NovaState, name: string): void {
  const uid = keypairUserId(r)
  const i = s.keypairs.findIndex((x) => x.name === name && x.userId === uid)
  if (i < 0) throw notFound(`Keypair ${name} not found for user ${uid}`)
  s.keypairs.splice(i, 1)
  sendEmpty(r.ctx.res, atLeast(r, 2, 2) ? 204 : 202)
}

export const routeKeypairs: Route = (r, s, seg) => {
  if (seg.length === 1) return byMethod(r, {GET: () => listKeypairs(r, s), POST: () => createKeypair(r, s)})
  if (seg.length === 2) return byMethod(r, {GET: () => showKeypair(r, s, seg[1]), DELETE: () => deleteKeypair(r, s, seg[1])})
  return undefined
}
