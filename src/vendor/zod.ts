/**
 * The part of zod openstackoid uses, imported from here rather than from 'zod'.
 *
 * `npm run build` replaces the compiled dist/src/vendor/zod.js (a plain re-export) with one
 * tree-shaken ESM file made by esbuild. Importing zod's package entry loads ~130 modules,
 * among them ~60 locales we never show, for ~47 ms and ~14 MiB of RSS on every command that
 * validates an API response; the bundle loads in ~12 ms and ~4 MiB (bench/README.md,
 * "Profiling"). Behaviour is zod's own: the same code, fewer files.
 */
export {array, boolean, looseObject, number, prettifyError, record, strictObject, string, union} from 'zod'
export type {infer, ZodError, ZodType} from 'zod'
