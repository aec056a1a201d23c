import {strict as assert} from 'node:assert'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {UsageError} from '../../../src/errors.js'
import type {CloudConfig, ConfigInputs} from '../../../src/config/index.js'

/** A temporary tree: <root>/cwd, <root>/home, <root>/etc (the only "system" directory). */
export class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'oid-config-'))
  readonly cwd = join(this.root, 'cwd')
  readonly home = join(this.root, 'home')
  readonly etc = join(this.root, 'etc')

  constructor() {
    for (const dir of [this.cwd, this.home, this.etc]) mkdirSync(dir, {recursive: true})
  }

  /** Writes a file under the root (`cwd/clouds.yaml`, `home/.config/openstack/secure.yaml`, ...); returns its path. */
  write(relative: string, text: string): string {
    const path = join(this.root, relative)
    mkdirSync(dirname(path), {recursive: true})
    writeFileSync(path, text)
    return path
  }

  path(relative: string): string {
    return join(this.root, relative)
  }

  inputs(options: {env?: Record<string, string | undefined>; cloud?: string; flags?: ConfigInputs['flags']} = {}): ConfigInputs {
    return {env: options.env ?? {}, cwd: this.cwd, home: this.home, cloud: options.cloud, flags: options.flags ?? {}, systemDirs: [join(this.etc, 'openstack')]}
  }

  remove(): void {
    rmSync(this.root, {recursive: true, force: true})
  }
}

/** Asserts that `promise` rejects with a UsageError (exit 2) with exactly this message (and hint, if given). */
export async function rejectsUsage(promise: Promise<unknown>, message: string, hint?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`)
    assert.equal(error.exitCode, 2)
    assert.equal(error.message, message)
    if (hint !== undefined) assert.equal(error.hint, hint)
    return true
  })
}

export function throwsUsage(fn: () => unknown, message: string, hint?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`)
    assert.equal(error.exitCode, 2)
    assert.equal(error.message, message)
    if (hint !== undefined) assert.equal(error.hint, hint)
    return true
  })
}

/** A CloudConfig as resolve.ts would hand it over: its defaults filled in, `partial` on top. */
export function cloudConfig(partial: Partial<CloudConfig> = {}): CloudConfig {
  return {
    name: 'InstanceOne',
    authType: 'password',
    auth: {},
    interface: 'public',
    identityApiVersion: '3',
    verify: true,
    openstackoid: false,
    regions: [],
    files: {},
    extra: {},
    ...partial,
  }
}
