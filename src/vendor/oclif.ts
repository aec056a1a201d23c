/**
 * The part of @oclif/core openstackoid uses, imported from here (and by bin/run.js) rather than
 * from '@oclif/core'.
 *
 * `npm run build` replaces the compiled dist/src/vendor/oclif.js (a plain re-export) with one ESM
 * file made by esbuild (scripts/bundle-vendor.mjs). @oclif/core is ~160 CommonJS files with its
 * dependencies (semver, debug, minimatch, ...); resolving, reading and wrapping them one by one
 * costs more than the code itself: ~65 ms on every command, ~46 ms as one file. Every command and
 * the hook import this one copy, so there is a single Command class and a single error handler.
 */
export {Args, Command, Errors, execute, Flags} from '@oclif/core'
export type {Config, Hook, Interfaces} from '@oclif/core'
