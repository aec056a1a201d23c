import {strict as assert} from 'node:assert'

import {UsageError} from '../../../src/errors.js'
import {checkInstances, type Expr, loadScope, parseScope, type Scope, scopeFromEnv, toJson, toObject} from '../../../src/routing/index.js'

const known = {clouds: ['InstanceOne', 'InstanceTwo'], regions: ['RegionOne', 'RegionTwo']}
const n = (name: string): Expr => ({kind: 'name', name})

const TRY = `Try: --scope '{"compute": "InstanceOne", "image": "InstanceTwo"}'`
const OBJECT = '--scope takes a JSON object from service type to instance'
const VALUE_HELP =
  'It must be an instance expression ("InstanceOne", "InstanceOne & InstanceTwo", "InstanceOne | InstanceTwo") ' +
  'or a list of them (["InstanceOne", "InstanceTwo"], meaning all of them).'
const EXPR_HELP =
  'Names are joined by & (every instance) and | (the first that works); & binds tighter than |, ' +
  'and parentheses group. Names may hold any character but & | ( ) ", e.g. "InstanceOne & (InstanceTwo | InstanceThree)".'
const TYPES =
  'identity, compute, image, network, block-storage, placement, object-store, orchestration, load-balancer, dns, ' +
  'key-manager, shared-file-system, baremetal, baremetal-introspection, accelerator, admin-logic, alarm, ' +
  'application-catalog, application-container, application-deployment, backup, clustering, ' +
  'container-infrastructure-management, data-processing, data-protection-orchestration, database, ec2-api, event, ' +
  'function-engine, instance-ha, log-management, message, meter, metric-storage, monitoring, monitoring-events, ' +
  'monitoring-logging, multi-region-network-automation, nfv-orchestration, operator-policy, rating, reservation, ' +
  'resource-optimization, root-cause-analysis, search, workflow'

function fails(run: () => unknown, message: string, hint: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof UsageError, String(error))
    assert.equal(error.exitCode, 2)
    assert.equal(error.message, message)
    assert.equal(error.hint, hint)
    return true
  })
}

