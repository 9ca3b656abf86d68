/**
 * Editing a workshop's pillar set (facilitators only; the server refuses anyone else's change to
 * `pillars`): pick a preset, add, rename, recolour, reorder and remove pillars. A pillar's key
 * is made once from its first label and never changes, so plans and exports survive renames.
 */
import * as Y from 'yjs';
import { ROOT, listPillars, makeRecord, rootMap, str } from './board-doc.ts';
import { nextSlot } from './cards.ts';
import { type PillarPresetId, pillarsForPreset } from './pillars.ts';

/** Longest pillar label and meaning kept. */
export const MAX_PILLAR_LABEL = 80;
export const MAX_PILLAR_MEANING = 240;

/** The outcome of an edit: done, or refused with a sentence a facilitator understands. */
export type PillarEditResult = { ok: true; key: string } | { ok: false; message: string };

/** What happens to a removed pillar's cards: moved into another lane, or deleted with it. */
export type RemovedCards = { action: 'move'; to: string } | { action: 'delete' };

export interface PillarFields {
	label: string;
	meaning: string;
	colour: string;
}

const COLOUR = /^#[0-9a-f]{6}$/i;

function refuse(message: string): PillarEditResult {
	return { ok: false, message };
}

/** A key for a new pillar made from its label: lower-case words joined by dashes, unique. */
export function pillarKeyFor(label: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	const base =
		label
			.normalize('NFKD')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 24)
			.replace(/-+$/, '') || 'pillar';
	let key = base;
	for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
	return key;
}

/** A two-letter action-ref prefix for a new pillar, unique among `taken` where possible. */
export function pillarPrefixFor(label: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	const letters = label.toUpperCase().replace(/[^A-Z]/g, '');
	const words = label.toUpperCase().match(/[A-Z]+/g) ?? [];
	const candidates = [
		words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : '',
		letters.slice(0, 2),
		...Array.from(letters.slice(1), (letter) => letters[0] + letter)
	].filter((candidate) => candidate.length === 2);
	return candidates.find((candidate) => !used.has(candidate)) ?? candidates[0] ?? 'PX';
}

/** Checks fields a facilitator typed; returns a refusal sentence or null. */
function invalid(fields: Partial<PillarFields>): string | null {
	if (fields.label !== undefined) {
		if (fields.label.trim() === '') return 'A pillar needs a name.';
		if (fields.label.trim().length > MAX_PILLAR_LABEL) {
			return `A pillar's name can be at most ${MAX_PILLAR_LABEL} characters.`;
		}
	}
	if (fields.meaning !== undefined && fields.meaning.trim().length > MAX_PILLAR_MEANING) {
		return `A pillar's meaning can be at most ${MAX_PILLAR_MEANING} characters.`;
	}
	if (fields.colour !== undefined && !COLOUR.test(fields.colour)) {
		return 'Pick a colour written as # and six hexadecimal digits, e.g. #2f6f8f.';
	}
	return null;
}

/** Adds a pillar at the end of the lanes. */
export function addPillar(doc: Y.Doc, fields: PillarFields): PillarEditResult {
	const problem = invalid(fields);
	if (problem) return refuse(problem);
	const pillars = listPillars(doc);
	const key = pillarKeyFor(
		fields.label,
		pillars.map((pillar) => pillar.key)
	);
	const order = pillars.reduce((max, pillar) => Math.max(max, pillar.order + 1), 0);
	rootMap(doc, ROOT.pillars).set(
		key,
		makeRecord({
			key,
			label: fields.label.trim(),
			meaning: fields.meaning.trim(),
			colour: fields.colour.toLowerCase(),
			order,
			prefix: pillarPrefixFor(
				fields.label,
				pillars.map((pillar) => pillar.prefix)
			)
		})
	);
	return { ok: true, key };
}

