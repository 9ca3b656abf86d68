/**
 * The Community Wealth Building pillar presets (DESIGN §1). Pure data: no Yjs, no DOM, no Node.
 * Keys are stable across presets so plans and exports survive a change of wording.
 */

export const PILLAR_PRESET_IDS = ['cles', 'scotland', 'democracy-collaborative'] as const;
export type PillarPresetId = (typeof PILLAR_PRESET_IDS)[number];
export const DEFAULT_PILLAR_PRESET: PillarPresetId = 'cles';

/** One pillar as a workshop uses it. */
export interface Pillar {
	/** Stable key, e.g. `spend`; never changes when the pillar is renamed. */
	key: string;
	label: string;
	/** One line saying what the pillar means. */
	meaning: string;
	/** CSS colour, `#rrggbb`. */
	colour: string;
	/** Sort position; lanes are shown in ascending order. */
	order: number;
	/** Two-letter prefix of action refs in this pillar, e.g. `SP` for `SP-01`. */
	prefix: string;
}

interface PillarBase {
	key: string;
	meaning: string;
	colour: string;
	prefix: string;
}

const BASE: PillarBase[] = [
	{
		key: 'spend',
		prefix: 'SP',
		colour: '#2f6f8f',
		meaning: 'Anchor purchasing builds local supply chains of SMEs, social enterprises and co-ops.'
	},
	{
		key: 'workforce',
		prefix: 'WF',
		colour: '#7a5c99',
		meaning: 'Anchors recruit locally, pay the Real Living Wage and offer progression.'
	},
	{
		key: 'land',
		prefix: 'LP',
		colour: '#4f7d4a',
		meaning: 'Anchor land and buildings create community value, including community ownership.'
	},
	{
		key: 'ownership',
		prefix: 'OW',
		colour: '#b5643c',
		meaning: 'Grow co-ops, employee ownership, and social and community enterprise.'
	},
	{
		key: 'finance',
		prefix: 'FI',
		colour: '#8a6d1f',
		meaning: 'Recirculate local wealth through pension funds, credit unions and mutual banks.'
	}
];

const LABELS: Record<PillarPresetId, Record<string, string>> = {
	cles: {
		spend: 'Progressive procurement of goods and services',
		workforce: 'Fair employment and just labour markets',
		land: 'Socially productive use of land and property',
		ownership: 'Plural ownership of the economy',
		finance: 'Making financial power work for local places'
	},
	scotland: {
		spend: 'Spending',
		workforce: 'Workforce',
		land: 'Land and property',
		ownership: 'Inclusive ownership',
		finance: 'Finance'
	},
	'democracy-collaborative': {
		spend: 'Progressive procurement',
		workforce: 'Fair work',
		land: 'Just use of land and property',
		ownership: 'Inclusive and democratic enterprise',
		finance: 'Locally rooted finance'
	}
};

/** Human names of the presets, for pickers and exports. */
export const PILLAR_PRESET_NAMES: Record<PillarPresetId, string> = {
	cles: 'CLES',
	scotland: 'Scottish Government',
	'democracy-collaborative': 'Democracy Collaborative'
};

/** Whether a string names a known preset. */
export function isPillarPresetId(value: unknown): value is PillarPresetId {
	return typeof value === 'string' && (PILLAR_PRESET_IDS as readonly string[]).includes(value);
}

/** The pillars of a preset, in display order (fresh objects each call). */
export function pillarsForPreset(preset: PillarPresetId): Pillar[] {
	return BASE.map((base, index) => ({ ...base, label: LABELS[preset][base.key], order: index }));
}
