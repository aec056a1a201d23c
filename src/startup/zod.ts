/**
 * The part of zod openstackoid uses, imported from here rather than from 'zod': named exports
 * let scripts/bundle.mjs keep only the code they reach. zod's package entry loads ~130 modules,
 * among them ~60 locales we never show (~47 ms, ~14 MiB of RSS); in the bundle its part is
 * ~12 ms and ~4 MiB (bench/README.md). Unit tests, which import dist/src/ as tsc wrote it, get
 * zod's package entry through this same file.
 */
export {array, boolean, looseObject, number, prettifyError, record, strictObject, string, union, unknown} from 'zod'
export type {infer, ZodError, ZodType} from 'zod'
