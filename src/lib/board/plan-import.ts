/**
 * Importing a plan file (the format of fixtures/kestrelford.json: place, partners, actions) into a
 * board. Validation returns sentences a person can act on; nothing is written unless all is valid.
 */
import type * as Y from 'yjs';
import { PARTNER_TYPES, addPartner, type PartnerType } from './board-doc.ts';
import {
	ACTION_STATUSES,
	APPROVAL_STATES,
	FUNDING_STATES,
	INDICATOR_UNITS,
	RAG_RATINGS,
	TIMESCALES,
	addAction,
	type ActionStatus,
	type ApprovalState,
	type FundingState,
	type IndicatorUnit,
	type RagRating,
	type Timescale
} from './actions.ts';
import { checkDateOrder, readCost, readDate } from './action-validation.ts';
import { isPillarPresetId, type PillarPresetId } from './pillars.ts';

/** Colours given to imported partners, in order. */
export const PARTNER_COLOURS = [
	'#1f77b4',
	'#d62728',
	'#2ca02c',
	'#9467bd',
	'#8c564b',
	'#e377c2',
	'#17becf',
	'#bcbd22',
	'#ff7f0e',
	'#7f7f7f'
] as const;

export interface PlanFile {
	place: string;
	description?: string;
	pillarPreset?: PillarPresetId;
	partners: { code: string; name: string; type: PartnerType }[];
	actions: {
		ref: string;
		pillar: string;
		title: string;
		lead?: string;
		partners?: string[];
		timescale?: Timescale;
		indicator?: {
			name: string;
			unit: IndicatorUnit;
			baseline?: number;
			target?: number;
			baselineYear?: string;
			targetDate?: string;
			source?: string;
		};
		rag?: RagRating;
		// The richer fields of an action (all optional):
		description?: string;
		startDate?: string;
		endDate?: string;
		resources?: string;
		estimatedCost?: number;
		funding?: FundingState;
		status?: ActionStatus;
		ragReason?: string;
		approval?: ApprovalState;
		/** The lead partner has already accepted (a plan agreed elsewhere). */
		leadAccepted?: boolean;
	}[];
}

