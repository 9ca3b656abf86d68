/**
 * Checks of a decoded update that Yjs itself does not make. Yjs trusts its peers, and some
 * updates it decodes and applies without complaint break the document for good: a struct or a
 * deletion of length zero makes every later sync step 2 throw (no client can join the board any
 * more) or the stored board fail to load; clocks near the end of the safe integers overflow.
 * Such an update is malformed; the room refuses it before applying anything.
 */
import type * as Y from 'yjs';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Highest clock a struct or deletion may reach. A client's clock counts its changes, so no honest
 * one comes near; the margin below 2^53 keeps every sum Yjs makes an exact integer.
 */
export const MAX_CLOCK = 2 ** 48;

/** What is wrong with the shape of an update, or null if nothing is. */
export function updateShapeProblem(update: DecodedUpdate): string | null {
	for (const struct of update.structs) {
		if (struct.length < 1) return 'a struct of length zero';
		if (struct.id.clock + struct.length > MAX_CLOCK) return 'a struct beyond the highest clock';
	}
	for (const deletions of update.ds.clients.values()) {
		for (const { clock, len } of deletions) {
			if (len < 1) return 'a deletion of length zero';
			if (clock + len > MAX_CLOCK) return 'a deletion beyond the highest clock';
		}
	}
	return null;
}
