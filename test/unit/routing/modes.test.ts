import {strict as assert} from 'node:assert'

import type {Session} from '../../../src/auth/session.js'
import {ApiError, AuthError, ConnectionError, NotFoundError, OidError, UsageError} from '../../../src/errors.js'
import {fallsBack, fanout, hasAnd, singleClient, type Mode, type Router, type ServiceClient} from '../../../src/routing/index.js'
import {parseExpr, type Expr} from '../../../src/routing/expr.js'

/** A Router whose sessions are only names: the calls under test never reach a real Session. */
function fakeRouter(scope: Record<string, string> = {}): Router & {sessions: string[]} {
  const sessions: string[] = []
  const session = (name: string) => {
    sessions.push(name)
    return {name} as unknown as Session
  }

  return {
    sessions,
    homeSession: () => session('home'),
    expression: (type: string): Expr | undefined => (scope[type] === undefined ? undefined : parseExpr(scope[type])),
    session,
    client: () => {
      throw new Error('not used')
    },
  }
}

const api = (status: number, instance = 'X') =>
  new ApiError(`${instance} (image): boom (HTTP ${status})`, {instance, service: 'image', method: 'GET', url: 'http://h/v2/images', status, apiMessage: 'boom'})
const unreachable = (instance: string) => new ConnectionError(`Unable to reach the image service of ${instance} at http://h: connect ECONNREFUSED.`, {url: 'http://h', instance})
const timedOut = (instance: string) => new ConnectionError(`Unable to reach the image service of ${instance} at http://h: no answer within 2 s.`, {url: 'http://h', instance, timedOut: true})

/** Each instance's behaviour: a value, or an error to throw. Records the order of calls. */
function behaviour(plan: Record<string, unknown>): {call: (client: ServiceClient) => Promise<string>; calls: string[]} {
  const calls: string[] = []
  return {
    calls,
    call: async (client: ServiceClient) => {
      calls.push(client.instance)
      await new Promise((resolve) => setImmediate(resolve))
      const what = plan[client.instance]
      if (what instanceof Error) throw what
      if (what === undefined) throw new Error(`unexpected call to ${client.instance}`)
      return what as string
    },
  }
}

