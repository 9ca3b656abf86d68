/**
 * The `facilitation` top-level map and its keys, shared by the modules that read and write parts
 * of it (agenda.ts, shared-timer.ts, facilitation.ts). Only facilitators and the server write it.
 */
import * as Y from 'yjs';
import { ROOT } from './board-doc.ts';

/** The facilitation map's keys. */
export const KEY = {
	agenda: 'agenda',
	stage: 'stage',
	timer: 'timer',
	locks: 'locks',
	privateMode: 'privateMode',
	follow: 'follow',
	summon: 'summon'
} as const;

/** The facilitation map itself. */
export function root(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(ROOT.facilitation);
}

/** A nested map of the facilitation root, made on first write. */
export function child(doc: Y.Doc, key: string): Y.Map<unknown> {
	const map = root(doc);
	const existing = map.get(key);
	if (existing instanceof Y.Map) return existing;
	const created = new Y.Map<unknown>();
	map.set(key, created);
	return created;
}
