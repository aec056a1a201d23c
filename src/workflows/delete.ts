import {OidError} from '../errors.js'
import type {InstanceRouter, ServiceClient} from '../routing/index.js'

export interface DeleteSpec {
  /** The service type the resource belongs to. */
  type: string
  /** OSC's noun in its messages: "server", "image". */
  noun: string
  /** Finds and deletes one resource by name or ID in one instance (throws NotFoundError when absent). */
  remove: (client: ServiceClient, nameOrId: string) => Promise<void>
}

/**
 * `<resource> delete a b c`, OSC's way (each one, then one error naming the failures), in every
 * instance the scope gives the type: with `&`, each instance that has the resource deletes it and
 * the notes say where; with `|`, the first that has it. Returns the notes for stderr.
 */
export async function deleteEach(router: InstanceRouter, spec: DeleteSpec, names: string[], plural = `${spec.noun}s`): Promise<string[]> {
  const failures: string[] = []
  const notes: string[] = []
  for (const name of names) {
    try {
      const result = await router.fanout(spec.type, 'each', async (client) => {
        await spec.remove(client, name)
        return client.instance
      })
      const failed = result.outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]))
      if (failed.length > 0) throw failed.length === 1 ? failed[0].error : new OidError(failed.map((f) => `${f.instance}: ${f.error.message}`).join(' '))
      if (result.multi) notes.push(`Deleted ${spec.noun} ${name} in ${result.outcomes.map((outcome) => outcome.instance).join(', ')}.`, ...result.notes)
    } catch (error) {
      if (!(error instanceof OidError) || error.exitCode === 2) throw error
      failures.push(`Failed to delete ${spec.noun} with name or ID '${name}': ${error.message}`)
    }
  }

  if (failures.length > 0) throw new OidError(`${failures.join('\n')}\n${failedLine(spec.noun, plural, failures.length, names.length)}`)
  return notes
}

/** OSC's closing line: images and servers word it differently. */
function failedLine(noun: string, plural: string, failed: number, total: number): string {
  return noun === 'image' ? `Failed to delete ${failed} of ${total} ${plural}.` : `${failed} of ${total} ${plural} failed to delete.`
}
