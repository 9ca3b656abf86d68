import { error, fail } from '@sveltejs/kit';
import { listPartners, type Partner } from '$lib/board/board-doc';
import { BoardLoadError, loadBoardDoc } from '$lib/server/board-store';
import { ROLES, type Role } from '$lib/server/db/schema';
import { createInvite, listInvites, revokeInvite, type InviteState } from '$lib/server/invites';
import { getMembership } from '$lib/server/members';
import { getBoardStore, getDb } from '$lib/server/runtime';
import { endOfDay, formatDay, formatMoment } from '$lib/server/uk-time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DAY_IN_MS = 24 * 60 * 60 * 1000;
/** The expiry choices offered, in days; 7 is the default. */
const EXPIRY_DAYS = [1, 7, 30] as const;
const DEFAULT_EXPIRY = '7';
/** A link may not outlive a year: long-lived links get forwarded far beyond the room. */
const MAX_EXPIRY_DAYS = 365;
const MAX_USES = 10_000;
const MAX_LABEL_LENGTH = 80;

const ROLE_LABELS: Record<Role, string> = {
	facilitator: 'Facilitator',
	partner: 'Partner',
	observer: 'Observer'
};

const STATE_LABELS: Record<Exclude<InviteState, 'unknown'>, string> = {
	valid: 'Active',
	expired: 'Expired',
	'used-up': 'Used up',
	revoked: 'Revoked'
};

const ONLY_FACILITATORS = 'Only the facilitators of this workshop can manage its invite links.';

/** The partner organisations on the board; none if the board cannot be read. */
function boardPartners(workshopId: string): Partner[] {
	try {
		const { doc } = loadBoardDoc(getBoardStore(), workshopId);
		const partners = listPartners(doc);
		doc.destroy();
		return partners;
	} catch (cause) {
		if (cause instanceof BoardLoadError) return [];
		throw cause;
	}
}

/** "2026-11-08": a day as a date input's value, in UTC (close enough for its min and max). */
function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export const load: PageServerLoad = async ({ parent, params }) => {
	const { role } = await parent();
	if (role !== 'facilitator') error(403, ONLY_FACILITATORS);
	const now = Date.now();
	const partners = boardPartners(params.id);
	const partnerNames = new Map(partners.map((p) => [p.id, `${p.name} (${p.code})`]));
	return {
		/** The board's partner organisations, for the "Partner organisation" choice. */
		partners: partners.map(({ id, code, name }) => ({ id, code, name })),
		/** The workshop's links, newest first, ready to show. */
		invites: listInvites(getDb(), params.id, now).map((invite) => ({
			id: invite.id,
			label: invite.label,
			roleLabel: ROLE_LABELS[invite.role],
			partnerName: invite.partnerId
				? (partnerNames.get(invite.partnerId) ?? 'A removed partner')
				: null,
			allowGuests: invite.allowGuests,
			uses: invite.uses,
			maxUses: invite.maxUses,
			expiresLabel: formatMoment(invite.expiresAt),
			state: invite.state,
			stateLabel: STATE_LABELS[invite.state]
		})),
		roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
		expiryDays: EXPIRY_DAYS,
		defaultExpiry: DEFAULT_EXPIRY,
		/** Bounds of the "Expires on" date. */
		minDate: isoDay(now),
		maxDate: isoDay(now + MAX_EXPIRY_DAYS * DAY_IN_MS),
		maxUses: MAX_USES,
		maxLabelLength: MAX_LABEL_LENGTH
	};
};

/** The signed-in facilitator of this workshop, or a refusal to return as it is. */
function requireFacilitator(event: RequestEvent) {
	const user = event.locals.user;
	if (!user) {
		return fail(401, {
			action: 'access' as const,
			message: 'Sign in again to manage invite links.'
		});
	}
	if (getMembership(getDb(), event.params.id, user.id)?.role !== 'facilitator') {
		return fail(403, { action: 'access' as const, message: ONLY_FACILITATORS });
	}
	return { id: user.id, name: user.name };
}

/** A form field as trimmed text; a missing or file field reads as empty. */
function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

type InviteField = 'role' | 'partnerId' | 'expires' | 'expiresOn' | 'maxUses' | 'label';

