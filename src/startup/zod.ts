/**
 * The part of zod openstackoid uses, imported from here rather than from 'zod'. It is zod's "mini"
 * build: the same checks as zod's classic API, with functions instead of methods
 * (`z.optional(z.string())` for `z.string().optional()`). Every command that reads a reply loads
 * it, and the classic build cost ~30 ms of a command's start (192 kB of code to compile, ~50
 * methods bound on every schema made); mini is 47 kB and its schemas are plain objects. Named
 * exports let scripts/bundle.mjs keep only the code they reach. Unit tests, which import dist/src/
 * as tsc wrote it, get zod's package through this same file.
 *
 * Mini comes without messages; the English ones (the only ones shown) are set here, so that an
 * unreadable reply says what zod found ("expected string, received number").
 */
import {config} from 'zod/mini'
import en from 'zod/v4/locales/en.js'

config(en())

export {array, boolean, looseObject, nullable, nullish, number, optional, positive, prettifyError, record, regex, strictObject, string, union, unknown} from 'zod/mini'
export type {infer, ZodMiniType as ZodType} from 'zod/mini'
export type {$ZodError as ZodError} from 'zod/v4/core'
