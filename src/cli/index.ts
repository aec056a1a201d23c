/**
 * What a command file imports: the base commands, oclif's argument and flag builders, and the
 * flag groups several commands share. Only src/cli imports @oclif/core.
 */
export {Args, Flags} from '../startup/oclif.js'
export {OidCommand, OutputCommand, type Result} from './base.js'
export {imageAttributeFlags, protectionOf, visibilityOf} from './image-flags.js'
export {floatFlag} from './float-flag.js'
export {portAttributeFlags, portAttributes} from './port-flags.js'
