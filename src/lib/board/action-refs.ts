/**
 * Action refs (`SP-01`, `WF-03`, …): unique and stable, however many people add actions at once.
 *
 * Clients add actions without a ref. The sync server, which sees every update in one order, calls
 * `assignActionRefs` right after applying each update; in its own transaction it gives every
 * action that lacks a ref the next free number of its pillar's prefix, and notes each ref it has
 * seen in the `refs` register (ref → action id). The register is only ever added to, so:
 *
 * - a ref is never given twice, even after its action is deleted;
 * - a ref, once an action has it, is never changed — not even when the action moves to another
 *   pillar (refs are cited in minutes and reports; SP-03 stays SP-03 in the workforce pillar);
 * - a ref a client wrote itself (an import, an older script) is kept if nobody holds it, and
 *   replaced by a fresh one if another action holds it already.
 *
 * The function is pure over the document and idempotent: a second call changes nothing. Only
 * facilitators may write the `refs` map (the write policy's default for unlisted names), so
 * partners cannot tamper with the register; the server writes it as itself.
 */
import * as Y from 'yjs';
import { listPillars, str, type YRecord } from './board-doc.ts';

/** Name of the top-level map registering every ref ever given: ref → action id. */
export const REFS_ROOT = 'refs';

/** A prefix, a dash and a number of at most six digits (more would not stay an exact integer). */
const REF_PATTERN = /^(.+)-(\d{1,6})$/;

/**
 * The prefix and number of a ref such as `SP-03`, or null for anything else — a ref written by a
 * script with a huge number (`SP-9007199254740993`) is kept as it is but never counted, so the
 * numbers the server gives stay small, exact and unique.
 */
export function parseRef(ref: string): { prefix: string; number: number } | null {
	const match = REF_PATTERN.exec(ref);
	return match ? { prefix: match[1], number: Number(match[2]) } : null;
}

/** A ref from a prefix and number: two digits at least, `SP-07`, `SP-112`. */
export function formatRef(prefix: string, number: number): string {
	return `${prefix}-${String(number).padStart(2, '0')}`;
}

/** The prefix an action in `pillarKey` gets: the pillar's own, or one made from its key. */
export function prefixFor(doc: Y.Doc, pillarKey: string): string {
	const pillar = listPillars(doc).find((each) => each.key === pillarKey);
	if (pillar?.prefix) return pillar.prefix;
	return pillarKey.slice(0, 2).toUpperCase() || 'AC';
}

/** What a person sees until the server has given the ref: `SP-…`. */
export function provisionalRef(doc: Y.Doc, pillarKey: string): string {
	return `${prefixFor(doc, pillarKey)}-…`;
}

/**
 * Gives every action without a (unique) ref the next free one of its pillar, in one transaction.
 * Returns the refs it gave, by action id; empty when there was nothing to do (nothing written).
 * `origin` marks the transaction (the server passes its own, to tell these writes from others).
 */
export function assignActionRefs(doc: Y.Doc, origin: unknown = null): Map<string, string> {
	const register = doc.getMap<string>(REFS_ROOT);
	const actions: { id: string; record: YRecord; createdAt: number }[] = [];
	doc.getMap<YRecord>('actions').forEach((record, id) => {
		if (!(record instanceof Y.Map)) return;
		const createdAt = record.get('createdAt');
		actions.push({ id, record, createdAt: typeof createdAt === 'number' ? createdAt : 0 });
	});
	// One order on every server and every run: oldest first, then by id.
	actions.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));

	const toRegister = new Map<string, string>();
	const toAssign: typeof actions = [];
	const holder = (ref: string) => register.get(ref) ?? toRegister.get(ref);
	for (const action of actions) {
		const ref = str(action.record, 'ref');
		if (ref !== '' && holder(ref) === action.id) continue;
		if (ref !== '' && holder(ref) === undefined) toRegister.set(ref, action.id);
		else toAssign.push(action);
	}
	if (toRegister.size === 0 && toAssign.length === 0) return new Map();

	const highest = new Map<string, number>();
	const note = (ref: string) => {
		const parsed = parseRef(ref);
		if (parsed) {
			highest.set(parsed.prefix, Math.max(highest.get(parsed.prefix) ?? 0, parsed.number));
		}
	};
	for (const ref of register.keys()) note(ref);
	for (const ref of toRegister.keys()) note(ref);

	const given = new Map<string, string>();
	doc.transact(() => {
		for (const [ref, id] of toRegister) register.set(ref, id);
		for (const action of toAssign) {
			const prefix = prefixFor(doc, str(action.record, 'pillar'));
			const number = (highest.get(prefix) ?? 0) + 1;
			highest.set(prefix, number);
			const ref = formatRef(prefix, number);
			register.set(ref, action.id);
			action.record.set('ref', ref);
			given.set(action.id, ref);
		}
	}, origin);
	return given;
}
