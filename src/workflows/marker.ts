// No imports: src/workflows/volume.ts loads it, and with it every volume command (volume list among them).

/**
 * The resource a create marked, when the create went through although its reply was lost: looked
 * for `looks` times, a second apart (it may reach the list a moment after the create).
 */
export async function findMarkedAgain<T>(look: () => Promise<T | undefined>, looks = 3): Promise<T | undefined> {
  for (let index = 0; index < looks; index++) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, 1000))
    const found = await look()
    if (found) return found
  }

  return undefined
}
