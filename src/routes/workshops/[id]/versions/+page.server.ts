import { fail } from '@sveltejs/kit';
import {
	agreePlan,
	agreedAgreement,
	answerProposal,
	currentAgreement,
	proposePlan,
	withdrawProposal,
	type AgreementState
} from '$lib/server/agreement';
import { getMembership } from '$lib/server/members';
import { currentBoardState } from '$lib/server/live-boards';
import { getBoardStore, getDb } from '$lib/server/runtime';
import {
	MAX_VERSION_NAME_LENGTH,
	compareStates,
	getVersion,
	listVersions,
	restoreVersion,
	saveNamedVersion
} from '$lib/server/versions';
import { describeComparison, isUnchanged } from '$lib/board/plan-compare';
import type { Actions, PageServerLoad } from './$types';

/** An agreement as the page shows it: plain data, no bytes. */
function agreementView(state: AgreementState) {
	const { agreement, version, answers, outstanding } = state;
	return {
		id: agreement.id,
		status: agreement.status,
		proposedBy: agreement.proposedBy,
		proposedAt: agreement.proposedAt,
		decidedBy: agreement.decidedBy,
		decidedAt: agreement.decidedAt,
		version: {
			id: version.id,
			number: version.number,
			name: version.name,
			contentHash: version.contentHash
		},
		answers: answers.map(({ partner, answer }) => ({
			partner,
			decision: answer?.decision ?? null,
			by: answer?.userName ?? null,
			at: answer?.createdAt ?? null,
			comment: answer?.comment ?? ''
		})),
		outstanding: outstanding.map((partner) => partner.name)
	};
}

export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // membership is checked by the layout
	const db = getDb();
	const current = currentAgreement(db, params.id);
	const agreed = agreedAgreement(db, params.id);
	let sinceAgreed: { summary: string; unchanged: boolean } | null = null;
	if (agreed) {
		const comparison = compareStates(
			agreed.version.state,
			currentBoardState(getBoardStore(), params.id)
		);
		sinceAgreed = { summary: describeComparison(comparison), unchanged: isUnchanged(comparison) };
	}
	return {
		/** Every saved version, newest first, without its bytes. */
		versions: listVersions(db, params.id),
		/** The open proposal or the newest agreement (null before the first proposal). */
		agreement: current ? agreementView(current) : null,
		/** The newest agreed version, if any (it may be older than an open proposal). */
		agreed: agreed ? agreementView(agreed) : null,
		/** What changed on the board since the agreed version. */
		sinceAgreed,
		maxNameLength: MAX_VERSION_NAME_LENGTH
	};
};

/** A form field as trimmed text. */
function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** The signed-in member acting, with their role and partner organisation, or a refusal. */
function memberOf(locals: App.Locals, workshopId: string) {
	const user = locals.user;
	if (!user) return { refusal: fail(401, { error: true, message: 'Sign in first.' }) };
	const membership = getMembership(getDb(), workshopId, user.id);
	if (!membership)
		return {
			refusal: fail(403, { error: true, message: 'You are not a member of this workshop.' })
		};
	return {
		actor: { id: user.id, name: user.name },
		role: membership.role,
		partnerId: membership.partnerId
	};
}

function facilitatorOf(locals: App.Locals, workshopId: string, what: string) {
	const member = memberOf(locals, workshopId);
	if ('refusal' in member) return member;
	if (member.role !== 'facilitator') {
		return { refusal: fail(403, { error: true, message: `Only facilitators can ${what}.` }) };
	}
	return member;
}

export const actions: Actions = {
	/** Saves the board as it is now under a name. */
	save: async ({ request, locals, params }) => {
		const access = facilitatorOf(locals, params.id, 'save versions');
		if ('refusal' in access) return access.refusal;
		const name = text(await request.formData(), 'name');
		if (name === '')
			return fail(400, { error: true, message: 'Give the version a name.', section: 'save' });
		if (name.length > MAX_VERSION_NAME_LENGTH) {
			return fail(400, {
				error: true,
				message: `Keep the name to ${MAX_VERSION_NAME_LENGTH} characters.`,
				section: 'save'
			});
		}
		const version = saveNamedVersion(getDb(), getBoardStore(), {
			workshopId: params.id,
			name,
			actor: access.actor
		});
		return { section: 'save', message: `Saved version ${version.number}, “${version.name}”.` };
	},

	/** Restores a version, keeping the board as it was as a new version first. */
	restore: async ({ request, locals, params }) => {
		const access = facilitatorOf(locals, params.id, 'restore versions');
		if ('refusal' in access) return access.refusal;
		const db = getDb();
		const version = getVersion(db, params.id, text(await request.formData(), 'versionId'));
		if (!version)
			return fail(404, {
				error: true,
				message: 'That version no longer exists.',
				section: 'history'
			});
		const kept = restoreVersion(db, getBoardStore(), {
			workshopId: params.id,
			version,
			actor: access.actor
		});
		return {
			section: 'history',
			message: `Restored version ${version.number}. The board as it was is kept as version ${kept.number}.`
		};
	},

	/** Proposes the board as it is now for agreement. */
	propose: async ({ locals, params }) => {
		const access = facilitatorOf(locals, params.id, 'propose the plan');
		if ('refusal' in access) return access.refusal;
		const result = proposePlan(getDb(), getBoardStore(), {
			workshopId: params.id,
			actor: access.actor
		});
		if (!result.ok)
			return fail(400, { error: true, message: result.message, section: 'agreement' });
		return {
			section: 'agreement',
			message: `Proposed version ${result.value.version.number} for agreement.`
		};
	},

	/** A partner member signs off or asks for changes. */
	answer: async ({ request, locals, params }) => {
		const member = memberOf(locals, params.id);
		if ('refusal' in member) return member.refusal;
		if (member.role === 'observer') {
			return fail(403, {
				error: true,
				message: 'Observers cannot sign off the plan.',
				section: 'agreement'
			});
		}
		const form = await request.formData();
		const decision = text(form, 'decision');
		if (decision !== 'signed' && decision !== 'changes-requested') {
			return fail(400, {
				error: true,
				message: 'Choose to sign off or to ask for changes.',
				section: 'agreement'
			});
		}
		const result = answerProposal(getDb(), {
			workshopId: params.id,
			actor: member.actor,
			partnerId: member.partnerId,
			decision,
			comment: text(form, 'comment')
		});
		if (!result.ok)
			return fail(400, { error: true, message: result.message, section: 'agreement' });
		return {
			section: 'agreement',
			message:
				decision === 'signed' ? 'You signed off the plan.' : 'Your request for changes was sent.'
		};
	},

	/** Marks the proposal agreed once every partner has signed off. */
	agree: async ({ locals, params }) => {
		const access = facilitatorOf(locals, params.id, 'mark the plan agreed');
		if ('refusal' in access) return access.refusal;
		const result = agreePlan(getDb(), { workshopId: params.id, actor: access.actor });
		if (!result.ok)
			return fail(400, { error: true, message: result.message, section: 'agreement' });
		return { section: 'agreement', message: 'The plan is agreed. This version is now frozen.' };
	},

	/** Withdraws the open proposal. */
	withdraw: async ({ locals, params }) => {
		const access = facilitatorOf(locals, params.id, 'withdraw the proposal');
		if ('refusal' in access) return access.refusal;
		const result = withdrawProposal(getDb(), { workshopId: params.id, actor: access.actor });
		if (!result.ok)
			return fail(400, { error: true, message: result.message, section: 'agreement' });
		return { section: 'agreement', message: 'The proposal was withdrawn.' };
	}
};