/** When a link chosen by `expires` (days, or "date" with `expiresOn`) stops working. */
function parseExpiry(
	expires: string,
	expiresOn: string,
	now: number
): { expiresAt: number } | { message: string; field: InviteField } {
	if (expires !== 'date') {
		const days = EXPIRY_DAYS.find((option) => String(option) === expires);
		if (!days) return { message: 'Choose how long the link works.', field: 'expires' };
		return { expiresAt: now + days * DAY_IN_MS };
	}
	if (expiresOn === '') {
		return { message: 'Choose the day the link stops working.', field: 'expiresOn' };
	}
	const expiresAt = endOfDay(expiresOn);
	if (expiresAt === null) {
		return {
			message: 'Enter the expiry date as a real day, such as 2026-11-30.',
			field: 'expiresOn'
		};
	}
	if (expiresAt <= now) {
		return { message: 'Choose an expiry date that is today or later.', field: 'expiresOn' };
	}
	if (expiresAt > now + MAX_EXPIRY_DAYS * DAY_IN_MS) {
		return {
			message: 'Choose an expiry date no more than a year from today.',
			field: 'expiresOn'
		};
	}
	return { expiresAt };
}

export const actions: Actions = {
	/** Creates a link and shows it once: only its hash is kept. */
	create: async (event) => {
		const form = await event.request.formData();
		const values = {
			role: text(form, 'role'),
			partnerId: text(form, 'partnerId'),
			expires: text(form, 'expires'),
			expiresOn: text(form, 'expiresOn'),
			maxUses: text(form, 'maxUses'),
			allowGuests: form.get('allowGuests') === 'on',
			label: text(form, 'label')
		};
		const actor = requireFacilitator(event);
		if ('status' in actor) return actor;
		const invalid = (message: string, field: InviteField) =>
			fail(400, { action: 'create' as const, message, field, values });

		const role = ROLES.find((option) => option === values.role);
		if (!role) return invalid('Choose one of the roles offered.', 'role');
		const partners = boardPartners(event.params.id);
		const partner = partners.find((option) => option.id === values.partnerId);
		if (values.partnerId !== '' && !partner) {
			return invalid(
				"Choose one of the workshop's partner organisations, or None. (It may have just been removed.)",
				'partnerId'
			);
		}
		const now = Date.now();
		const expiry = parseExpiry(values.expires, values.expiresOn, now);
		if ('message' in expiry) return invalid(expiry.message, expiry.field);
		let maxUses: number | null = null;
		if (values.maxUses !== '') {
			maxUses = /^\d{1,6}$/.test(values.maxUses) ? Number(values.maxUses) : NaN;
			if (!(maxUses >= 1 && maxUses <= MAX_USES)) {
				return invalid(
					`Enter the number of uses as a whole number from 1 to ${MAX_USES.toLocaleString('en-GB')}, or leave it blank for no limit.`,
					'maxUses'
				);
			}
		}
		if (values.label.length > MAX_LABEL_LENGTH) {
			return invalid(`Keep the label to ${MAX_LABEL_LENGTH} characters or fewer.`, 'label');
		}

		const { token, invite } = createInvite(
			getDb(),
			{
				workshopId: event.params.id,
				role,
				partnerId: partner?.id ?? null,
				partnerCode: partner?.code ?? null,
				allowGuests: values.allowGuests,
				expiresAt: expiry.expiresAt,
				maxUses,
				label: values.label,
				actor
			},
			now
		);
		return {
			action: 'create' as const,
			/** The whole link, shown this once: the server keeps only the hash of its token. */
			created: {
				link: `${event.url.origin}/invite/${token}`,
				roleLabel: ROLE_LABELS[invite.role],
				partnerName: partner ? `${partner.name} (${partner.code})` : null,
				expiresLabel: formatDay(invite.expiresAt),
				maxUses: invite.maxUses,
				allowGuests: invite.allowGuests
			}
		};
	},

	/** Revokes a link: it stops working at once, for everyone. */
	revoke: async (event) => {
		const form = await event.request.formData();
		const actor = requireFacilitator(event);
		if ('status' in actor) return actor;
		const partnerCodes = new Map(boardPartners(event.params.id).map((p) => [p.id, p.code]));
		const result = revokeInvite(getDb(), event.params.id, text(form, 'inviteId'), actor, {
			partnerCodes
		});
		if (!result.ok) return fail(400, { action: 'revoke' as const, message: result.message });
		return {
			action: 'revoke' as const,
			revoked: true,
			message: 'The link is revoked: it no longer lets anyone in. People who joined with it stay.'
		};
	}
};
