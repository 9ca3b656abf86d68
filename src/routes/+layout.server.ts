import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	return {
		/** The signed-in person (id, email, name) for the top bar, or null when signed out. */
		user: locals.user
	};
};
