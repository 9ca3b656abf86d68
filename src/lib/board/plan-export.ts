/**
 * The export model: one plain-data, versioned picture of an action plan that every export
 * (JSON, CSV, Markdown, XLSX, DOCX, PDF) and every comparison of versions is made from. Built
 * from a board document by one mapping function, so a field added to actions is added here once
 * and reaches every format. The JSON form is documented in docs/export-format.md; bump
 * PLAN_EXPORT_SCHEMA_VERSION when a field changes meaning or goes away (adding one does not).
 */
import type * as Y from 'yjs';
import {
	listActions,
	type Action,
	type ActionStatus,
	type ApprovalState,
	type FundingState,
	type Indicator,
	type RagRating,
	type Timescale
} from './actions.ts';
import { listPartners, listPillars, readMeta, type Partner } from './board-doc.ts';
import { readDiagnosis } from './diagnosis.ts';
import type { DiagnosisScale } from './diagnosis-scale.ts';
import { buildHeatMap } from './heat-map.ts';
import { leadStatus, type LeadStatus } from './lead-acceptance.ts';

export const PLAN_EXPORT_SCHEMA_VERSION = 1;

/** A partner organisation as exports name it. */
export interface ExportPartner {
	id: string;
	code: string;
	name: string;
	type: string;
}

/** A reference from an action to a partner (id kept for machines, code and name for people). */
export interface PartnerRef {
	id: string;
	code: string;
	name: string;
}

export interface ExportAction {
	id: string;
	ref: string;
	title: string;
	description: string;
	/** Key of the main pillar. */
	pillar: string;
	/** Keys of the other pillars the action contributes to. */
	otherPillars: string[];
	lead: PartnerRef | null;
	supporting: PartnerRef[];
	timescale: Timescale | null;
	/** ISO dates (`YYYY-MM-DD`), when given. */
	startDate: string | null;
	endDate: string | null;
	resources: string;
	/** Estimated cost in pounds. */
	estimatedCost: number | null;
	funding: FundingState | null;
	indicators: Indicator[];
	status: ActionStatus;
	rag: RagRating | null;
	ragReason: string;
	approval: ApprovalState;
	/** Where the lead stands: none named, awaiting its answer, accepted or declined. */
	leadStatus: LeadStatus;
	/** Whether the lead partner has accepted the action (null: no answer for the current lead). */
	leadAccepted: boolean | null;
}

export interface ExportPillar {
	/** Stable key; empty for the group of actions whose pillar is not on the board. */
	key: string;
	label: string;
	meaning: string;
	colour: string;
	actions: ExportAction[];
}

export type SignOffDecision = 'signed' | 'changes-requested' | 'outstanding';

/** One partner's answer to a proposed plan. */
export interface ExportSignOff {
	partner: PartnerRef;
	decision: SignOffDecision;
	/** Who answered for the partner, and when (ISO), unless outstanding. */
	by: string | null;
	at: string | null;
	comment: string;
}

/** The revealed diagnosis: each partner's self-score per pillar, with its evidence. */
export interface ExportDiagnosis {
	scale: DiagnosisScale;
	/** When the scores were revealed (ISO), if known. */
	revealedAt: string | null;
	/** Partner by partner (in code order), pillar by pillar (in lane order); unscored cells left out. */
	scores: { partner: PartnerRef; pillar: string; score: number; note: string }[];
}

/** Which state of the board an export shows. */
export interface ExportVersion {
	/** `current`: the live board; `version`: a saved version; `agreed`: the agreed version. */
	kind: 'current' | 'version' | 'agreed';
	id: string | null;
	name: string;
	/** When the version was saved (ISO); for the current state, when the export was made. */
	savedAt: string;
	/** SHA-256 (hex) of the version's stored bytes; null for the current state. */
	hash: string | null;
}

export interface PlanExport {
	schemaVersion: typeof PLAN_EXPORT_SCHEMA_VERSION;
	workshop: { id: string; title: string; place: string; date: string | null };
	version: ExportVersion;
	agreement: { status: 'proposed' | 'agreed'; at: string | null; signOffs: ExportSignOff[] } | null;
	partners: ExportPartner[];
	/** Pillars in lane order, each with its actions in ref order. */
	pillars: ExportPillar[];
	/** The diagnosis heat map, once revealed; null before. */
	diagnosis: ExportDiagnosis | null;
}