describe('core/router: fanout', () => {
  it('no scope for the type: the home session, one outcome, not multi', async () => {
    const {call, calls} = behaviour({home: 'h'})
    const result = await fanout(fakeRouter({compute: 'A'}), 'image', 'read', call)
    assert.deepEqual(result, {outcomes: [{instance: 'home', ok: true, value: 'h'}], multi: false, notes: []})
    assert.deepEqual(calls, ['home'])
  })

  it('a name: one outcome, not multi; its failure is an outcome, not a throw', async () => {
    const ok = await fanout(fakeRouter({image: 'A'}), 'image', 'read', behaviour({A: 'a'}).call)
    assert.deepEqual(ok, {outcomes: [{instance: 'A', ok: true, value: 'a'}], multi: false, notes: []})
    const error = api(403, 'A')
    const failed = await fanout(fakeRouter({image: 'A'}), 'image', 'read', behaviour({A: error}).call)
    assert.deepEqual(failed.outcomes, [{instance: 'A', ok: false, error}])
    assert.equal(failed.multi, false)
  })

  it('A & B: both, in parallel, in the order of the expression; multi', async () => {
    const started: string[] = []
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const call = async (client: ServiceClient) => {
      started.push(client.instance)
      if (started.length === 2) release()
      await gate // neither finishes before both have started
      return client.instance.toLowerCase()
    }

    const result = await fanout(fakeRouter({image: 'A & B'}), 'image', 'read', call)
    assert.deepEqual(result.outcomes, [
      {instance: 'A', ok: true, value: 'a'},
      {instance: 'B', ok: true, value: 'b'},
    ])
    assert.equal(result.multi, true)
    assert.deepEqual(result.notes, [])
  })

  it('A & B with A failing: the failure is kept as an outcome next to B', async () => {
    const error = unreachable('A')
    const result = await fanout(fakeRouter({image: 'A & B'}), 'image', 'read', behaviour({A: error, B: 'b'}).call)
    assert.deepEqual(result.outcomes, [
      {instance: 'A', ok: false, error},
      {instance: 'B', ok: true, value: 'b'},
    ])
    assert.equal(result.multi, true)
  })

  it('A | B: B is not tried when A serves; the note names A', async () => {
    const {call, calls} = behaviour({A: 'a', B: 'b'})
    const result = await fanout(fakeRouter({image: 'A | B'}), 'image', 'read', call)
    assert.deepEqual(result, {outcomes: [{instance: 'A', ok: true, value: 'a'}], multi: false, notes: ['image served by A.']})
    assert.deepEqual(calls, ['A'])
  })

  it('A | B: a 5xx of A → B, with the note "image served by B after A (HTTP 503)."', async () => {
    const {call, calls} = behaviour({A: api(503, 'A'), B: 'b'})
    const result = await fanout(fakeRouter({image: 'A | B'}), 'image', 'read', call)
    assert.deepEqual(result.outcomes, [{instance: 'B', ok: true, value: 'b'}])
    assert.deepEqual(result.notes, ['image served by B after A (HTTP 503).'])
    assert.equal(result.multi, false)
    assert.deepEqual(calls, ['A', 'B'])
  })

  const fallbacks: [string, OidError, Mode, string][] = [
    ['connection refused', unreachable('A'), 'read', 'unreachable'],
    ['a timeout', timedOut('A'), 'read', 'timed out'],
    ['HTTP 500', api(500, 'A'), 'read', 'HTTP 500'],
    ['HTTP 502', api(502, 'A'), 'write', 'HTTP 502'],
    ['HTTP 401 (token refused)', api(401, 'A'), 'read', 'HTTP 401'],
    ['refused credentials', new AuthError('A refused the credentials: Unauthorized (HTTP 401).'), 'read', 'credentials refused'],
    ['a lookup miss (NotFoundError)', new NotFoundError('No Image found for cirros'), 'lookup', 'not found'],
    ['a lookup miss (HTTP 404)', api(404, 'A'), 'lookup', 'HTTP 404'],
  ]
  for (const [what, error, mode, reason] of fallbacks) {
    it(`A | B (${mode}): ${what} of A → B`, async () => {
      const {call, calls} = behaviour({A: error, B: 'b'})
      const result = await fanout(fakeRouter({image: 'A | B'}), 'image', mode, call)
      assert.deepEqual(result.outcomes, [{instance: 'B', ok: true, value: 'b'}])
      assert.deepEqual(result.notes, [`image served by B after A (${reason}).`])
      assert.deepEqual(calls, ['A', 'B'])
    })
  }

  const stops: [string, OidError, Mode][] = [
    ['HTTP 403', api(403, 'A'), 'read'],
    ['HTTP 400', api(400, 'A'), 'lookup'],
    ['HTTP 409', api(409, 'A'), 'write'],
    ['HTTP 404 outside a lookup', api(404, 'A'), 'read'],
    ['NotFoundError outside a lookup', new NotFoundError('No Image found for cirros'), 'read'],
    ['a plain OidError', new OidError("More than one Image exists with the name 'cirros'."), 'lookup'],
  ]
  for (const [what, error, mode] of stops) {
    it(`A | B (${mode}): ${what} of A stops there; B is not tried`, async () => {
      const {call, calls} = behaviour({A: error, B: 'b'})
      const result = await fanout(fakeRouter({image: 'A | B'}), 'image', mode, call)
      assert.deepEqual(result.outcomes, [{instance: 'A', ok: false, error}])
      assert.deepEqual(result.notes, [])
      assert.deepEqual(calls, ['A'])
    })
  }

  it('A | B | C: a fatal error after a fallback is one combined error', async () => {
    const {call, calls} = behaviour({A: api(503, 'A'), B: api(403, 'B'), C: 'c'})
    const result = await fanout(fakeRouter({image: 'A | B | C'}), 'image', 'read', call)
    assert.deepEqual(calls, ['A', 'B'])
    assert.equal(result.outcomes.length, 1)
    const [outcome] = result.outcomes
    assert.equal(outcome.ok, false)
    assert.equal(outcome.instance, 'A | B | C')
    assert.match(!outcome.ok ? outcome.error.message : '', /^No instance of "A \| B \| C" could serve image\. A: A \(image\): boom \(HTTP 503\) B: B \(image\): boom \(HTTP 403\)$/)
  })

  it('A | B with both failing: one combined error naming each, caused by the last', async () => {
    const a = unreachable('A')
    const b = api(503, 'B')
    const {call, calls} = behaviour({A: a, B: b})
    const result = await fanout(fakeRouter({image: 'A | B'}), 'image', 'read', call)
    assert.deepEqual(calls, ['A', 'B'])
    assert.equal(result.outcomes.length, 1)
    const [outcome] = result.outcomes
    assert.ok(!outcome.ok)
    assert.equal(outcome.instance, 'A | B')
    assert.ok(outcome.error instanceof OidError)
    assert.equal(outcome.error.message, `No instance of "A | B" could serve image. A: ${a.message} B: ${b.message}`)
    assert.equal(outcome.error.cause, b)
    assert.deepEqual(result.notes, [])
  })

  it('a UsageError is thrown through, not kept as an outcome', async () => {
    const usage = new UsageError('--property expects key=value')
    await assert.rejects(fanout(fakeRouter({image: 'A'}), 'image', 'read', behaviour({A: usage}).call), (error) => error === usage)
    await assert.rejects(fanout(fakeRouter({image: 'A | B'}), 'image', 'read', behaviour({A: usage, B: 'b'}).call), (error) => error === usage)
    await assert.rejects(fanout(fakeRouter({image: 'A & B'}), 'image', 'read', behaviour({A: 'a', B: usage}).call), (error) => error === usage)
  })

  it('a bug (not an OidError) is thrown through', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')")
    await assert.rejects(fanout(fakeRouter({image: 'A | B'}), 'image', 'read', behaviour({A: bug, B: 'b'}).call), (error) => error === bug)
  })

  it('write mode with & is a UsageError before any call', async () => {
    for (const scope of ['A & B', 'A | B & C', '(A | B) & C']) {
      const {call, calls} = behaviour({A: 'a', B: 'b', C: 'c'})
      const error = await fanout(fakeRouter({image: scope}), 'image', 'write', call).then(
        () => assert.fail('expected a UsageError'),
        (error: unknown) => error,
      )
      assert.ok(error instanceof UsageError, scope)
      assert.match(error.message, new RegExp(`"${scope.replaceAll(/[()|&]/g, '\\$&')}"`))
      assert.match(error.hint ?? '', /--scope '\{"image": "A"\}'/)
      assert.deepEqual(calls, [])
    }
  })

  it('write mode with | falls back like read', async () => {
    const {call, calls} = behaviour({A: unreachable('A'), B: 'b'})
    const result = await fanout(fakeRouter({image: 'A | B'}), 'image', 'write', call)
    assert.deepEqual(result.outcomes, [{instance: 'B', ok: true, value: 'b'}])
    assert.deepEqual(calls, ['A', 'B'])
  })

  it('precedence: A | B & C is A | (B & C); A serves alone', async () => {
    const {call, calls} = behaviour({A: 'a', B: 'b', C: 'c'})
    const result = await fanout(fakeRouter({image: 'A | B & C'}), 'image', 'read', call)
    assert.deepEqual(calls, ['A'])
    assert.deepEqual(result.outcomes, [{instance: 'A', ok: true, value: 'a'}])
    assert.equal(result.multi, true)
  })

  it('precedence: A | B & C with A down → B and C both', async () => {
    const {call, calls} = behaviour({A: api(503, 'A'), B: 'b', C: 'c'})
    const result = await fanout(fakeRouter({image: 'A | B & C'}), 'image', 'read', call)
    assert.deepEqual(calls.slice(0, 1), ['A'])
    assert.deepEqual(calls.slice(1).sort(), ['B', 'C'])
    assert.deepEqual(result.outcomes, [
      {instance: 'B', ok: true, value: 'b'},
      {instance: 'C', ok: true, value: 'c'},
    ])
    assert.deepEqual(result.notes, ['image served by B & C after A (HTTP 503).'])
    assert.equal(result.multi, true)
  })

  it('precedence: A | B & C with A down and B failing → C served, B kept as a failure', async () => {
    const b = api(403, 'B')
    const result = await fanout(fakeRouter({image: 'A | B & C'}), 'image', 'read', behaviour({A: unreachable('A'), B: b, C: 'c'}).call)
    assert.deepEqual(result.outcomes, [
      {instance: 'B', ok: false, error: b},
      {instance: 'C', ok: true, value: 'c'},
    ])
    assert.deepEqual(result.notes, ['image served by C after A (unreachable).'])
  })

  it('(A | B) & C: the group and C in parallel', async () => {
    const result = await fanout(fakeRouter({image: '(A | B) & C'}), 'image', 'read', behaviour({A: api(504, 'A'), B: 'b', C: 'c'}).call)
    assert.deepEqual(result.outcomes, [
      {instance: 'B', ok: true, value: 'b'},
      {instance: 'C', ok: true, value: 'c'},
    ])
    assert.deepEqual(result.notes, ['image served by B after A (HTTP 504).'])
    assert.equal(result.multi, true)
  })
})

