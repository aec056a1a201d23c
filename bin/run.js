#!/usr/bin/env node
import module from 'node:module'

// Node >= 22.8 keeps V8's compiled code between runs for what its loaders load, oclif's bundle
// included (src/startup/oclif.ts then uses plain require). Node 20 lacks it (and 22.1-22.7 have
// only the NODE_COMPILE_CACHE variable): there src/startup/compile-cache.ts caches oclif's code.
if (process.env.OPENSTACKOID_NO_COMPILE_CACHE !== '1') module.enableCompileCache?.()

const {execute} = await import('../dist/bundle/src/startup/oclif.js')
await execute({dir: import.meta.url})
