/**
 * POST /workshops/<id>/diagnosis (facilitators): `{ "step": "open" | "close" | "reveal" | "show" }`
 * takes the diagnosis a step; `{ "scale": { min, max, minLabel, maxLabel } }` sets its scale.
 * The board shows the result to everyone at once (diagnosis-board.ts).
 */
import { parseFacilitatorRequest } from '$lib/server/diagnosis-input';
import { getDiagnosis, scaleOf, setDiagnosisScale, stepDiagnosis } from '$lib/server/diagnosis';
import { publishDiagnosis } from '$lib/server/diagnosis-board';
import { answer, checkMember, readJsonBody, refusal } from '$lib/server/member-request';
import { getBoardStore, getDb } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, locals, request }) => {
	const member = checkMember(locals.user, params.id);
	if (!member.ok) return member.response;
	if (member.role !== 'facilitator') return refusal(403, 'Only facilitators run the diagnosis.');
	const body = await readJsonBody(request);
	if (!body.ok) return body.response;
	const parsed = parseFacilitatorRequest(body.body);
	if (!parsed.ok) return refusal(400, parsed.message);
	const db = getDb();
	const actor = { id: member.user.id, name: member.user.name };
	const result =
		'step' in parsed.value
			? stepDiagnosis(db, { workshopId: member.workshop.id, step: parsed.value.step, actor })
			: setDiagnosisScale(db, member.workshop.id, parsed.value.scale);
	if (!result.ok) return refusal(result.status, result.message);
	publishDiagnosis(db, getBoardStore(), member.workshop.id);
	const row = getDiagnosis(db, member.workshop.id);
	return answer({ status: row.status, scale: scaleOf(row) });
};
