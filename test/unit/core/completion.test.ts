import {strict as assert} from 'node:assert'
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {globalFlags} from '../../../src/cli/flags.js'

/** The bash completion script that `npm run build` writes (scripts/completion.mjs), run by bash. */
const ROOT = resolve(import.meta.dirname, '../../../..')
const SCRIPT = join(ROOT, 'dist', 'bundle', 'completion', 'openstackoid.bash')
const BIN = join(ROOT, 'bin', 'run.js')

interface ManifestFlag {
  name: string
  type: string
  char?: string
  allowNo?: boolean
  hidden?: boolean
  options?: string[]
}
interface ManifestCommand {
  hidden?: boolean
  flags: Record<string, ManifestFlag>
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}

describe('shell completion (dist/bundle/completion/openstackoid.bash)', () => {
  let dir = ''
  let home = ''
  let cwd = ''

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oid-complete-'))
    home = join(dir, 'home')
    cwd = join(dir, 'work')
    mkdirSync(join(home, '.config', 'openstack'), {recursive: true})
    mkdirSync(cwd)
  })
  afterEach(() => rmSync(dir, {recursive: true, force: true}))

  const cliEnv = () => ({...process.env, HOME: home, XDG_CACHE_HOME: join(dir, 'cache')})

  /** COMPREPLY after TAB on `words` (the last one is the word under the cursor), in a clean environment. */
  function complete(words: string[], env: Record<string, string> = {}): string[] {
    const result = spawnSync(
      'bash',
      ['-c', 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _openstackoid; printf "%s\\n" "${COMPREPLY[@]}"', 'test', SCRIPT, ...words],
      {cwd, encoding: 'utf8', env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_DIRS: join(dir, 'xdg'), ...env}},
    )
    assert.equal(result.status, 0, result.stderr)
    assert.equal(result.stderr, '')
    return result.stdout.split('\n').filter(Boolean)
  }

  it('is valid bash, and `openstackoid complete` prints it (and the zsh and fish ones)', () => {
    execFileSync('bash', ['-n', SCRIPT])
    const script = readFileSync(SCRIPT, 'utf8')
    assert.equal(execFileSync(process.execPath, [BIN, 'complete'], {encoding: 'utf8', env: cliEnv()}), script)
    assert.equal(execFileSync(process.execPath, [BIN, 'complete', '--shell', 'bash'], {encoding: 'utf8', env: cliEnv()}), script)
    const zsh = execFileSync(process.execPath, [BIN, 'complete', '--shell', 'zsh'], {encoding: 'utf8', env: cliEnv()})
    assert.match(zsh, /^#compdef openstackoid\n/)
    assert.ok(zsh.includes(`_openstackoid_bash_script='${script.replaceAll("'", "'\\''")}'`))
    const fish = execFileSync(process.execPath, [BIN, 'complete', '--shell', 'fish'], {encoding: 'utf8', env: cliEnv()})
    assert.match(fish, /complete -c openstackoid -f -a '\(__openstackoid_complete\)'/)
    // zsh and fish hand the words to bash with the same runner (scripts/completion.mjs): run it as zsh does.
    const runner = /"\$_openstackoid_bash_script"\$'\\n'('COMP_WORDS=[^\n]*?; true')/.exec(zsh)?.[1]
    assert.ok(runner, 'the runner in the zsh script')
    const viaRunner = (...words: string[]) =>
      execFileSync('bash', ['-c', `eval "runner=${runner.replaceAll('"', '\\"').replaceAll('$', '\\$')}"; printf '%s\\n' "$(cat "$1")" "$runner" | bash -s -- "\${@:2}"`, 'test', SCRIPT, ...words], {
        encoding: 'utf8',
        env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home},
      })
    assert.equal(viaRunner('openstackoid', 'image', 'l'), 'list\n')
    assert.equal(viaRunner('openstackoid', 'image', 'list', '--format=j'), '--format=json\n')
    assert.equal(viaRunner('openstackoid', 'image', 'create', '--file', ''), '__openstackoid_default__\n')
    const bad = spawnSync(process.execPath, [BIN, 'complete', '--shell', 'tcsh'], {encoding: 'utf8', env: cliEnv()})
    assert.equal(bad.status, 2)
    assert.match(bad.stderr, /bash, zsh, fish/)
  })

  it('completes command words, topic by topic (openstackoid im<TAB>, openstackoid image l<TAB>)', () => {
    assert.deepEqual(complete(['openstackoid', 'im']), ['image'])
    assert.deepEqual(complete(['openstackoid', 'image', 'l']), ['list'])
    assert.deepEqual(complete(['openstackoid', 'image', 'member', '']), ['list'])
    const ids = Object.entries(manifest.commands).filter(([, command]) => !command.hidden).map(([id]) => id.split(':'))
    assert.deepEqual(complete(['openstackoid', '']).sort(), [...new Set(ids.map((words) => words[0]))].sort())
    assert.deepEqual(complete(['openstackoid', 'image', '']).sort(), [...new Set(ids.filter((words) => words[0] === 'image').map((words) => words[1]))].sort())
    // Flags and their values before and between the words do not count as words.
    assert.deepEqual(complete(['openstackoid', '--os-cloud', 'x', 'image', '-f', 'json', 'l']), ['list'])
    // After a positional argument, no more command words.
    assert.deepEqual(complete(['openstackoid', 'image', 'show', 'cirros', '']), [])
    assert.deepEqual(complete(['openstackoid', 'nope', '']), [])
  })

  it('completes each command\'s flags as the manifest lists them, and the global ones from src/cli/flags.ts (openstackoid image list --lo<TAB>)', () => {
    assert.deepEqual(complete(['openstackoid', 'image', 'list', '--lo']), ['--long'])
    const globals = Object.entries(globalFlags).map(([name, flag]) => ({...flag, name}) as ManifestFlag)
    assert.ok(globals.some((flag) => flag.name === 'os-cloud') && globals.some((flag) => flag.name === 'scope'))
    for (const id of ['image:list', 'server:create', 'token:issue', 'image:add:project']) {
      const flags = [...globals, ...Object.values(manifest.commands[id].flags)].filter((flag) => !flag.hidden)
      const expected = flags.flatMap((flag) => [`--${flag.name}`, ...(flag.type === 'boolean' && flag.allowNo ? [`--no-${flag.name}`] : [])])
      assert.deepEqual(complete(['openstackoid', ...id.split(':'), '--']).sort(), [...new Set([...expected, '--help'])].sort(), id)
    }

    assert.deepEqual(complete(['openstackoid', '--']).sort(), ['--help', '--version'])
  })

  it('completes the values a flag lists (-f, --format=, --os-interface)', () => {
    const format = manifest.commands['image:list'].flags.format.options ?? []
    assert.ok(format.length > 3)
    assert.deepEqual(complete(['openstackoid', 'image', 'list', '-f', '']), format)
    assert.deepEqual(complete(['openstackoid', 'image', 'list', '--format', 'j']), ['json'])
    // bash splits --format=j at "=".
    assert.deepEqual(complete(['openstackoid', 'image', 'list', '--format', '=', 'y']), ['yaml'])
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-interface', 'p']), ['public'])
  })

  it('completes --os-cloud with the clouds of clouds.yaml, found the way openstacksdk finds it (openstackoid token issue --os-cloud Inst<TAB>)', () => {
    writeFileSync(
      join(home, '.config', 'openstack', 'clouds.yaml'),
      [
        '# clouds for the tests',
        'client:',
        '  NotACloud: {}',
        'clouds:',
        '  InstanceOne:',
        '    auth:',
        '      auth_url: http://127.0.0.1:5000/v3',
        '      Nested: x',
        '',
        '    region_name: RegionOne',
        '  # a comment',
        '  "InstanceTwo":',
        '    cacert: |',
        '      Indented: not a cloud',
        "  'other': {auth: {auth_url: x}}",
        'public-clouds:',
        '  NotACloudEither: {}',
        '',
      ].join('\r\n'),
    )
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', 'Inst']), ['InstanceOne', 'InstanceTwo'])
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', '']), ['InstanceOne', 'InstanceTwo', 'other'])
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', '=', 'o']), ['other'])
    // Before the command too.
    assert.deepEqual(complete(['openstackoid', '--os-cloud', 'o']), ['other'])

    // ./clouds.yaml comes first, OS_CLIENT_CONFIG_FILE before it; XDG_CONFIG_HOME replaces ~/.config.
    writeFileSync(join(cwd, 'clouds.yml'), 'clouds:\n    here: {}\n    there:\n        auth: {}\n')
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', '']), ['here', 'there'])
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({clouds: {json1: {auth: {auth_url: 'x'}}, json2: {}}}, null, 2))
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', ''], {OS_CLIENT_CONFIG_FILE: join(dir, 'mine.json')}), ['json1', 'json2'])
    rmSync(join(cwd, 'clouds.yml'))
    mkdirSync(join(dir, 'config', 'openstack'), {recursive: true})
    writeFileSync(join(dir, 'config', 'openstack', 'clouds.yaml'), 'clouds:\n  xdg: {}\n')
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', ''], {XDG_CONFIG_HOME: join(dir, 'config')}), ['xdg'])
  })

  it('no clouds.yaml, or one without clouds: no candidates, no error', () => {
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', '']), [])
    writeFileSync(join(home, '.config', 'openstack', 'clouds.yaml'), 'client:\n  force_ipv4: true\n')
    assert.deepEqual(complete(['openstackoid', 'token', 'issue', '--os-cloud', '']), [])
  })
})