type Result = { ok: true; plan: PlanFile } | { ok: false; errors: string[] };

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks an untrusted parsed JSON value against the plan file format. */
export function parsePlanFile(value: unknown, pillarKeys: readonly string[]): Result {
	const errors: string[] = [];
	if (!isObject(value)) return { ok: false, errors: ['The file is not a JSON object.'] };
	if (typeof value.place !== 'string' || value.place.trim() === '') {
		errors.push('"place" must be a non-empty string.');
	}
	if (value.pillarPreset !== undefined && !isPillarPresetId(value.pillarPreset)) {
		errors.push(`"pillarPreset" ${JSON.stringify(value.pillarPreset)} is not a known preset.`);
	}
	const partners = Array.isArray(value.partners) ? value.partners : [];
	if (!Array.isArray(value.partners)) errors.push('"partners" must be a list.');
	const codes = new Set<string>();
	partners.forEach((partner: unknown, index) => {
		const where = `Partner ${index + 1}`;
		if (!isObject(partner)) return errors.push(`${where} is not an object.`);
		if (typeof partner.code !== 'string' || partner.code === '') {
			errors.push(`${where} has no "code".`);
		} else if (codes.has(partner.code)) {
			errors.push(`${where} repeats the code "${partner.code}".`);
		} else codes.add(partner.code);
		if (typeof partner.name !== 'string' || partner.name === '') {
			errors.push(`${where} has no "name".`);
		}
		if (!(PARTNER_TYPES as readonly unknown[]).includes(partner.type)) {
			errors.push(`${where} has an unknown type ${JSON.stringify(partner.type)}.`);
		}
	});
	const actions = Array.isArray(value.actions) ? value.actions : [];
	if (!Array.isArray(value.actions)) errors.push('"actions" must be a list.');
	actions.forEach((action: unknown, index) => {
		const where = `Action ${index + 1}`;
		if (!isObject(action)) return errors.push(`${where} is not an object.`);
		if (typeof action.title !== 'string' || action.title === '') {
			errors.push(`${where} has no "title".`);
		}
		if (typeof action.ref !== 'string') errors.push(`${where} has no "ref".`);
		if (typeof action.pillar !== 'string' || !pillarKeys.includes(action.pillar)) {
			errors.push(`${where} names an unknown pillar ${JSON.stringify(action.pillar)}.`);
		}
		if (action.lead !== undefined && !codes.has(action.lead as string)) {
			errors.push(`${where} names an unknown lead partner ${JSON.stringify(action.lead)}.`);
		}
		const supporting = action.partners ?? [];
		if (!Array.isArray(supporting) || supporting.some((code) => !codes.has(code))) {
			errors.push(`${where} lists a supporting partner that is not in "partners".`);
		}
		if (
			action.timescale !== undefined &&
			!(TIMESCALES as readonly unknown[]).includes(action.timescale)
		) {
			errors.push(`${where} has an unknown timescale ${JSON.stringify(action.timescale)}.`);
		}
		if (action.rag !== undefined && !(RAG_RATINGS as readonly unknown[]).includes(action.rag)) {
			errors.push(`${where} has an unknown RAG rating ${JSON.stringify(action.rag)}.`);
		}
		const enums: [string, readonly string[]][] = [
			['funding', FUNDING_STATES],
			['status', ACTION_STATUSES],
			['approval', APPROVAL_STATES]
		];
		for (const [key, values] of enums) {
			if (action[key] !== undefined && !values.includes(action[key] as string)) {
				errors.push(`${where} has an unknown ${key} ${JSON.stringify(action[key])}.`);
			}
		}
		for (const key of ['description', 'resources', 'ragReason'] as const) {
			if (action[key] !== undefined && typeof action[key] !== 'string') {
				errors.push(`${where} has a "${key}" that is not text.`);
			}
		}
		for (const key of ['startDate', 'endDate'] as const) {
			const check = readDate(
				String(action[key] ?? ''),
				key === 'startDate' ? 'start date' : 'end date'
			);
			if (!check.ok) errors.push(`${where}: ${check.message}`);
		}
		const order = checkDateOrder(
			(action.startDate as string) ?? null,
			(action.endDate as string) ?? null
		);
		if (order) errors.push(`${where}: ${order}`);
		if (action.estimatedCost !== undefined) {
			const check = readCost(String(action.estimatedCost));
			if (typeof action.estimatedCost !== 'number' || !check.ok) {
				errors.push(`${where} has an estimated cost that is not an amount in pounds.`);
			}
		}
		const indicator = action.indicator;
		if (indicator !== undefined) {
			if (!isObject(indicator) || typeof indicator.name !== 'string') {
				errors.push(`${where} has an indicator without a name.`);
			} else if (!(INDICATOR_UNITS as readonly unknown[]).includes(indicator.unit)) {
				errors.push(
					`${where} has an indicator with an unknown unit ${JSON.stringify(indicator.unit)}.`
				);
			} else if (
				(indicator.baseline !== undefined && typeof indicator.baseline !== 'number') ||
				(indicator.target !== undefined && typeof indicator.target !== 'number')
			) {
				errors.push(`${where} has an indicator whose baseline or target is not a number.`);
			}
		}
	});
	return errors.length > 0
		? { ok: false, errors }
		: { ok: true, plan: value as unknown as PlanFile };
}

/** Writes a validated plan's partners and actions into the board, in one transaction. */
export function importPlan(doc: Y.Doc, plan: PlanFile): void {
	doc.transact(() => {
		const partnerIds = new Map<string, string>();
		plan.partners.forEach((partner, index) => {
			const id = addPartner(doc, {
				code: partner.code,
				name: partner.name,
				type: partner.type,
				colour: PARTNER_COLOURS[index % PARTNER_COLOURS.length]
			});
			partnerIds.set(partner.code, id);
		});
		const idOf = (code: string) => partnerIds.get(code) ?? code;
		for (const action of plan.actions) {
			const lead = action.lead ? idOf(action.lead) : null;
			addAction(doc, {
				ref: action.ref,
				pillar: action.pillar,
				title: action.title,
				description: action.description,
				lead,
				leadAnswer:
					lead && action.leadAccepted
						? { response: 'accepted', partnerId: lead, reason: '', byName: '', at: Date.now() }
						: null,
				supporting: (action.partners ?? []).map(idOf),
				timescale: action.timescale ?? null,
				startDate: action.startDate ?? null,
				endDate: action.endDate ?? null,
				resources: action.resources,
				estimatedCost: action.estimatedCost ?? null,
				funding: action.funding ?? null,
				status: action.status,
				rag: action.rag ?? null,
				ragReason: action.ragReason,
				approval: action.approval,
				indicators: action.indicator
					? [
							{
								name: action.indicator.name,
								unit: action.indicator.unit,
								baseline: action.indicator.baseline ?? null,
								baselineYear: action.indicator.baselineYear ?? null,
								target: action.indicator.target ?? null,
								targetDate: action.indicator.targetDate ?? null,
								source: action.indicator.source ?? null
							}
						]
					: []
			});
		}
	});
}
