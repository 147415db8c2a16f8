import { readFile } from 'node:fs/promises';
import type { WireProfile } from '@savedcards/wire';
import { parseWireProfile } from '@savedcards/wire';

/**
 * Reads the wire profile `savedcards-conformance --out` wrote (issue 17), for
 * `createWonderProxy({ wireProfile })`. Rejects with an `Error` naming the file and what is wrong:
 * unreadable, not JSON, or a field `parseWireProfile` refuses.
 */
export async function loadWireProfile(path: string): Promise<WireProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`loadWireProfile: could not read "${path}" (${code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`loadWireProfile: "${path}" is not JSON.`);
  }
  try {
    return parseWireProfile(json);
  } catch (error) {
    throw new Error(`loadWireProfile: "${path}": ${(error as Error).message}`);
  }
}
