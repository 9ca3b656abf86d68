/**
 * GET /workshops/<id>/export.<format>?version=agreed|current|<versionId>: the plan (or the board
 * picture) as a file, for a signed-in member or a script with a bearer API token. Every member
 * may export, observers included; each export is audited.
 */
import { error } from '@sveltejs/kit';
import { validateApiToken } from '$lib/server/auth/api-token';
import { getMembership } from '$lib/server/members';
import { createExport } from '$lib/server/plan-exports';
import { EXPORT_FORMATS, isExportFormat } from '$lib/server/export/formats';
import { getBoardStore, getDb } from '$lib/server/runtime';
import { getWorkshop } from '$lib/server/workshops';
import type { RequestHandler } from './$types';

/** The account behind the request: its session, or an `Authorization: Bearer` API token. */
function requester(locals: App.Locals, request: Request) {
	if (locals.user) return locals.user;
	const header = request.headers.get('authorization') ?? '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	return match ? validateApiToken(getDb(), match[1]) : null;
}

export const GET: RequestHandler = async ({ params, url, locals, request }) => {
	const user = requester(locals, request);
	if (!user) error(401, 'Sign in, or send an API token as "Authorization: Bearer …", to export.');
	if (!isExportFormat(params.format)) {
		error(
			404,
			`There is no export format "${params.format}"; use one of ${EXPORT_FORMATS.join(', ')}.`
		);
	}
	const db = getDb();
	const workshop = getWorkshop(db, params.id);
	if (!workshop) error(404, 'There is no workshop with this id.');
	if (!getMembership(db, workshop.id, user.id)) {
		error(403, 'You are not a member of this workshop. Ask its facilitator for an invite.');
	}
	const selector = url.searchParams.get('version')?.trim() || 'current';
	const result = await createExport(db, getBoardStore(), {
		workshop,
		format: params.format,
		selector,
		actor: { id: user.id, name: user.name }
	});
	if (!result.ok) error(result.status, result.message);
	return new Response(new Uint8Array(result.bytes), {
		headers: {
			'content-type': result.mediaType,
			'content-length': String(result.bytes.length),
			'content-disposition': `attachment; filename="${result.fileName}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
			'cache-control': 'private, no-store',
			...(result.plan.version.hash
				? { 'x-pillarboard-version-hash': result.plan.version.hash }
				: {})
		}
	});
};
