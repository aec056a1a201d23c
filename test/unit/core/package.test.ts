import {strict as assert} from 'node:assert'
import {execFile, execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {builtinModules} from 'node:module'
import {tmpdir} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {promisify} from 'node:util'

import {startSim} from '../../sim/index.js'

/** What `npm pack` ships, and that the installed tarball runs on its own (issue: "It cannot be installed"). */
const ROOT = resolve(import.meta.dirname, '../../../..')
const BUNDLE = join(ROOT, 'dist', 'bundle')
const run = promisify(execFile)

const files = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]))

describe('the npm package', () => {
  it('ships only what runs: bin/run.js, dist/bundle/, the manifest, README, LICENSE, package.json', () => {
    // --ignore-scripts: the build already ran (npm test builds); prepack would build again.
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: ROOT, encoding: 'utf8'})) as [{files: {path: string}[]}]
    const shipped = pack.files.map((file) => file.path).sort()
    const bundle = files(BUNDLE).map((file) => relative(ROOT, file))
    assert.deepEqual(shipped, ['LICENSE', 'README.md', 'bin/run.js', 'oclif.manifest.json', 'package.json', ...bundle].sort())
    for (const needed of ['dist/bundle/oclif.cjs', 'dist/bundle/commands/token/issue.js', 'dist/bundle/src/startup/oclif.js', 'dist/bundle/completion/openstackoid.bash'])
      assert.ok(shipped.includes(needed), needed)
  })

  it('has no run-time dependencies, a prepack that builds, and the Apache-2.0 text', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {dependencies?: object; scripts: Record<string, string>; license: string}
    assert.deepEqual(Object.keys(pkg.dependencies ?? {}), [])
    assert.match(pkg.scripts.prepack, /prepack\.mjs/)
    assert.match(readFileSync(join(ROOT, 'scripts', 'prepack.mjs'), 'utf8'), /'npm', \['run', 'build'\]/)
    assert.equal(pkg.license, 'Apache-2.0')
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8')
    assert.match(license, /^\s+Apache License\n\s+Version 2\.0, January 2004\n/)
    assert.match(license, /END OF TERMS AND CONDITIONS/)
  })

  it('the bundle loads nothing from node_modules', () => {
    const builtin = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))
    const outside: string[] = []
    for (const file of files(BUNDLE).filter((name) => /\.c?js$/.test(name))) {
      const text = readFileSync(file, 'utf8')
      const specifiers = [...text.matchAll(/^(?:import|export)\b[^'"\n;]*?(?:from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/gm)].map((match) => match[1] ?? match[2] ?? match[3])
      for (const specifier of specifiers) if (!specifier.startsWith('.') && !builtin.has(specifier)) outside.push(`${relative(BUNDLE, file)}: ${specifier}`)
    }

    // oclif requires typescript only to run a linked plugin's sources in development, in a try.
    assert.deepEqual(outside, ['oclif.cjs: typescript'])
  })

  it('installed from the tarball into an empty prefix, runs from another directory: --version, --help, complete, token issue', async function () {
    this.timeout(120_000)
    const dir = mkdtempSync(join(tmpdir(), 'oid-pack-'))
    const sim = await startSim({instances: ['InstanceOne']})
    try {
      const {stdout} = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {cwd: ROOT})
      const tarball = join(dir, stdout.trim().split('\n').pop() ?? '')
      await run('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', join(dir, 'prefix'), tarball], {cwd: dir})
      assert.deepEqual(readdirSync(join(dir, 'prefix', 'lib', 'node_modules')), ['openstackoid'])
      const elsewhere = join(dir, 'elsewhere')
      mkdirSync(elsewhere)
      writeFileSync(join(dir, 'clouds.yaml'), sim.cloudsYaml())
      const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(dir, 'home'), OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml')}
      const bin = join(dir, 'prefix', 'bin', 'openstackoid')
      const cli = (...args: string[]) => run(bin, args, {cwd: elsewhere, env})
      const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string
      assert.match((await cli('--version')).stdout, new RegExp(`^openstackoid/${version.replaceAll('.', '\\.')} `))
      assert.match((await cli('--help')).stdout, /TOPICS[\s\S]*image/)
      assert.equal((await cli('complete')).stdout, readFileSync(join(BUNDLE, 'completion', 'openstackoid.bash'), 'utf8'))
      const token = await cli('token', 'issue', '--os-cloud', 'InstanceOne', '-f', 'json')
      assert.equal(token.stderr, '')
      const issued = JSON.parse(token.stdout) as {project_id: string; expires: string}
      const project = /project_name: "?([^"\n]+)"?/.exec(sim.cloudsYaml())?.[1] ?? ''
      assert.equal(issued.project_id, sim.instance('InstanceOne').projectId(project))
    } finally {
      await sim.stop()
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
