import {strict as assert} from 'node:assert'
import {chmodSync} from 'node:fs'
import {join} from 'node:path'

import {listCloudNames, loadCloudsFiles, resetConfigCache, resolveHomeCloud} from '../../../src/config/index.js'
import {searchDirs} from '../../../src/config/files.js'
import {Sandbox, rejectsUsage} from './helpers.js'

const cloud = (url: string) => `clouds:\n  c:\n    auth:\n      auth_url: ${url}\n`

describe('config/files', () => {
  let box: Sandbox
  beforeEach(() => {
    resetConfigCache()
    box = new Sandbox()
  })
  afterEach(() => box.remove())

  describe('search path', () => {
    it('is cwd, the XDG user dir, ~/.config/openstack, the site dirs (openstacksdk order)', () => {
      assert.deepEqual(searchDirs({env: {}, cwd: '/w', home: '/h'}), ['/w', '/h/.config/openstack', '/etc/xdg/openstack', '/etc/openstack'])
      assert.deepEqual(searchDirs({env: {XDG_CONFIG_HOME: '/x', XDG_CONFIG_DIRS: '/a:/b', SNAP_REAL_HOME: '/real'}, cwd: '/w', home: '/h'}), [
        '/w',
        '/x/openstack',
        '/real/.config/openstack',
        '/a/openstack',
        '/b/openstack',
        '/etc/openstack',
      ])
    })

    it('prefers the current directory, then ~/.config/openstack, then the system directory', async () => {
      box.write('etc/openstack/clouds.yaml', cloud('http://etc'))
      assert.equal((await resolveHomeCloud(box.inputs())).auth.auth_url, 'http://etc')
      resetConfigCache()
      box.write('home/.config/openstack/clouds.yaml', cloud('http://home'))
      assert.equal((await resolveHomeCloud(box.inputs())).auth.auth_url, 'http://home')
      resetConfigCache()
      box.write('cwd/clouds.yaml', cloud('http://cwd'))
      const config = await resolveHomeCloud(box.inputs())
      assert.equal(config.auth.auth_url, 'http://cwd')
      assert.deepEqual(config.files, {clouds: box.path('cwd/clouds.yaml')})
    })

    it('uses $XDG_CONFIG_HOME/openstack', async () => {
      box.write('xdg/openstack/clouds.yaml', cloud('http://xdg'))
      box.write('home/.config/openstack/clouds.yaml', cloud('http://home'))
      assert.equal((await resolveHomeCloud(box.inputs({env: {XDG_CONFIG_HOME: box.path('xdg')}}))).auth.auth_url, 'http://xdg')
    })

    it('tries clouds.yaml, then clouds.yml, then clouds.json in one directory', async () => {
      box.write('cwd/clouds.json', JSON.stringify({clouds: {c: {auth: {auth_url: 'http://json'}}}}))
      assert.equal((await resolveHomeCloud(box.inputs())).auth.auth_url, 'http://json')
      resetConfigCache()
      box.write('cwd/clouds.yml', cloud('http://yml'))
      assert.equal((await resolveHomeCloud(box.inputs())).auth.auth_url, 'http://yml')
      resetConfigCache()
      box.write('cwd/clouds.yaml', cloud('http://yaml'))
      assert.equal((await resolveHomeCloud(box.inputs())).auth.auth_url, 'http://yaml')
    })

    it('tries OS_CLIENT_CONFIG_FILE first (relative to cwd), and falls through when it does not exist', async () => {
      box.write('cwd/clouds.yaml', cloud('http://cwd'))
      box.write('cwd/other/mine.yaml', cloud('http://mine'))
      assert.equal((await resolveHomeCloud(box.inputs({env: {OS_CLIENT_CONFIG_FILE: 'other/mine.yaml'}}))).auth.auth_url, 'http://mine')
      assert.equal((await resolveHomeCloud(box.inputs({env: {OS_CLIENT_CONFIG_FILE: box.path('nope.yaml')}}))).auth.auth_url, 'http://cwd')
    })

    it('tries OS_CLIENT_SECURE_FILE first for secure.yaml', async () => {
      box.write('cwd/clouds.yaml', cloud('http://cwd'))
      box.write('cwd/secure.yaml', 'clouds:\n  c:\n    auth:\n      password: from-search\n')
      const path = box.write('s/secret.yaml', 'clouds:\n  c:\n    auth:\n      password: from-env\n')
      const config = await resolveHomeCloud(box.inputs({env: {OS_CLIENT_SECURE_FILE: path}}))
      assert.equal(config.auth.password, 'from-env')
      assert.deepEqual(config.files, {clouds: box.path('cwd/clouds.yaml'), secure: path})
    })

    it('skips a file it may not read, as openstacksdk does', async function () {
      if (process.getuid?.() === 0) this.skip()
      box.write('home/.config/openstack/clouds.yaml', cloud('http://home'))
      const path = box.write('cwd/clouds.yaml', cloud('http://cwd'))
      chmodSync(path, 0o000)
      assert.equal((await resolveHomeCloud(box.inputs())).auth.auth_url, 'http://home')
    })
  })

  describe('merging and parsing', () => {
    it('deep-merges secure.yaml over clouds.yaml, even from another directory', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    region_name: R\n    auth:\n      auth_url: http://a\n      username: u\n      password: old\n')
      box.write('home/.config/openstack/secure.yaml', 'clouds:\n  c:\n    auth:\n      password: secret\n  d:\n    auth:\n      password: x\n')
      const loaded = await loadCloudsFiles(box.inputs())
      assert.deepEqual(loaded.clouds.c, {region_name: 'R', auth: {auth_url: 'http://a', username: 'u', password: 'secret'}})
      assert.deepEqual(Object.keys(loaded.clouds), ['c', 'd'])
      assert.deepEqual(loaded.files, {clouds: box.path('cwd/clouds.yaml'), secure: box.path('home/.config/openstack/secure.yaml')})
      const c = await resolveHomeCloud(box.inputs({cloud: 'c'}))
      assert.equal(c.auth.password, 'secret')
      assert.deepEqual(c.files, {clouds: box.path('cwd/clouds.yaml'), secure: box.path('home/.config/openstack/secure.yaml')})
    })

    it('keeps the other top-level sections', async () => {
      box.write('cwd/clouds.yaml', 'client:\n  force_ipv4: true\nclouds: {}\n')
      assert.deepEqual((await loadCloudsFiles(box.inputs())).sections, {client: {force_ipv4: true}})
    })

    it('reads YAML as PyYAML does: 1.1 booleans, later duplicate keys win, 2.0 stays "2.0"', async () => {
      box.write(
        'cwd/clouds.yaml',
        'clouds:\n  c:\n    verify: no\n    image_api_version: 2.0\n    compute_api_version: 2.1\n    volume_api_version: 3\n    api_timeout: 30\n    api_timeout: 45\n    auth: {auth_url: "http://x"}\n',
      )
      const config = await resolveHomeCloud(box.inputs())
      assert.equal(config.verify, false)
      assert.equal(config.apiTimeout, 45)
      assert.equal(config.extra.image_api_version, '2.0')
      assert.equal(config.extra.compute_api_version, '2.1')
      assert.equal(config.extra.volume_api_version, '3')
    })

    it('normalises dashes in keys (auth-url, project-name)', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  my-cloud:\n    identity-api-version: 3\n    auth:\n      auth-url: http://x\n      project-name: p\n')
      const config = await resolveHomeCloud(box.inputs())
      assert.equal(config.name, 'my-cloud')
      assert.equal(config.auth.auth_url, 'http://x')
      assert.equal(config.auth.project_name, 'p')
      assert.equal(config.identityApiVersion, '3')
    })

    it('accepts an empty file, an empty clouds: and a cloud with no body', async () => {
      box.write('cwd/clouds.yaml', '')
      assert.deepEqual(await listCloudNames(box.inputs()), [])
      resetConfigCache()
      box.write('cwd/clouds.yaml', 'clouds:\n')
      assert.deepEqual(await listCloudNames(box.inputs()), [])
      resetConfigCache()
      box.write('cwd/clouds.yaml', 'clouds:\n  bare:\n')
      assert.equal((await resolveHomeCloud(box.inputs())).name, 'bare')
    })

    it('caches the files per process until resetConfigCache()', async () => {
      box.write('cwd/clouds.yaml', cloud('http://one'))
      const first = await loadCloudsFiles(box.inputs())
      box.write('cwd/clouds.yaml', cloud('http://two'))
      assert.equal(await loadCloudsFiles(box.inputs()), first)
      resetConfigCache()
      assert.deepEqual((await loadCloudsFiles(box.inputs())).clouds.c, {auth: {auth_url: 'http://two'}})
    })

    it('finds nothing (and parses nothing) when no file exists', async () => {
      const loaded = await loadCloudsFiles(box.inputs())
      assert.deepEqual(loaded.clouds, {})
      assert.deepEqual(loaded.files, {clouds: undefined, secure: undefined})
      assert.deepEqual(await loaded.profiles(), {})
    })
  })

  describe('names as PyYAML reads them (OSC)', () => {
    const entry = (name: string) => `  ${name}:\n    auth: {auth_url: 'http://127.0.0.1:5000/v3', username: u, password: p, project_name: pr}\n`

    it('keeps y, n, Y and N as cloud names, selectable as in OSC', async () => {
      box.write('cwd/clouds.yaml', `clouds:\n${entry('Y')}${entry('n')}${entry('region: 1')}`.replace('  region: 1:\n', '  other:\n    region_name: N\n'))
      assert.deepEqual(await listCloudNames(box.inputs()), ['Y', 'n', 'other'])
      assert.equal((await resolveHomeCloud(box.inputs({cloud: 'Y'}))).name, 'Y')
      assert.equal((await resolveHomeCloud(box.inputs({cloud: 'other'}))).regionName, 'N')
    })

    it('says why a cloud named yes or 0755 cannot be selected (OSC: "Cloud yes was not found.")', async () => {
      const path = box.write('cwd/clouds.yaml', `clouds:\n${entry('yes')}${entry('0755')}${entry('ok')}`)
      assert.deepEqual(await listCloudNames(box.inputs()), ['ok'])
      await rejectsUsage(
        resolveHomeCloud(box.inputs({cloud: 'yes'})),
        `Cloud "yes" (from --os-cloud) was not found in ${path}.`,
        `The name yes in ${path} is read as the boolean true (YAML 1.1, as python-openstackclient reads it), not as text: quote it there ("yes":). Known clouds: ok.`,
      )
      await rejectsUsage(
        resolveHomeCloud(box.inputs({cloud: 'nope'})),
        `Cloud "nope" (from --os-cloud) was not found in ${path}.`,
        'Known clouds: ok. Names read as something else than text, to quote in the file: yes (the boolean true), 0755 (the int 493).',
      )
    })

    it('rejects a key inside a cloud that PyYAML reads as a boolean (OSC fails with "\'bool\' object has no attribute \'replace\'")', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth:\n      username: u\n      on: 1\n')
      await rejectsUsage(
        loadCloudsFiles(box.inputs()),
        `Invalid ${path}: line 5, column 7: clouds.c.auth: the key on is read as the boolean true, not as text`,
        'python-openstackclient reads clouds.yaml with PyYAML (YAML 1.1): quote a key that would be read as a boolean, number, date or null, e.g. "yes": or "0755":.',
      )
    })

    it('reads numbers as OSC prints them', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth:\n      username: 0x1F\n      password: 1_000\n      project_name: 1.5e+3\n      project_id: 1:20\n      user_id: 1e3\n')
      const c = await resolveHomeCloud(box.inputs({cloud: 'c'}))
      assert.deepEqual([c.auth.username, c.auth.password, c.auth.project_name, c.auth.project_id, c.auth.user_id], ['31', '1000', '1500.0', '80', '1e3'])
    })

    it('rejects a plain = or << value, and a scalar PyYAML cannot construct', async () => {
      let path = box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth:\n      password: =\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Cannot parse ${path}: line 4, column 17: a plain = is not a value in YAML 1.1 as python-openstackclient reads it.`, 'Quote it: "=".')
      resetConfigCache()
      path = box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth:\n      password: 0b_\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Cannot parse ${path}: line 4, column 17: "0b_" is not a valid integer (base 2)`)
    })
  })

  describe('errors', () => {
    it('reports a YAML syntax error with the file, line and column', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth: {auth_url: x\n')
      await rejectsUsage(
        loadCloudsFiles(box.inputs()),
        `Cannot parse ${path}: line 4, column 1: Flow map in block collection must be sufficiently indented and end with a }`,
        'The file must be valid YAML (spaces, not tabs, for indentation).',
      )
    })

    it('reports an alias to an anchor that does not exist (found by toJS, not by the parser)', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth: *nosuch\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Cannot parse ${path}: Unresolved alias (the anchor must be set before the alias): nosuch`, 'The file must be valid YAML (spaces, not tabs, for indentation).')
    })

    it('reports a tab used as indentation', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n\tc: {}\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Cannot parse ${path}: line 2, column 1: Tabs are not allowed as indentation`)
    })

    it('does not show the offending line (it may hold a password)', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  c:\n    auth:\n      password: a: b\n')
      await assert.rejects(loadCloudsFiles(box.inputs()), (error: Error) => !error.message.includes('a: b') && /line 4, column 17: Nested mappings/.test(error.message))
    })

    it('reports a JSON syntax error with the file, line and column', async () => {
      const text = '{\n  "clouds": {,}\n}\n'
      const path = box.write('cwd/clouds.json', text)
      // The reason is Node's own JSON.parse message, which differs between Node versions.
      let reason = ''
      try {
        JSON.parse(text)
      } catch (error) {
        reason = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '')
      }

      await rejectsUsage(loadCloudsFiles(box.inputs()), `Cannot parse ${path}: line 2, column 14: ${reason}`, 'The file must be valid JSON.')
    })

    it('reports a syntax error in secure.yaml with its own path', async () => {
      box.write('cwd/clouds.yaml', cloud('http://x'))
      const path = box.write('cwd/secure.yaml', 'clouds: [\n')
      await assert.rejects(loadCloudsFiles(box.inputs()), (error: Error) => error.message.startsWith(`Cannot parse ${path}: line `))
    })

    const HINT = 'See https://docs.openstack.org/openstacksdk/latest/user/config/configuration.html for the clouds.yaml format.'

    it('reports a wrong type with the file and the key path', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  InstanceOne:\n    auth:\n      password: true\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Invalid ${path}: clouds.InstanceOne.auth.password: expected a string, got boolean true`, HINT)
    })

    it('reports every wrong type (up to five)', async () => {
      const path = box.write(
        'cwd/clouds.yaml',
        'clouds:\n  a:\n    auth: [x]\n    verify: maybe\n    api_timeout: soon\n    regions:\n      - {name: R1, valeus: {}}\n      - 3\n    openstackoid: {}\n',
      )
      await rejectsUsage(
        loadCloudsFiles(box.inputs()),
        `Invalid ${path}: clouds.a.auth: expected a mapping of auth options, got a list\n` +
          'clouds.a.verify: expected true or false, got string "maybe"\n' +
          'clouds.a.api_timeout: expected a number of seconds, got string "soon"\n' +
          'clouds.a.openstackoid: expected true or false, got a mapping\n' +
          'clouds.a.regions.0: Unrecognized key: "valeus"\n' +
          '... and 1 more',
      )
    })

    it('reports a clouds: that is not a mapping, and a file that is not a mapping', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  - a\n  - b\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Invalid ${path}: clouds: expected a mapping of cloud names to cloud entries, got a list`)
      resetConfigCache()
      box.write('cwd/clouds.yaml', 'just text\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Invalid ${path}: (top level): expected a mapping with a "clouds" key, got string "just text"`)
    })

    it('reports a cloud entry that is not a mapping', async () => {
      const path = box.write('cwd/clouds.yaml', 'clouds:\n  a: hello\n')
      await rejectsUsage(loadCloudsFiles(box.inputs()), `Invalid ${path}: clouds.a: expected a mapping (a cloud entry), got string "hello"`)
    })

    it('accepts numbers where strings are expected, as openstacksdk does', async () => {
      box.write('cwd/clouds.yaml', 'clouds:\n  a:\n    auth:\n      password: 1234\n      project_id: 42\n')
      const config = await resolveHomeCloud(box.inputs())
      assert.equal(config.auth.password, '1234')
      assert.equal(config.auth.project_id, '42')
    })

    it('does not cache a failure', async () => {
      box.write('cwd/clouds.yaml', 'clouds: [\n')
      await assert.rejects(loadCloudsFiles(box.inputs()))
      box.write('cwd/clouds.yaml', cloud('http://fixed'))
      assert.deepEqual(Object.keys((await loadCloudsFiles(box.inputs())).clouds), ['c'])
    })

    it('reads clouds-public.yaml only when a profile is used', async () => {
      box.write('cwd/clouds.yaml', cloud('http://x'))
      box.write('cwd/clouds-public.yaml', 'public-clouds: [\n')
      const config = await resolveHomeCloud(box.inputs())
      assert.deepEqual(config.files, {clouds: join(box.cwd, 'clouds.yaml')})
    })
  })
})
