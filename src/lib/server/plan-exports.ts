/**
 * Making an export of a workshop: which state (`agreed`, `current` or a version id), the export
 * model of it with the sign-offs, the file in the asked-for format, and an audit event. Shared by
 * the download route and `pillarboard export`, so both give the same bytes for the same state.
 */
import { buildBoardPicture, type BoardPicture } from '../board/board-export.ts';
import { buildPlanExport, type ExportVersion, type PlanExport } from '../board/plan-export.ts';
import { agreedAgreement, describeAgreement, exportedAgreement } from './agreement.ts';
import { recordAudit, type Actor } from './audit.ts';
import type { BoardStore } from './board-store.ts';
import type { Db } from './db/index.ts';
import type { Workshop } from './db/schema.ts';
import { agreements } from './db/schema.ts';
import { FORMAT_INFO, renderExport, type ExportFormat } from './export/formats.ts';
import { currentBoardState } from './live-boards.ts';
import { docOf, getVersion } from './versions.ts';
import { and, eq } from 'drizzle-orm';

/** The state an export shows, as a person or script names it. */
export type VersionSelector = 'agreed' | 'current' | (string & {});

export type ResolvedExport =
	| { ok: true; plan: PlanExport; board: BoardPicture }
	| { ok: false; status: 400 | 404; message: string };

/** The export model (and board picture) of one state of a workshop. */
export function resolveExport(
	db: Db,
	store: BoardStore,
	workshop: Workshop,
	selector: VersionSelector,
	now = new Date()
): ResolvedExport {
	let state: Uint8Array;
	let version: ExportVersion;
	let agreement: PlanExport['agreement'] = null;
	if (selector === 'current') {
		state = currentBoardState(store, workshop.id);
		version = {
			kind: 'current',
			id: null,
			name: 'Current',
			savedAt: now.toISOString(),
			hash: null
		};
	} else if (selector === 'agreed') {
		const agreed = agreedAgreement(db, workshop.id);
		if (!agreed) {
			return { ok: false, status: 404, message: 'This plan has not been agreed yet.' };
		}
		state = agreed.version.state;
		version = {
			kind: 'agreed',
			id: agreed.version.id,
			name: agreed.version.name,
			savedAt: new Date(agreed.version.createdAt).toISOString(),
			hash: agreed.version.contentHash
		};
		agreement = exportedAgreement(agreed);
	} else {
		const saved = getVersion(db, workshop.id, selector);
		if (!saved) {
			return {
				ok: false,
				status: 404,
				message: `There is no version "${selector}" of this workshop; use agreed, current or a version id.`
			};
		}
		state = saved.state;
		version = {
			kind: 'version',
			id: saved.id,
			name: saved.name,
			savedAt: new Date(saved.createdAt).toISOString(),
			hash: saved.contentHash
		};
		// A proposed or agreed version carries its sign-offs.
		const proposal = db
			.select()
			.from(agreements)
			.where(and(eq(agreements.workshopId, workshop.id), eq(agreements.versionId, saved.id)))
			.get();
		if (proposal && proposal.status !== 'withdrawn') {
			agreement = exportedAgreement(describeAgreement(db, proposal));
			if (proposal.status === 'agreed') version.kind = 'agreed';
		}
	}
	const doc = docOf(state);
	try {
		const plan = buildPlanExport(doc, {
			workshop: {
				id: workshop.id,
				title: workshop.title,
				place: workshop.place,
				date: new Date(workshop.createdAt).toISOString().slice(0, 10)
			},
			version,
			agreement
		});
		return { ok: true, plan, board: buildBoardPicture(doc) };
	} finally {
		doc.destroy();
	}
}

/** A file name a council can keep: "kestrelford-vale-plan-agreed.pdf". */
export function exportFileName(plan: PlanExport, format: ExportFormat): string {
	const slug = (plan.workshop.title || 'plan')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
	const which =
		plan.version.kind === 'current'
			? `current-${plan.version.savedAt.slice(0, 10)}`
			: plan.version.kind === 'agreed'
				? 'agreed'
				: `version-${plan.version.id?.slice(0, 8)}`;
	const what = format === 'svg' || format === 'png' ? 'board' : 'plan';
	return `${slug || 'workshop'}-${what}-${which}.${format}`;
}

export type CreatedExport =
	| { ok: true; bytes: Buffer; fileName: string; mediaType: string; plan: PlanExport }
	| { ok: false; status: 400 | 404; message: string };

/** Renders an export and records who made it in the audit log. */
export async function createExport(
	db: Db,
	store: BoardStore,
	input: { workshop: Workshop; format: ExportFormat; selector: VersionSelector; actor: Actor }
): Promise<CreatedExport> {
	const resolved = resolveExport(db, store, input.workshop, input.selector);
	if (!resolved.ok) return resolved;
	const bytes = await renderExport(input.format, resolved.plan, resolved.board);
	const fileName = exportFileName(resolved.plan, input.format);
	const { version } = resolved.plan;
	recordAudit(db, {
		workshopId: input.workshop.id,
		actor: input.actor,
		action: 'export.created',
		detail: `Exported ${version.kind === 'current' ? 'the current plan' : `version "${version.name}"`} as ${FORMAT_INFO[input.format].label} (${fileName}).`
	});
	return {
		ok: true,
		bytes,
		fileName,
		mediaType: FORMAT_INFO[input.format].mediaType,
		plan: resolved.plan
	};
}
