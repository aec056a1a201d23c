// Run by `npm pack` and `npm publish` before they collect the files (package.json "prepack"):
// the tarball ships what runs — bin/run.js, dist/bundle/, oclif.manifest.json, README.md,
// LICENSE (package.json "files") — so it is built here, from the sources, every time; a clean
// clone has no dist/. Building needs the dev dependencies (TypeScript, esbuild; @oclif/core,
// zod, yaml and cli-table3 are bundled into dist/bundle/, so the package has no dependencies).
import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'

if (!existsSync('node_modules/typescript') || !existsSync('node_modules/esbuild')) {
  console.error('npm pack builds the CLI first, which needs the dev dependencies: run `npm ci`, then pack again.')
  process.exit(1)
}

execFileSync('npm', ['run', 'build'], {stdio: 'inherit'})

// oclif.manifest.json is committed (test/unit/manifest.test.ts keeps it current); the bundle must
// have every command it lists, or the installed CLI would fail on that command only.
const manifest = JSON.parse(readFileSync('oclif.manifest.json', 'utf8'))
const missing = Object.keys(manifest.commands).filter((id) => !existsSync(`dist/bundle/commands/${id.split(':').join('/')}.js`))
if (missing.length > 0) {
  console.error(`oclif.manifest.json lists commands that were not built: ${missing.join(', ')}. Run \`npm run manifest\`.`)
  process.exit(1)
}
