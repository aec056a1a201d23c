import {defaultOutputOptions, Formatted, OutputOptions} from '../../../src/output/index.js'

/** A Formatted cell, short. */
export const F = (machine: unknown, human: string) => new Formatted(machine, human)

/** The default options with some changed. */
export const options = (changes: Partial<OutputOptions>): OutputOptions => ({...defaultOutputOptions, ...changes})