const jsonComplaint = (text: string): string => {
  try {
    JSON.parse(text)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('valid JSON')
}

const summary = (scope: Scope) => Object.fromEntries([...scope.entries].map(([type, e]) => [type, [e.key, e.text]]))

describe('scope/scope', () => {
  describe('parseScope', () => {
    it('parses the README example', () => {
      const scope = parseScope('{"compute": "InstanceOne", "image": "InstanceTwo"}', known)
      assert.equal(scope.source, 'flag')
      assert.equal(scope.raw, '{"compute": "InstanceOne", "image": "InstanceTwo"}')
      assert.deepEqual([...scope.entries.keys()], ['compute', 'image'])
      assert.deepEqual(scope.entries.get('compute'), {key: 'compute', type: 'compute', expr: n('InstanceOne'), text: 'InstanceOne'})
    })

    it('maps aliases to the official type and keeps the key as typed', () => {
      const scope = parseScope('{"volume": "InstanceTwo"}', known)
      assert.deepEqual(summary(scope), {'block-storage': ['volume', 'InstanceTwo']})
      assert.deepEqual(summary(parseScope('{"sharev2": "RegionTwo"}', known)), {'shared-file-system': ['sharev2', 'RegionTwo']})
    })

    it('keeps expressions as typed and parses them', () => {
      const scope = parseScope('{"image": "InstanceTwo | InstanceOne", "compute": "InstanceOne&RegionTwo"}', known)
      assert.deepEqual(summary(scope), {image: ['image', 'InstanceTwo | InstanceOne'], compute: ['compute', 'InstanceOne&RegionTwo']})
      assert.deepEqual(toObject(scope), {image: 'InstanceTwo | InstanceOne', compute: 'InstanceOne & RegionTwo'})
    })

    it('reads a list as all of its items', () => {
      const scope = parseScope('{"image": ["InstanceOne", "InstanceTwo"]}', known)
      assert.deepEqual(scope.entries.get('image')?.expr, {kind: 'and', items: [n('InstanceOne'), n('InstanceTwo')]})
      assert.equal(scope.entries.get('image')?.text, 'InstanceOne & InstanceTwo')
      assert.deepEqual(parseScope('{"image": ["InstanceOne"]}', known).entries.get('image')?.expr, n('InstanceOne'))
    })

    it('lets list items be expressions', () => {
      const scope = parseScope('{"image": ["InstanceOne | RegionOne", "InstanceTwo & RegionTwo"]}', known)
      assert.equal(scope.entries.get('image')?.text, '(InstanceOne | RegionOne) & InstanceTwo & RegionTwo')
    })

    it('accepts an empty object (everything goes home)', () => {
      assert.equal(parseScope('{}', known).entries.size, 0)
    })

    it('does not check names without known instances', () => {
      assert.equal(parseScope('{"compute": "Nowhere"}').entries.get('compute')?.text, 'Nowhere')
    })

    it('calls a known() function once, lazily', () => {
      let calls = 0
      parseScope('{"compute": "InstanceOne"}', () => (calls++, known))
      assert.equal(calls, 1)
    })

    it('refuses an empty value', () => {
      fails(() => parseScope('', known), `--scope is empty: ${OBJECT}.`, TRY)
      fails(() => parseScope('  ', known, 'env'), `OS_SCOPE is empty: OS_SCOPE takes a JSON object from service type to instance.`, `Try: OS_SCOPE='{"compute": "InstanceOne", "image": "InstanceTwo"}'`)
    })

    it('refuses invalid JSON with JSON\'s complaint', () => {
      for (const text of ['{compute: InstanceOne}', '{"compute": "InstanceOne",}', '{"compute": InstanceOne}', '[']) {
        fails(
          () => parseScope(text, known),
          `--scope '${text}' is not valid JSON (${jsonComplaint(text)}). ${OBJECT}, with every key and name in double quotes; ` +
            'quote the whole value in single quotes so that the shell keeps them.',
          TRY,
        )
      }
    })

    it('refuses a bare name, pointing at --os-cloud', () => {
      fails(
        () => parseScope('InstanceOne', known),
        `--scope 'InstanceOne' is not a JSON object: ${OBJECT}. To send every service to one cloud, use --os-cloud instead.`,
        TRY,
      )
    })

    it('refuses JSON that is not an object', () => {
      for (const [text, kind] of [['["InstanceOne"]', 'a JSON array'], ['"InstanceOne"', 'a JSON string'], ['42', 'a JSON number'], ['true', 'a JSON boolean'], ['null', 'a JSON null']]) {
        fails(() => parseScope(text, known), `--scope '${text}' is ${kind}, not an object: ${OBJECT}.`, TRY)
      }
    })

    it('refuses an unknown key, suggesting the near one', () => {
      fails(
        () => parseScope('{"compute": "InstanceOne", "imag": "InstanceTwo"}', known),
        `--scope '{"compute": "InstanceOne", "imag": "InstanceTwo"}' has an unknown service type "imag" (did you mean "image"?). ` +
          `Keys are official service types or their aliases (such as "volume" for block-storage): ${TYPES}.`,
        `Try: --scope '{"compute": "InstanceOne", "image": "InstanceTwo"}'`,
      )
      fails(
        () => parseScope('{"comptue": "InstanceOne"}', known),
        `--scope '{"comptue": "InstanceOne"}' has an unknown service type "comptue" (did you mean "compute"?). ` +
          `Keys are official service types or their aliases (such as "volume" for block-storage): ${TYPES}.`,
        `Try: --scope '{"compute": "InstanceOne"}'`,
      )
      fails(
        () => parseScope('{"Image": "InstanceOne"}', known),
        `--scope '{"Image": "InstanceOne"}' has an unknown service type "Image" (did you mean "image"?). ` +
          `Keys are official service types or their aliases (such as "volume" for block-storage): ${TYPES}.`,
        `Try: --scope '{"image": "InstanceOne"}'`,
      )
    })

    it('refuses a project name, naming its service type', () => {
      fails(
        () => parseScope('{"nova": "InstanceOne"}', known),
        `--scope '{"nova": "InstanceOne"}' has an unknown service type "nova" ("nova" is a project; its service type is "compute"). ` +
          `Keys are official service types or their aliases (such as "volume" for block-storage): ${TYPES}.`,
        `Try: --scope '{"compute": "InstanceOne"}'`,
      )
    })

    it('refuses an unknown key with no near one', () => {
      fails(
        () => parseScope('{"xyzzy": "InstanceOne"}', known),
        `--scope '{"xyzzy": "InstanceOne"}' has an unknown service type "xyzzy". ` +
          `Keys are official service types or their aliases (such as "volume" for block-storage): ${TYPES}.`,
        TRY,
      )
    })

    it('refuses two keys for the same type', () => {
      fails(
        () => parseScope('{"volume": "InstanceOne", "block-storage": "InstanceTwo"}', known),
        `--scope '{"volume": "InstanceOne", "block-storage": "InstanceTwo"}' gives block-storage twice: "volume" and "block-storage" are the same service type. Give it once.`,
        `Try: --scope '{"block-storage": "InstanceOne"}'`,
      )
    })

    it('refuses values that are not expressions or lists of them', () => {
      const bad = (text: string, what: string) =>
        fails(() => parseScope(text, known), `--scope '${text}': ${what}. ${VALUE_HELP}`, `Try: --scope '{"compute": "InstanceOne"}'`)
      bad('{"compute": 1}', 'the value of "compute" is a number')
      bad('{"compute": null}', 'the value of "compute" is a null')
      bad('{"compute": {"a": "b"}}', 'the value of "compute" is an object')
      bad('{"compute": ""}', 'the value of "compute" is empty')
      bad('{"compute": "  "}', 'the value of "compute" is empty')
      bad('{"compute": []}', 'the list for "compute" is empty')
      bad('{"compute": ["InstanceOne", 2]}', 'the list for "compute" holds a number')
      bad('{"compute": [["InstanceOne"]]}', 'the list for "compute" holds an array')
      bad('{"compute": ["InstanceOne", ""]}', 'the value of "compute" is empty')
    })

    it('reports syntax errors with the key and the position', () => {
      const bad = (expr: string, reason: string) =>
        fails(
          () => parseScope(JSON.stringify({compute: expr}), known),
          `In --scope, the expression ${JSON.stringify(expr)} for "compute" is invalid: ${reason}.`,
          EXPR_HELP,
        )
      bad('InstanceOne & & InstanceTwo', 'expected an instance name or "(" at position 15, found "&"')
      bad('(InstanceOne | InstanceTwo', 'the "(" at position 1 is never closed')
      bad('InstanceOne)', 'the ")" at position 12 has no "(" to close')
      bad('InstanceOne & InstanceOne', '"InstanceOne" appears twice in the same "&"')
    })

    it('reports errors in list items and duplicates across a list', () => {
      fails(
        () => parseScope('{"image": ["InstanceOne", "A |"]}', known),
        'In --scope, the expression "A |" for "image" is invalid: expected an instance name or "(" at the end.',
        EXPR_HELP,
      )
      fails(
        () => parseScope('{"image": ["InstanceOne", "InstanceOne"]}', known),
        'In --scope, the expression ["InstanceOne", "InstanceOne"] for "image" is invalid: "InstanceOne" appears twice in the same "&".',
        EXPR_HELP,
      )
    })

    it('accepts clouds and regions, and refuses unknown instances', () => {
      assert.equal(parseScope('{"compute": "RegionTwo | InstanceOne"}', known).entries.size, 1)
      fails(
        () => parseScope('{"compute": "InstanceOne", "image": "InstanceOne | Elsewhere"}', known),
        'Unknown instance "Elsewhere" in --scope for "image". ' +
          'An instance is a cloud in clouds.yaml (InstanceOne, InstanceTwo) or a region of the home cloud (RegionOne, RegionTwo).',
        `Try: --scope '{"image": "InstanceOne"}'`,
      )
    })

    it('suggests the near instance name', () => {
      fails(
        () => parseScope('{"volume": "InstanceTow"}', known),
        'Unknown instance "InstanceTow" in --scope for "volume" (did you mean "InstanceTwo"?). ' +
          'An instance is a cloud in clouds.yaml (InstanceOne, InstanceTwo) or a region of the home cloud (RegionOne, RegionTwo).',
        `Try: --scope '{"volume": "InstanceTwo"}'`,
      )
    })

    it('explains two names separated by a space', () => {
      fails(
        () => parseScope('{"image": "InstanceOne InstanceTwo"}', known),
        'Unknown instance "InstanceOne InstanceTwo" in --scope for "image". ' +
          'An instance is a cloud in clouds.yaml (InstanceOne, InstanceTwo) or a region of the home cloud (RegionOne, RegionTwo).',
        'To use several instances, join them with & or |: "InstanceOne & InstanceTwo".',
      )
    })

    it('says "none" when there are no clouds or regions', () => {
      fails(
        () => parseScope('{"image": "X"}', {clouds: [], regions: []}),
        'Unknown instance "X" in --scope for "image". An instance is a cloud in clouds.yaml (none) or a region of the home cloud (none).',
        `Try: --scope '{"image": "InstanceOne"}'`,
      )
    })
  })

  describe('checkInstances', () => {
    it('checks later, with the wording of the source', () => {
      const scope = parseScope('{"image": "Later"}', undefined, 'env')
      checkInstances(scope, {clouds: ['Later'], regions: []})
      fails(
        () => checkInstances(scope, known),
        'Unknown instance "Later" in OS_SCOPE for "image". ' +
          'An instance is a cloud in clouds.yaml (InstanceOne, InstanceTwo) or a region of the home cloud (RegionOne, RegionTwo).',
        `Try: OS_SCOPE='{"image": "InstanceOne"}'`,
      )
    })
  })

  describe('scopeFromEnv', () => {
    it('is undefined without variables, or with empty ones', () => {
      assert.equal(scopeFromEnv({}), undefined)
      assert.equal(scopeFromEnv({OS_SCOPE: '', OS_SCOPE_IMAGE: ' ', OS_CLOUD: 'x'}), undefined)
    })

    it('returns OS_SCOPE as it is', () => {
      assert.equal(scopeFromEnv({OS_SCOPE: '{"compute":"InstanceOne"}'}), '{"compute":"InstanceOne"}')
      assert.equal(scopeFromEnv({OS_SCOPE: 'not json'}), 'not json')
    })

    it('reads OpenStackoïd\'s OS_SCOPE_<TYPE> variables', () => {
      assert.equal(scopeFromEnv({OS_SCOPE_IMAGE: 'InstanceTwo', OS_SCOPE_COMPUTE: 'InstanceOne'}), '{"compute": "InstanceOne", "image": "InstanceTwo"}')
      assert.equal(scopeFromEnv({OS_SCOPE_BLOCK_STORAGE: 'A | B'}), '{"block-storage": "A | B"}')
      assert.equal(scopeFromEnv({OS_SCOPE_VOLUMEV3: 'A'}), '{"volumev3": "A"}')
    })

    it('merges OS_SCOPE with OS_SCOPE_<TYPE>', () => {
      assert.equal(
        scopeFromEnv({OS_SCOPE: '{"compute": "InstanceOne"}', OS_SCOPE_IMAGE: 'InstanceTwo'}),
        '{"compute": "InstanceOne", "image": "InstanceTwo"}',
      )
    })

    it('refuses a type given twice', () => {
      fails(
        () => scopeFromEnv({OS_SCOPE: '{"image": "InstanceOne"}', OS_SCOPE_IMAGE: 'InstanceTwo'}),
        'OS_SCOPE and OS_SCOPE_IMAGE both give image; keep one of them.',
        'Try: unset OS_SCOPE_IMAGE',
      )
      fails(
        () => scopeFromEnv({OS_SCOPE_VOLUME: 'A', OS_SCOPE_BLOCK_STORAGE: 'B'}),
        'OS_SCOPE_BLOCK_STORAGE and OS_SCOPE_VOLUME both give block-storage; keep one of them.',
        'Try: unset OS_SCOPE_VOLUME',
      )
    })

    it('refuses an unknown OS_SCOPE_<TYPE>', () => {
      fails(
        () => scopeFromEnv({OS_SCOPE_IMAG: 'InstanceTwo'}),
        'Unknown service type in the environment variable OS_SCOPE_IMAG (did you mean OS_SCOPE_IMAGE?). ' +
          'OS_SCOPE_<TYPE> takes an official service type or alias in capitals, with _ for -, such as OS_SCOPE_COMPUTE or OS_SCOPE_BLOCK_STORAGE.',
        'Try: OS_SCOPE_IMAGE=InstanceTwo',
      )
    })

    it('reports a broken OS_SCOPE when it must merge it', () => {
      fails(
        () => scopeFromEnv({OS_SCOPE: '[]', OS_SCOPE_IMAGE: 'InstanceTwo'}),
        "OS_SCOPE='[]' is a JSON array, not an object: OS_SCOPE takes a JSON object from service type to instance.",
        `Try: OS_SCOPE='{"compute": "InstanceOne", "image": "InstanceTwo"}'`,
      )
    })
  })

  describe('loadScope', () => {
    const env = {OS_SCOPE: '{"compute": "InstanceTwo"}', OS_SCOPE_IMAGE: 'InstanceTwo'}

    it('takes the flag over the environment, whole', () => {
      const scope = loadScope('{"compute": "InstanceOne"}', env, known)
      assert.equal(scope.source, 'flag')
      assert.deepEqual(summary(scope), {compute: ['compute', 'InstanceOne']})
    })

    it('reads the environment without the flag', () => {
      const scope = loadScope(undefined, env, known)
      assert.equal(scope.source, 'env')
      assert.deepEqual(summary(scope), {compute: ['compute', 'InstanceTwo'], image: ['image', 'InstanceTwo']})
    })

    it('has no scope without either', () => {
      assert.deepEqual(loadScope(undefined, {}, known), {entries: new Map(), source: 'none'})
    })

    it('words environment errors with OS_SCOPE', () => {
      fails(
        () => loadScope(undefined, {OS_SCOPE: '{"imag": "InstanceOne"}'}, known),
        `OS_SCOPE='{"imag": "InstanceOne"}' has an unknown service type "imag" (did you mean "image"?). ` +
          `Keys are official service types or their aliases (such as "volume" for block-storage): ${TYPES}.`,
        `Try: OS_SCOPE='{"image": "InstanceOne"}'`,
      )
    })
  })

  describe('toJson', () => {
    it('uses Python\'s separators', () => {
      assert.equal(toJson({compute: 'A', image: ['B', 'C']}), '{"compute": "A", "image": ["B", "C"]}')
    })
  })
})
