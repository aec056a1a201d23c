#!/bin/sh
':' //; [ -z "$NODE_EXTRA_CA_CERTS" ] || { export OPENSTACKOID_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"; unset NODE_EXTRA_CA_CERTS; }; exec node "$0" "$@"
// The two lines above are both shell and JavaScript (for JavaScript, a string and a comment). Run
// as a program (`openstackoid …`), /bin/sh starts Node on this file without NODE_EXTRA_CA_CERTS,
// which Node would read at start-up for every command (~40 ms) even when no https request is made:
// the file's name goes on in OPENSTACKOID_EXTRA_CA_CERTS, and src/http/client.ts adds its
// certificates to Node's for https requests. `node bin/run.js …` runs the same code with Node's
// own handling of the variable.
import module from 'node:module'

// Node >= 22.8 keeps V8's compiled code between runs for what its loaders load, oclif's bundle
// included (src/startup/oclif.ts then uses plain require). Node 20 lacks it (and 22.1-22.7 have
// only the NODE_COMPILE_CACHE variable): there src/startup/compile-cache.ts caches oclif's code.
if (process.env.OPENSTACKOID_NO_COMPILE_CACHE !== '1') module.enableCompileCache?.()

const {execute} = await import('../dist/bundle/src/startup/oclif.js')
await execute({dir: import.meta.url})
