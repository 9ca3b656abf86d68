/**
 * A partner organisation's diagnosis scores. Secret until the facilitator reveals them:
 * GET /workshops/<id>/diagnosis/scores/<partnerId> answers only members who speak for that
 * partner (after the reveal, any member); PUT `{ "scores": [{ pillar, score, note }] }` saves them,
 * only for one's own organisation and only while scoring is open. Observers never score.
 */
import { listPartners, listPillars } from '$lib/board/board-doc';
import { readBoard } from '$lib/server/board-edit';
import { parseScores } from '$lib/server/diagnosis-input';
import { getDiagnosis, listScores, saveScores } from '$lib/server/diagnosis';
import { publishDiagnosis } from '$lib/server/diagnosis-board';
import { currentBoardState } from '$lib/server/live-boards';
import { answer, checkMember, readJsonBody, refusal } from '$lib/server/member-request';
import { getBoardStore, getDb } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	const member = checkMember(locals.user, params.id);
	if (!member.ok) return member.response;
	const db = getDb();
	const revealed = getDiagnosis(db, member.workshop.id).status === 'revealed';
	if (!revealed) {
		if (member.role === 'observer') {
			return refusal(403, 'Scores stay with each partner until the facilitator reveals them.');
		}
		if (member.partnerId !== params.partnerId) {
			return refusal(
				403,
				'Only members of that organisation see its scores before the facilitator reveals them.'
			);
		}
	}
	return answer({
		partnerId: params.partnerId,
		scores: listScores(db, member.workshop.id, params.partnerId)
	});
};

export const PUT: RequestHandler = async ({ params, locals, request }) => {
	const member = checkMember(locals.user, params.id);
	if (!member.ok) return member.response;
	if (member.role === 'observer') {
		return refusal(403, 'Observers watch the diagnosis; partners score their own organisation.');
	}
	if (member.partnerId !== params.partnerId) {
		return refusal(403, 'You may score only the organisation you speak for.');
	}
	const body = await readJsonBody(request);
	if (!body.ok) return body.response;
	const parsed = parseScores(body.body);
	if (!parsed.ok) return refusal(400, parsed.message);
	const db = getDb();
	const store = getBoardStore();
	const workshopId = member.workshop.id;
	const board = readBoard(currentBoardState(store, workshopId), (doc) => ({
		pillars: listPillars(doc).map((pillar) => pillar.key),
		partners: listPartners(doc).map((partner) => partner.id)
	}));
	if (!board.partners.includes(params.partnerId)) {
		return refusal(409, 'Your organisation is no longer on the board; ask the facilitator.');
	}
	const result = saveScores(db, {
		workshopId,
		partnerId: params.partnerId,
		user: { id: member.user.id, name: member.user.name },
		entries: parsed.value,
		pillars: board.pillars
	});
	if (!result.ok) return refusal(result.status, result.message);
	publishDiagnosis(db, store, workshopId);
	return answer({
		partnerId: params.partnerId,
		scores: listScores(db, workshopId, params.partnerId)
	});
};