/** Renames, re-describes or recolours a pillar; its key and prefix stay. */
export function updatePillar(
	doc: Y.Doc,
	key: string,
	fields: Partial<PillarFields>
): PillarEditResult {
	const record = rootMap(doc, ROOT.pillars).get(key);
	if (!(record instanceof Y.Map)) return refuse('That pillar is no longer on the board.');
	const problem = invalid(fields);
	if (problem) return refuse(problem);
	doc.transact(() => {
		if (fields.label !== undefined) record.set('label', fields.label.trim());
		if (fields.meaning !== undefined) record.set('meaning', fields.meaning.trim());
		if (fields.colour !== undefined) record.set('colour', fields.colour.toLowerCase());
	});
	return { ok: true, key };
}

/** Moves a pillar to position `index` in the lane order (orders are renumbered 0…n-1). */
export function movePillar(doc: Y.Doc, key: string, index: number): PillarEditResult {
	const pillars = listPillars(doc);
	const from = pillars.findIndex((pillar) => pillar.key === key);
	if (from < 0) return refuse('That pillar is no longer on the board.');
	const [moved] = pillars.splice(from, 1);
	pillars.splice(Math.max(0, Math.min(pillars.length, index)), 0, moved);
	const records = rootMap(doc, ROOT.pillars);
	doc.transact(() => {
		pillars.forEach((pillar, order) => {
			const record = records.get(pillar.key);
			if (record instanceof Y.Map && record.get('order') !== order) record.set('order', order);
		});
	});
	return { ok: true, key };
}

/** Removes a pillar, moving its cards to the bottom of another lane or deleting them. */
export function removePillar(doc: Y.Doc, key: string, cards: RemovedCards): PillarEditResult {
	const records = rootMap(doc, ROOT.pillars);
	if (!(records.get(key) instanceof Y.Map)) return refuse('That pillar is no longer on the board.');
	if (listPillars(doc).length <= 1) return refuse('A board needs at least one pillar.');
	if (cards.action === 'move' && (cards.to === key || !(records.get(cards.to) instanceof Y.Map))) {
		return refuse('Choose another pillar on the board for its cards.');
	}
	const cardRecords = rootMap(doc, ROOT.cards);
	doc.transact(() => {
		const orphans: [string, Y.Map<unknown>][] = [];
		cardRecords.forEach((record, id) => {
			if (record instanceof Y.Map && str(record, 'pillar') === key) orphans.push([id, record]);
		});
		if (cards.action === 'delete') {
			for (const [id] of orphans) cardRecords.delete(id);
		} else {
			// Keep the cards' arrangement, below whatever the other lane already holds.
			const top = nextSlot(doc, cards.to);
			for (const [, record] of orphans) {
				const y = record.get('y');
				record.set('y', top + (typeof y === 'number' && Number.isFinite(y) ? y : 0));
				record.set('pillar', cards.to);
			}
		}
		records.delete(key);
	});
	return { ok: true, key };
}

/**
 * Switches to a preset's wording: its five pillars take the preset's labels, meanings, colours
 * and places (any that were removed come back); pillars the facilitator added stay, after them.
 * Prefixes are kept.
 */
export function applyPillarPreset(doc: Y.Doc, preset: PillarPresetId): void {
	const records = rootMap(doc, ROOT.pillars);
	const presetPillars = pillarsForPreset(preset);
	const presetKeys = new Set(presetPillars.map((pillar) => pillar.key));
	const custom = listPillars(doc).filter((pillar) => !presetKeys.has(pillar.key));
	doc.transact(() => {
		for (const pillar of presetPillars) {
			const record = records.get(pillar.key);
			if (!(record instanceof Y.Map)) {
				records.set(pillar.key, makeRecord({ ...pillar }));
				continue;
			}
			for (const field of ['label', 'meaning', 'colour', 'order'] as const) {
				if (record.get(field) !== pillar[field]) record.set(field, pillar[field]);
			}
			// Action refs are made from the prefix: an existing one is never rewritten.
			if (str(record, 'prefix') === '') record.set('prefix', pillar.prefix);
		}
		custom.forEach((pillar, index) => {
			records.get(pillar.key)?.set('order', presetPillars.length + index);
		});
		doc.getMap<unknown>(ROOT.meta).set('pillarPreset', preset);
	});
}
