/**
 * Agreeing the plan (issue 7, part 2). The facilitator proposes the board as it stands (saved as
 * a version); a member of each partner organisation signs off for it or asks for changes with a
 * comment; once every partner has signed off the facilitator marks it agreed. An agreed proposal
 * and its version are frozen by the database itself (triggers in migration 0002).
 */
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { listPartners, newId, type Partner } from '../board/board-doc.ts';
import type { ExportSignOff, PlanExport } from '../board/plan-export.ts';
import { recordAudit, type Actor } from './audit.ts';
import type { BoardStore } from './board-store.ts';
import type { Db } from './db/index.ts';
import { WRITE_TRANSACTION } from './db/index.ts';
import {
	agreements,
	signOffs,
	type Agreement,
	type BoardVersion,
	type SignOff,
	type SignOffDecisionValue
} from './db/schema.ts';
import { currentBoardState } from './live-boards.ts';
import { docOf, getVersion, saveVersion } from './versions.ts';

export const MAX_COMMENT_LENGTH = 2_000;

/** Where one partner organisation stands on a proposal. */
export interface PartnerAnswer {
	partner: Pick<Partner, 'id' | 'code' | 'name'>;
	/** The newest answer, or null while outstanding. */
	answer: SignOff | null;
}

/** A proposal or agreement with everything the page shows. */
export interface AgreementState {
	agreement: Agreement;
	version: BoardVersion;
	answers: PartnerAnswer[];
	/** Partners that have not signed off (no answer, or asked for changes). */
	outstanding: PartnerAnswer['partner'][];
}

export type AgreementResult<T = AgreementState> =
	{ ok: true; value: T } | { ok: false; message: string };

const fail = (message: string) => ({ ok: false as const, message });

function partnersOf(version: BoardVersion): Partner[] {
	const doc = docOf(version.state);
	try {
		return listPartners(doc);
	} finally {
		doc.destroy();
	}
}

/** The full state of one agreement row. */
export function describeAgreement(db: Db, agreement: Agreement): AgreementState {
	const version = getVersion(db, agreement.workshopId, agreement.versionId);
	if (!version) throw new Error(`Version ${agreement.versionId} of an agreement is missing.`);
	const rows = db
		.select()
		.from(signOffs)
		.where(eq(signOffs.agreementId, agreement.id))
		.orderBy(asc(signOffs.id))
		.all();
	const newest = new Map<string, SignOff>();
	for (const row of rows) newest.set(row.partnerId, row);
	const answers = partnersOf(version).map(({ id, code, name }) => ({
		partner: { id, code, name },
		answer: newest.get(id) ?? null
	}));
	const outstanding = answers
		.filter(({ answer }) => answer?.decision !== 'signed')
		.map(({ partner }) => partner);
	return { agreement, version, answers, outstanding };
}

/** The open proposal or the newest agreement of a workshop (withdrawn ones are history). */
export function currentAgreement(db: Db, workshopId: string): AgreementState | null {
	const row = db
		.select()
		.from(agreements)
		.where(and(eq(agreements.workshopId, workshopId), ne(agreements.status, 'withdrawn')))
		.orderBy(desc(agreements.proposedAt), desc(agreements.id))
		.limit(1)
		.get();
	return row ? describeAgreement(db, row) : null;
}

/** The newest agreed plan of a workshop, or null if none has been agreed. */
export function agreedAgreement(db: Db, workshopId: string): AgreementState | null {
	const row = db
		.select()
		.from(agreements)
		.where(and(eq(agreements.workshopId, workshopId), eq(agreements.status, 'agreed')))
		.orderBy(desc(agreements.decidedAt))
		.limit(1)
		.get();
	return row ? describeAgreement(db, row) : null;
}

function openProposal(db: Db, workshopId: string): Agreement | undefined {
	return db
		.select()
		.from(agreements)
		.where(and(eq(agreements.workshopId, workshopId), eq(agreements.status, 'proposed')))
		.get();
}

/**
 * Proposes the board as it is now for agreement: saves it as a version and asks every partner
 * on it to answer. An open proposal is withdrawn first (the new one replaces it).
 */
export function proposePlan(
	db: Db,
	store: BoardStore,
	input: { workshopId: string; actor: Actor },
	now = Date.now()
): AgreementResult {
	const state = currentBoardState(store, input.workshopId);
	const doc = docOf(state);
	const partners = listPartners(doc);
	doc.destroy();
	if (partners.length === 0) {
		return fail('Add the partner organisations to the board before proposing the plan.');
	}
	const agreement = db.transaction((tx) => {
		const txDb = tx as unknown as Db;
		const open = openProposal(txDb, input.workshopId);
		if (open) {
			tx.update(agreements)
				.set({ status: 'withdrawn', decidedBy: input.actor.name, decidedAt: now })
				.where(eq(agreements.id, open.id))
				.run();
		}
		const version = saveVersion(
			txDb,
			{
				workshopId: input.workshopId,
				state,
				name: 'Proposed for agreement',
				kind: 'proposed',
				actor: input.actor
			},
			now
		);
		const row: Agreement = {
			id: newId(),
			workshopId: input.workshopId,
			versionId: version.id,
			status: 'proposed',
			proposedBy: input.actor.name,
			proposedAt: now,
			decidedBy: null,
			decidedAt: null
		};
		tx.insert(agreements).values(row).run();
		recordAudit(
			txDb,
			{
				workshopId: input.workshopId,
				actor: input.actor,
				action: 'agreement.proposed',
				detail: `Proposed version ${version.number} of the plan for agreement by ${partners.length} partners.`
			},
			now
		);
		return row;
	}, WRITE_TRANSACTION);
	return { ok: true, value: describeAgreement(db, agreement) };
}

