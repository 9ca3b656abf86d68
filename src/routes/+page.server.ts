import { fail, redirect } from '@sveltejs/kit';
import type { Role } from '$lib/server/db/schema';
import { getDb } from '$lib/server/runtime';
import { MAX_TITLE_LENGTH, createWorkshop, listWorkshopsOf } from '$lib/server/workshops';
import {
	DEFAULT_PILLAR_PRESET,
	PILLAR_PRESET_IDS,
	PILLAR_PRESET_NAMES,
	isPillarPresetId
} from '$lib/board/pillars';
import type { Actions, PageServerLoad } from './$types';

const ROLE_LABELS: Record<Role, string> = {
	facilitator: 'Facilitator',
	partner: 'Partner',
	observer: 'Observer'
};

export const load: PageServerLoad = ({ locals }) => {
	const user = locals.user;
	// A guest belongs to one workshop only: home is its board.
	if (user?.guestWorkshopId) redirect(303, `/workshops/${user.guestWorkshopId}`);
	return {
		/** My workshops, newest first, ready to show; empty when signed out. */
		workshops: user
			? listWorkshopsOf(getDb(), user.id).map((workshop) => ({
					id: workshop.id,
					title: workshop.title,
					place: workshop.place,
					presetName: isPillarPresetId(workshop.pillarPreset)
						? PILLAR_PRESET_NAMES[workshop.pillarPreset]
						: workshop.pillarPreset,
					role: workshop.role,
					roleLabel: ROLE_LABELS[workshop.role]
				}))
			: [],
		/** The pillar sets offered in the "New workshop" form, default first. */
		presets: PILLAR_PRESET_IDS.map((id) => ({ id, name: PILLAR_PRESET_NAMES[id] })),
		defaultPreset: DEFAULT_PILLAR_PRESET,
		maxTitleLength: MAX_TITLE_LENGTH
	};
};

/** A form field as trimmed text; a missing or file field reads as empty. */
function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

type WorkshopField = 'title' | 'place' | 'preset';

/** The first problem with a new workshop's title or place, as a sentence and the field it is in. */
function checkWorkshopInput(values: {
	title: string;
	place: string;
}): { message: string; field: WorkshopField } | null {
	if (values.title === '') return { message: 'Give the workshop a title.', field: 'title' };
	if (values.title.length > MAX_TITLE_LENGTH) {
		return {
			message: `Keep the title to ${MAX_TITLE_LENGTH} characters or fewer.`,
			field: 'title'
		};
	}
	if (values.place === '') {
		return { message: 'Say which place the workshop is for.', field: 'place' };
	}
	if (values.place.length > MAX_TITLE_LENGTH) {
		return {
			message: `Keep the place name to ${MAX_TITLE_LENGTH} characters or fewer.`,
			field: 'place'
		};
	}
	return null;
}

export const actions: Actions = {
	/** Creates a workshop with the signed-in person as its facilitator, then opens its board. */
	createWorkshop: async ({ request, locals }) => {
		const form = await request.formData();
		const values = {
			title: text(form, 'title'),
			place: text(form, 'place'),
			preset: text(form, 'preset')
		};
		if (!locals.user) {
			return fail(401, { message: 'Sign in to create a workshop.', field: null, values });
		}
		if (locals.user.guestWorkshopId) {
			return fail(403, {
				message: 'Guests cannot create workshops: create an account first.',
				field: null,
				values
			});
		}
		const problem = checkWorkshopInput(values);
		if (problem) return fail(400, { ...problem, values });
		if (!isPillarPresetId(values.preset)) {
			return fail(400, {
				message: 'Choose one of the pillar sets offered.',
				field: 'preset' as const,
				values: { ...values, preset: DEFAULT_PILLAR_PRESET }
			});
		}
		const workshop = createWorkshop(getDb(), {
			title: values.title,
			place: values.place,
			preset: values.preset,
			ownerId: locals.user.id
		});
		redirect(303, `/workshops/${workshop.id}`);
	}
};
