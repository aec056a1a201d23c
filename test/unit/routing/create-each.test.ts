import {strict as assert} from 'node:assert'

import type {Session} from '../../../src/auth/session.js'
import {ApiError, AuthError, ConnectionError, NotFoundError, OidError, UsageError} from '../../../src/errors.js'
import {checkColocated} from '../../../src/routing/colocation.js'
import {createOutcome, fanout, parseExpr, UnknownOutcome, type Router, type ServiceClient} from '../../../src/routing/index.js'

/** A Router whose sessions are only names. */
function fakeRouter(scope: Record<string, string>): Router {
  const session = (name: string) => ({name}) as unknown as Session
  return {
    homeSession: () => session('home'),
    expression: (type: string) => (scope[type] === undefined ? undefined : parseExpr(scope[type])),
    session,
    client: () => {
      throw new Error('not used')
    },
  }
}

const api = (status: number, instance = 'A') =>
  new ApiError(`${instance} (compute): boom (HTTP ${status})`, {instance, service: 'compute', method: 'POST', url: 'http://h/v2.1/servers', status, apiMessage: 'boom'})
const refused = (instance = 'A') => new ConnectionError(`Unable to reach the compute service of ${instance} at http://h: connect ECONNREFUSED.`, {url: 'http://h', instance, sent: false})
const timedOut = (instance = 'A') => new ConnectionError(`Unable to reach the compute service of ${instance} at http://h: no answer within 2 s.`, {url: 'http://h', instance, timedOut: true})

function plan(what: Record<string, unknown>): {call: (client: ServiceClient) => Promise<string>; calls: string[]} {
  const calls: string[] = []
  return {
    calls,
    call: async (client) => {
      calls.push(client.instance)
      const value = what[client.instance]
      if (value instanceof Error) throw value
      if (value === undefined) throw new Error(`unexpected call to ${client.instance}`)
      return value as string
    },
  }
}

describe('routing/modes: create', () => {
  const refusals: [string, OidError][] = [
    ['a refused connection (nothing sent)', refused()],
    ['refused credentials', new AuthError('The request you have made requires authentication.')],
    ['a quota refusal (403)', api(403)],
    ['over limit (413)', api(413)],
    ['a conflict (409)', api(409)],
    ['a bad request (400)', api(400)],
    ['a lookup miss before the create', new NotFoundError("No flavor with a name or ID of 'm1.huge' exists.")],
  ]
  for (const [what, error] of refusals) {
    it(`A | B: ${what} in A → B creates`, async () => {
      const {call, calls} = plan({A: error, B: 'b'})
      const result = await fanout(fakeRouter({compute: 'A | B'}), 'compute', 'create', call)
      assert.deepEqual(calls, ['A', 'B'])
      assert.deepEqual(result.outcomes, [{instance: 'B', ok: true, value: 'b'}])
    })
  }

  const unknowns: [string, OidError][] = [
    ['a time-out after sending', timedOut()],
    ['a reset after sending', new ConnectionError('Unable to reach the compute service of A at http://h: socket hang up.', {url: 'http://h', instance: 'A'})],
    ['a 502 from a proxy', api(502)],
    ['a 504 from a proxy', api(504)],
    ['a 500', api(500)],
  ]
  for (const [what, error] of unknowns) {
    it(`A | B: ${what} in A, no recovery hook → stops at A (never a second create), says the outcome is unknown`, async () => {
      const {call, calls} = plan({A: error, B: 'b'})
      const result = await fanout(fakeRouter({compute: 'A | B'}), 'compute', 'create', call)
      assert.deepEqual(calls, ['A'])
      assert.equal(result.outcomes.length, 1)
      const outcome = result.outcomes[0]
      assert.ok(!outcome.ok && outcome.error instanceof UnknownOutcome)
      assert.match(outcome.error.message, /whether it acted is unknown: it is not sent again, nor to another instance\.$/)
      assert.equal(outcome.error.exitCode, 1)
    })
  }

  it('A | B: unknown outcome in A, the recovery finds what was created → adopted, B never asked, a note says so', async () => {
    const {call, calls} = plan({A: timedOut(), B: 'b'})
    const looked: string[] = []
    const result = await fanout(fakeRouter({compute: 'A | B'}), 'compute', 'create', call, {
      recover: async (client) => {
        looked.push(client.instance)
        return 'a-found'
      },
    })
    assert.deepEqual(calls, ['A'])
    assert.deepEqual(looked, ['A'])
    assert.deepEqual(result.outcomes, [{instance: 'A', ok: true, value: 'a-found'}])
    assert.match(result.notes.join('\n'), /A: .*no answer within 2 s\. The compute request had gone through: what it created was found and is used\./)
  })

  it('A | B: unknown outcome in A, the recovery finds nothing → B creates, and the note says A created nothing', async () => {
    const {call, calls} = plan({A: api(504), B: 'b'})
    const result = await fanout(fakeRouter({compute: 'A | B'}), 'compute', 'create', call, {recover: async () => undefined})
    assert.deepEqual(calls, ['A', 'B'])
    assert.deepEqual(result.outcomes, [{instance: 'B', ok: true, value: 'b'}])
    assert.deepEqual(result.notes, ['compute served by B after A (HTTP 504, nothing created).'])
  })

  it('A & B: a create in each, in parallel; one failing is kept next to the other', async () => {
    const {call} = plan({A: api(403), B: 'b'})
    const result = await fanout(fakeRouter({compute: 'A & B'}), 'compute', 'create', call)
    assert.equal(result.multi, true)
    assert.deepEqual(result.outcomes.map((o) => [o.instance, o.ok]), [['A', false], ['B', true]])
  })

  it('createOutcome classifies each failure', () => {
    assert.equal(createOutcome(refused()), 'refused')
    assert.equal(createOutcome(timedOut()), 'unknown')
    assert.equal(createOutcome(api(503)), 'unknown')
    assert.equal(createOutcome(api(404)), 'failed')
    assert.equal(createOutcome(new OidError("More than one flavor exists with the name 'x'.")), 'failed')
  })
})

