/**
 * The board document: typed helpers over the workshop's Y.Doc. This module family (`board/`) is
 * the only code that touches raw Yjs structures; it imports nothing but `yjs`, so the browser,
 * the sync server, the CLI, exports and tests all share it. The layout is a public contract,
 * written down in docs/board-document.md — change both together.
 */
import * as Y from 'yjs';
import { type Pillar, type PillarPresetId, pillarsForPreset } from './pillars.ts';

/** Version of the document layout; bump it (and write a migration) when the layout changes. */
export const BOARD_SCHEMA_VERSION = 1;

/** Names of the top-level shared types. */
export const ROOT = {
	meta: 'meta',
	pillars: 'pillars',
	partners: 'partners',
	cards: 'cards',
	actions: 'actions',
	/** The facilitator's live controls: agenda, stage, timer, locks, … (facilitation.ts). */
	facilitation: 'facilitation',
	/** Vote sessions: what is voted on and, once revealed, the results (votes.ts). */
	votes: 'votes',
	/** The diagnosis's public state and, once revealed, its scores (diagnosis.ts). */
	diagnosis: 'diagnosis'
} as const;

export const PARTNER_TYPES = [
	'council',
	'nhs',
	'university',
	'college',
	'housing',
	'police',
	'fire',
	'vcse',
	'coop',
	'business',
	'other'
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** A partner organisation as it appears on the board. */
export interface Partner {
	id: string;
	code: string;
	name: string;
	type: PartnerType;
	colour: string;
}

/** What the board says about itself. */
export interface BoardMeta {
	schemaVersion: number;
	title: string;
	place: string;
	pillarPreset: string;
}

export type YRecord = Y.Map<unknown>;

/** A fresh random id (URL-safe, 128 bits); works in browsers, Node and insecure origins. */
export function newId(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The map of records under one of the top-level names. */
export function rootMap(doc: Y.Doc, name: (typeof ROOT)[keyof typeof ROOT]): Y.Map<YRecord> {
	return doc.getMap<YRecord>(name);
}

/** Reads a string field, tolerating anything a foreign client may have written. */
export function str(record: YRecord, key: string, fallback = ''): string {
	const value = record.get(key);
	if (typeof value === 'string') return value;
	if (value instanceof Y.Text) return value.toString();
	return fallback;
}

/** Reads a finite number field, or the fallback. */
export function num(record: YRecord, key: string, fallback = 0): number {
	const value = record.get(key);
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Reads an optional string field: null when absent or not a string. */
export function optStr(record: YRecord, key: string): string | null {
	const value = str(record, key, '');
	return value === '' ? null : value;
}

/** Reads a list of strings stored as a Y.Array (or, leniently, a plain array). */
export function strList(record: YRecord, key: string): string[] {
	const value = record.get(key);
	const items = value instanceof Y.Array ? value.toArray() : Array.isArray(value) ? value : [];
	return items.filter((item): item is string => typeof item === 'string');
}

/** Creates a Y.Map record from plain fields (Y types are nested as they are). */
export function makeRecord(fields: Record<string, unknown>): YRecord {
	const record = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) record.set(key, value);
	}
	return record;
}

/** Sets up an empty document for a new workshop: meta and the preset's pillars. */
export function initBoard(
	doc: Y.Doc,
	init: { title: string; place: string; preset: PillarPresetId }
): void {
	doc.transact(() => {
		const meta = doc.getMap<unknown>(ROOT.meta);
		meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
		meta.set('title', init.title);
		meta.set('place', init.place);
		meta.set('pillarPreset', init.preset);
		const pillars = rootMap(doc, ROOT.pillars);
		for (const pillar of pillarsForPreset(init.preset)) {
			pillars.set(pillar.key, makeRecord({ ...pillar }));
		}
	});
}

/** The board's meta fields. */
export function readMeta(doc: Y.Doc): BoardMeta {
	const meta = doc.getMap<unknown>(ROOT.meta);
	return {
		schemaVersion: num(meta, 'schemaVersion', 0),
		title: str(meta, 'title'),
		place: str(meta, 'place'),
		pillarPreset: str(meta, 'pillarPreset')
	};
}

/** The workshop's pillars in lane order (ties broken by key, so every replica agrees). */
export function listPillars(doc: Y.Doc): Pillar[] {
	const pillars: Pillar[] = [];
	rootMap(doc, ROOT.pillars).forEach((record, key) => {
		if (!(record instanceof Y.Map)) return;
		pillars.push({
			key,
			label: str(record, 'label', key),
			meaning: str(record, 'meaning'),
			colour: str(record, 'colour', '#666666'),
			order: num(record, 'order'),
			prefix: str(record, 'prefix', key.slice(0, 2).toUpperCase())
		});
	});
	return pillars.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/** Adds a partner organisation to the board and returns its id. */
export function addPartner(doc: Y.Doc, partner: Omit<Partner, 'id'> & { id?: string }): string {
	const id = partner.id ?? newId();
	rootMap(doc, ROOT.partners).set(id, makeRecord({ ...partner, id }));
	return id;
}

/** The board's partner organisations, sorted by code. */
export function listPartners(doc: Y.Doc): Partner[] {
	const partners: Partner[] = [];
	rootMap(doc, ROOT.partners).forEach((record, id) => {
		if (!(record instanceof Y.Map)) return;
		const type = str(record, 'type', 'other');
		partners.push({
			id,
			code: str(record, 'code', '?'),
			name: str(record, 'name'),
			type: (PARTNER_TYPES as readonly string[]).includes(type) ? (type as PartnerType) : 'other',
			colour: str(record, 'colour', '#666666')
		});
	});
	return partners.sort((a, b) => a.code.localeCompare(b.code));
}

/** Calls `onChange` after every change to the board, local or remote; returns the unsubscriber. */
export function observeBoard(doc: Y.Doc, onChange: () => void): () => void {
	const roots = Object.values(ROOT).map((name) => doc.getMap(name));
	const handler = () => onChange();
	for (const root of roots) root.observeDeep(handler);
	return () => {
		for (const root of roots) root.unobserveDeep(handler);
	};
}
