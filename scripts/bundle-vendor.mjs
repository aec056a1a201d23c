// Run by `npm run build` after tsc: replaces dist/src/vendor/*.js (plain re-exports of zod and
// @oclif/core) with one ESM file each, so that Node loads one file instead of 100+ (see the
// header of src/vendor/*.ts and bench/README.md). Behaviour is the libraries' own.
import {build} from 'esbuild'

const common = {bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'inline'}

await build({...common, entryPoints: ['src/vendor/zod.ts'], outfile: 'dist/src/vendor/zod.js', allowOverwrite: true})

await build({
  ...common,
  entryPoints: ['src/vendor/oclif.ts'],
  outfile: 'dist/src/vendor/oclif.js',
  allowOverwrite: true,
  // oclif loads TypeScript tooling only for plugins in development (linked .ts sources); we have none.
  external: ['typescript', 'ts-node', 'tsx'],
  // @oclif/core is CommonJS: give the ESM bundle a real `require` for Node's built-ins and the
  // package.json files oclif reads at run time.
  banner: {js: "import {createRequire as __oidCreateRequire} from 'node:module'; const require = __oidCreateRequire(import.meta.url);"},
})
