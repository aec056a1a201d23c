// Run by `npm run build` after tsc. Bundles what tsc wrote into dist/bundle/, which is what
// bin/run.js and oclif load (package.json "oclif"):
// - every command and the hook, with zod, yaml and cli-table3, as ES modules split into shared
//   chunks: a command loads ~17 files instead of ~200 (zod's unused locales are dropped);
// - @oclif/core with its dependencies as one CommonJS file, dist/bundle/oclif.cjs, which
//   src/startup/oclif.ts loads with V8's code cache (src/startup/compile-cache.ts).
// Node 20 has no compile cache; together this is ~45 ms less per command (bench/README.md).
// Tests of single modules import dist/src/ as tsc wrote it; the e2e, compatibility and
// integration tests and the benchmarks run bin/run.js, so the bundle is what they check.
// esbuild only concatenates modules, it does not minify (minified oclif loaded slower).
import {build} from 'esbuild'
import {createHash} from 'node:crypto'
import {readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const files = (dir) =>
  readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    if (entry.isDirectory()) return files(join(dir, entry.name))
    return entry.name.endsWith('.js') ? [join(dir, entry.name)] : []
  })

rmSync('dist/bundle', {recursive: true, force: true})
await build({
  entryPoints: [...files('dist/commands'), 'dist/src/cli/hooks/command-not-found.js', 'dist/src/cli/help.js', 'dist/src/startup/oclif.js'],
  outdir: 'dist/bundle',
  outbase: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // cli-table3 is CommonJS: give each chunk a real `require` for Node's built-ins.
  banner: {js: "import {createRequire as __oidCreateRequire} from 'node:module'; const require = __oidCreateRequire(import.meta.url);"},
  // src/startup/oclif.ts loads @oclif/core from oclif.cjs at run time; unit tests resolve it instead.
  external: ['@oclif/core'],
})

// Node reads each file into a string: one character beyond ASCII (a comment's dash, a regex's
// CSI) makes the whole string two bytes a character, twice the memory and ~2 ms more to read for
// oclif.cjs. Escaped, they mean the same in strings, regular expressions and comments.
const escapeNonAscii = (text) => text.replaceAll(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)

function asciiOnly(file) {
  const text = readFileSync(file, 'utf8')
  if (!/[^\0-\x7f]/.test(text)) return
  if (text.includes('String.raw')) throw new Error(`${file}: characters beyond ASCII next to String.raw, where \\u escapes would not be read as such`)
  writeFileSync(file, escapeNonAscii(text))
}

for (const file of files('dist/bundle')) asciiOnly(file)

// The start-up module must sit in a chunk at the top of dist/bundle/, next to oclif.cjs.
const entry = readFileSync('dist/bundle/src/startup/oclif.js', 'utf8')
if (!/from "\.\.\/\.\.\/chunk-\w+\.js"/.test(entry) || entry.includes('oclif.cjs')) {
  throw new Error('dist/bundle/src/startup/oclif.js is expected to re-export a top-level chunk of dist/bundle/')
}

const oclif = 'dist/bundle/oclif.cjs'
await build({
  stdin: {contents: "module.exports = require('@oclif/core')", resolveDir: '.', sourcefile: 'oclif-entry.cjs', loader: 'js'},
  outfile: oclif,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // oclif loads TypeScript tooling only for plugins linked in development; openstackoid has none.
  external: ['typescript', 'ts-node', 'tsx'],
})
// node:vm cannot run `import()` without an experimental flag: compile-cache.ts passes __oidImport.
// Loaded with plain require (Node >= 22.8, src/startup/oclif.ts), the file defines it itself: a
// `var` keeps the parameter's value where there is one.
const text = readFileSync(oclif, 'utf8')
// oclif sorts the manifest's commands with localeCompare at every start: the first call sets up
// ICU's collator, ~9 ms. Command ids are lower-case ASCII letters, digits, ':' and '-'
// (test/unit/manifest.test.ts), which the root collation orders as their code points do.
const SORT = '.sort((a, b) => a.id.localeCompare(b.id))'
if (text.split(SORT).length !== 2) throw new Error(`${oclif}: expected one \`${SORT}\` (oclif's Plugin.load)`)
const rewritten = text
  .replace(SORT, '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))')
  .replaceAll(/\bawait import\(/g, 'await __oidImport(')
const left = rewritten.match(/(?<![\w"'`.])import\(/g)
if (left) throw new Error(`${oclif}: ${left.length} import() call(s) that are not \`await import(\``)
// Its one such character is in a regular expression (checked by hand: the file also has String.raw).
const body = `var __oidImport = __oidImport || ((specifier) => import(specifier));\n${escapeNonAscii(rewritten)}`
// The content's hash, as the last line: compile-cache.ts keys the code cache on it without hashing
// ~700 KB at every start (V8 itself tells sources apart by their length only).
const digest = createHash('sha256').update(body).digest('base64url')
writeFileSync(oclif, `${body}\n// openstackoid-source-sha256: ${digest}\n`)
