/**
 * What the account page's sections share: which section's form is being sent, the answer the
 * last form action gave (each answer says which section it belongs to), and the note about
 * copying a new token, which sending any form clears.
 */
import type { SubmitFunction } from '@sveltejs/kit';

/** The parts of the account page, each with its own forms and message. */
export type AccountSection = 'name' | 'password' | 'sessions' | 'tokens';

/** The last form action's answer, as far as the sections read it. */
export interface AccountFormAnswer {
	/** The section whose form was sent (an `AccountSection`). */
	section: string;
	/** Why the action was refused. */
	message?: string;
	/** What the action did. */
	success?: string;
	/** The name a refused rename asked for, to put back in its field. */
	name?: string;
	/** The label a refused token asked for, to put back in its field. */
	label?: string;
	/** A token just created, shown this once. */
	createdToken?: { label: string; token: string };
}

/** A section's message: a refusal (shown as an alert) or news of success (a status). */
export interface SectionMessage {
	text: string;
	error: boolean;
}

/** The message (error or success) for a section, if the last form sent was one of its own. */
export function messageFor(
	form: AccountFormAnswer | null | undefined,
	section: AccountSection
): SectionMessage | null {
	if (form?.section !== section) return null;
	if (form.message) return { text: form.message, error: true };
	if (form.success) return { text: form.success, error: false };
	return null;
}

/** One per account page: its sections' forms wait on it and report to it. */
export class AccountFormState {
	/** The section whose form is being sent, so that its buttons wait. */
	pending = $state<AccountSection | null>(null);
	/** What the copy button last managed to do with the new token. */
	copyStatus = $state('');

	/** Marks a section busy while its form is sent; a refused password form is cleared. */
	submitting(section: AccountSection): SubmitFunction {
		return ({ formElement }) => {
			this.pending = section;
			this.copyStatus = '';
			return async ({ result, update }) => {
				if (section === 'password' && result.type === 'failure') formElement.reset();
				await update();
				this.pending = null;
			};
		};
	}
}