/** A partner member's answer to the open proposal: sign off, or ask for changes (with a comment). */
export function answerProposal(
	db: Db,
	input: {
		workshopId: string;
		actor: Actor;
		/** The partner organisation the member speaks for (from their membership). */
		partnerId: string | null;
		decision: SignOffDecisionValue;
		comment: string;
	},
	now = Date.now()
): AgreementResult {
	const open = openProposal(db, input.workshopId);
	if (!open) return fail('There is no proposed plan to answer; the facilitator proposes it first.');
	const state = describeAgreement(db, open);
	const partner = state.answers.find((answer) => answer.partner.id === input.partnerId)?.partner;
	if (!partner) {
		return fail(
			'Only a member of one of the partner organisations can answer for it; ask the facilitator to link you to yours.'
		);
	}
	const comment = input.comment.trim();
	if (input.decision === 'changes-requested' && comment === '') {
		return fail('Say which changes your organisation asks for.');
	}
	if (comment.length > MAX_COMMENT_LENGTH) {
		return fail(`Keep the comment to ${MAX_COMMENT_LENGTH} characters.`);
	}
	db.transaction((tx) => {
		tx.insert(signOffs)
			.values({
				agreementId: open.id,
				partnerId: partner.id,
				userId: input.actor.id,
				userName: input.actor.name,
				decision: input.decision,
				comment,
				createdAt: now
			})
			.run();
		recordAudit(
			tx as unknown as Db,
			{
				workshopId: input.workshopId,
				actor: input.actor,
				action:
					input.decision === 'signed' ? 'agreement.signed-off' : 'agreement.changes-requested',
				detail:
					input.decision === 'signed'
						? `Signed off the proposed plan for ${partner.name}.`
						: `Asked for changes to the proposed plan for ${partner.name}: ${comment}`
			},
			now
		);
	}, WRITE_TRANSACTION);
	return { ok: true, value: describeAgreement(db, open) };
}

/** Marks the open proposal agreed, once every partner has signed off; this freezes it. */
export function agreePlan(
	db: Db,
	input: { workshopId: string; actor: Actor },
	now = Date.now()
): AgreementResult {
	const open = openProposal(db, input.workshopId);
	if (!open) return fail('There is no proposed plan to agree.');
	const { outstanding, version } = describeAgreement(db, open);
	if (outstanding.length > 0) {
		return fail(
			`Still waiting for ${outstanding.map((partner) => partner.name).join(', ')} to sign off.`
		);
	}
	db.transaction((tx) => {
		tx.update(agreements)
			.set({ status: 'agreed', decidedBy: input.actor.name, decidedAt: now })
			.where(eq(agreements.id, open.id))
			.run();
		recordAudit(
			tx as unknown as Db,
			{
				workshopId: input.workshopId,
				actor: input.actor,
				action: 'agreement.agreed',
				detail: `Marked version ${version.number} agreed (SHA-256 ${version.contentHash}).`
			},
			now
		);
	}, WRITE_TRANSACTION);
	return {
		ok: true,
		value: describeAgreement(db, {
			...open,
			status: 'agreed',
			decidedBy: input.actor.name,
			decidedAt: now
		})
	};
}

/** Withdraws the open proposal (to change the plan and propose again). */
export function withdrawProposal(
	db: Db,
	input: { workshopId: string; actor: Actor },
	now = Date.now()
): AgreementResult<null> {
	const open = openProposal(db, input.workshopId);
	if (!open) return fail('There is no proposed plan to withdraw.');
	db.transaction((tx) => {
		tx.update(agreements)
			.set({ status: 'withdrawn', decidedBy: input.actor.name, decidedAt: now })
			.where(eq(agreements.id, open.id))
			.run();
		recordAudit(
			tx as unknown as Db,
			{
				workshopId: input.workshopId,
				actor: input.actor,
				action: 'agreement.withdrawn',
				detail: 'Withdrew the proposed plan.'
			},
			now
		);
	}, WRITE_TRANSACTION);
	return { ok: true, value: null };
}

/** The sign-offs of an agreement as the export model carries them. */
export function exportedAgreement(state: AgreementState): NonNullable<PlanExport['agreement']> {
	const signOffs: ExportSignOff[] = state.answers.map(({ partner, answer }) => ({
		partner,
		decision: answer?.decision ?? 'outstanding',
		by: answer?.userName ?? null,
		at: answer ? new Date(answer.createdAt).toISOString() : null,
		comment: answer?.comment ?? ''
	}));
	const agreed = state.agreement.status === 'agreed';
	return {
		status: agreed ? 'agreed' : 'proposed',
		at: new Date(
			agreed ? (state.agreement.decidedAt ?? 0) : state.agreement.proposedAt
		).toISOString(),
		signOffs
	};
}