/** What the board itself does not know: which workshop, which version, who signed it off. */
export interface ExportContext {
	workshop: { id: string; title?: string; place?: string; date: string | null };
	version: ExportVersion;
	agreement?: PlanExport['agreement'];
}

function refTo(partners: Map<string, Partner>, id: string): PartnerRef {
	const partner = partners.get(id);
	return partner
		? { id, code: partner.code, name: partner.name }
		: { id, code: '?', name: 'Unknown partner' };
}

/** One action as exported; the lead extends this when actions gain fields. */
function exportAction(action: Action, partners: Map<string, Partner>): ExportAction {
	const status = leadStatus(action);
	return {
		id: action.id,
		ref: action.ref,
		title: action.title,
		description: action.description,
		pillar: action.pillar,
		otherPillars: action.otherPillars,
		lead: action.lead ? refTo(partners, action.lead) : null,
		supporting: action.supporting.map((id) => refTo(partners, id)),
		timescale: action.timescale,
		startDate: action.startDate,
		endDate: action.endDate,
		resources: action.resources,
		estimatedCost: action.estimatedCost,
		funding: action.funding,
		indicators: action.indicators.map((indicator) => ({ ...indicator })),
		status: action.status,
		rag: action.rag,
		ragReason: action.ragReason,
		approval: action.approval,
		leadStatus: status,
		leadAccepted: status === 'accepted' ? true : status === 'declined' ? false : null
	};
}

/** Builds the export model of a board document. */
export function buildPlanExport(doc: Y.Doc, context: ExportContext): PlanExport {
	const meta = readMeta(doc);
	const partners = listPartners(doc);
	const byId = new Map(partners.map((partner) => [partner.id, partner]));
	const actions = listActions(doc).map((action) => exportAction(action, byId));
	const pillars: ExportPillar[] = listPillars(doc).map((pillar) => ({
		key: pillar.key,
		label: pillar.label,
		meaning: pillar.meaning,
		colour: pillar.colour,
		actions: actions.filter((action) => action.pillar === pillar.key)
	}));
	const known = new Set(pillars.map((pillar) => pillar.key));
	const orphans = actions.filter((action) => !known.has(action.pillar));
	if (orphans.length > 0) {
		pillars.push({ key: '', label: 'No pillar', meaning: '', colour: '#666666', actions: orphans });
	}
	return {
		schemaVersion: PLAN_EXPORT_SCHEMA_VERSION,
		workshop: {
			id: context.workshop.id,
			title: meta.title || context.workshop.title || '',
			place: meta.place || context.workshop.place || '',
			date: context.workshop.date
		},
		version: context.version,
		agreement: context.agreement ?? null,
		partners: partners.map(({ id, code, name, type }) => ({ id, code, name, type })),
		pillars,
		diagnosis: exportDiagnosis(doc, partners)
	};
}

function exportDiagnosis(doc: Y.Doc, partners: Partner[]): ExportDiagnosis | null {
	const diagnosis = readDiagnosis(doc);
	if (diagnosis.status !== 'revealed') return null;
	const map = buildHeatMap(listPillars(doc), partners, diagnosis.scores, diagnosis.scale);
	return {
		scale: diagnosis.scale,
		revealedAt: diagnosis.revealedAt === null ? null : new Date(diagnosis.revealedAt).toISOString(),
		scores: map.rows.flatMap((row) =>
			row.cells.flatMap((cell) =>
				cell.score === null
					? []
					: [
							{
								partner: { id: row.partner.id, code: row.partner.code, name: row.partner.name },
								pillar: cell.pillar.key,
								score: cell.score,
								note: cell.note
							}
						]
			)
		)
	};
}

/** Every action of an export, in pillar order. */
export function exportedActions(plan: PlanExport): ExportAction[] {
	return plan.pillars.flatMap((pillar) => pillar.actions);
}