describe('routing/modes: each', () => {
  const missing = (instance: string) => new NotFoundError(`No server with a name or ID of 'vm' exists.`, {hint: instance})

  it('A & B: found in B only → B acts, A is no failure, a note says where it was missing', async () => {
    const {call, calls} = plan({A: missing('A'), B: 'b'})
    const result = await fanout(fakeRouter({compute: 'A & B'}), 'compute', 'each', call)
    assert.deepEqual(calls.sort(), ['A', 'B'])
    assert.deepEqual(result.outcomes, [{instance: 'B', ok: true, value: 'b'}])
    assert.deepEqual(result.notes, ['Not found in A (compute).'])
  })

  it('A & B: found nowhere → both failures', async () => {
    const result = await fanout(fakeRouter({compute: 'A & B'}), 'compute', 'each', plan({A: missing('A'), B: missing('B')}).call)
    assert.deepEqual(result.outcomes.map((o) => o.ok), [false, false])
  })

  it('A & B: a real failure in A is kept even when B acted', async () => {
    const result = await fanout(fakeRouter({compute: 'A & B'}), 'compute', 'each', plan({A: api(500), B: 'b'}).call)
    assert.deepEqual(result.outcomes.map((o) => [o.instance, o.ok]), [['A', false], ['B', true]])
  })

  it('A | B: the first that has it (not found in A → B)', async () => {
    const {call, calls} = plan({A: missing('A'), B: 'b'})
    const result = await fanout(fakeRouter({compute: 'A | B'}), 'compute', 'each', call)
    assert.deepEqual(calls, ['A', 'B'])
    assert.deepEqual(result.outcomes, [{instance: 'B', ok: true, value: 'b'}])
  })
})

describe('routing/colocation', () => {
  it('network and block-storage follow compute: another instance is a usage error that says why and how to fix it', () => {
    for (const type of ['network', 'block-storage']) {
      assert.throws(
        () => checkColocated(type, 'compute', 'InstanceOne', parseExpr('InstanceTwo')),
        (error: unknown) =>
          error instanceof UsageError &&
          error.message.includes(`--scope sends ${type} to "InstanceTwo"`) &&
          error.hint === `Leave ${type} out of the scope (it follows compute), or set --scope '{"compute": "InstanceOne", "${type}": "InstanceOne"}'.`,
      )
    }
  })

  it('the same instance, no scope for the type, or a type with no rule: fine', () => {
    checkColocated('network', 'compute', 'InstanceOne', parseExpr('InstanceOne'))
    checkColocated('network', 'compute', 'InstanceOne', undefined)
    checkColocated('identity', 'image', 'InstanceOne', parseExpr('InstanceTwo'))
    checkColocated('image', 'compute', 'InstanceOne', parseExpr('InstanceTwo'))
  })

  it('a & that includes another instance is refused', () => {
    assert.throws(() => checkColocated('network', 'compute', 'InstanceOne', parseExpr('InstanceOne & InstanceTwo')), UsageError)
  })
})
