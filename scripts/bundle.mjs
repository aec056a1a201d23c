// Run by `npm run build` after tsc. Bundles what tsc wrote into dist/bundle/, which is what
// bin/run.js and oclif load (package.json "oclif"): every command, the hook and @oclif/core, with
// zod, yaml and cli-table3, as ES modules split into shared chunks. A command then loads ~17 files
// instead of ~200 (oclif's CommonJS files, zod's locales, our own modules): ~30 ms less per
// command on Node 20, which has no compile cache (bench/README.md, "Start-up"). Tests of single
// modules import dist/src/ as tsc wrote it; the e2e tests, the compatibility tests and the
// benchmarks run bin/run.js, so the bundle is what they check. Behaviour is the sources' own:
// esbuild only concatenates modules (and drops zod's unused locales), it does not minify.
import {build} from 'esbuild'
import {readdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'

const files = (dir) =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    if (entry.isDirectory()) return files(join(dir, entry.name))
    return entry.name.endsWith('.js') ? [join(dir, entry.name)] : []
  })

rmSync('dist/bundle', {recursive: true, force: true})
await build({
  entryPoints: [...files('dist/commands'), 'dist/src/cli/hooks/command-not-found.js', 'dist/src/vendor/oclif.js'],
  outdir: 'dist/bundle',
  outbase: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // oclif loads TypeScript tooling only for plugins linked in development; openstackoid has none.
  external: ['typescript', 'ts-node', 'tsx'],
  // @oclif/core and cli-table3 are CommonJS: give each chunk a real `require` for Node's built-ins
  // and the package.json files oclif reads at run time.
  banner: {js: "import {createRequire as __oidCreateRequire} from 'node:module'; const require = __oidCreateRequire(import.meta.url);"},
})
