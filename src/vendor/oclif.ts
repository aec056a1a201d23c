/**
 * The part of @oclif/core openstackoid uses, imported from here by every command, the hook and
 * bin/run.js (through dist/bundle/src/vendor/oclif.js): one module, so scripts/bundle.mjs puts
 * one copy of oclif in one shared chunk, with one Command class and one error handler.
 */
export {Args, Command, Errors, execute, Flags} from '@oclif/core'
export type {Config, Hook, Interfaces} from '@oclif/core'