describe('core/router: singleClient', () => {
  it('no scope → home; a name → that instance', () => {
    assert.equal(singleClient(fakeRouter(), 'image').instance, 'home')
    const client = singleClient(fakeRouter({image: 'InstanceTwo'}), 'image')
    assert.equal(client.instance, 'InstanceTwo')
    assert.equal(client.type, 'image')
  })

  it('several instances → UsageError naming the expression and a fix', () => {
    for (const scope of ['A & B', 'A | B']) {
      assert.throws(
        () => singleClient(fakeRouter({image: scope}), 'image', 'image save'),
        (error: unknown) => {
          assert.ok(error instanceof UsageError)
          assert.equal(error.message, `image save acts on one instance, but --scope gives image to several: "${scope}".`)
          assert.equal(error.hint, `Name one instance for image, e.g. --scope '{"image": "A"}'.`)
          return true
        },
      )
    }
  })
})

describe('core/router: fallsBack and hasAnd', () => {
  it('fallsBack per error kind and mode', () => {
    for (const mode of ['read', 'lookup', 'write'] as Mode[]) {
      assert.equal(fallsBack(unreachable('A'), mode), true)
      assert.equal(fallsBack(timedOut('A'), mode), true)
      assert.equal(fallsBack(api(500), mode), true)
      assert.equal(fallsBack(api(503), mode), true)
      assert.equal(fallsBack(api(401), mode), true)
      assert.equal(fallsBack(new AuthError('refused'), mode), true)
      assert.equal(fallsBack(api(403), mode), false)
      assert.equal(fallsBack(api(409), mode), false)
      assert.equal(fallsBack(new OidError('other'), mode), false)
      assert.equal(fallsBack(new UsageError('usage'), mode), false)
      assert.equal(fallsBack(api(404), mode), mode === 'lookup')
      assert.equal(fallsBack(new NotFoundError('No Image found for x'), mode), mode === 'lookup')
    }
  })

  it('hasAnd', () => {
    assert.equal(hasAnd(parseExpr('A')), false)
    assert.equal(hasAnd(parseExpr('A | B')), false)
    assert.equal(hasAnd(parseExpr('A & B')), true)
    assert.equal(hasAnd(parseExpr('A | B & C')), true)
    assert.equal(hasAnd(parseExpr('(A | B) & C')), true)
  })
})
