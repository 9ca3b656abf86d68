/** `pillarboard workshop create`: a workshop, optionally seeded from a plan file. */
import fs from 'node:fs';
import {
	DEFAULT_PILLAR_PRESET,
	PILLAR_PRESET_IDS,
	isPillarPresetId,
	pillarsForPreset,
	type PillarPresetId
} from '../../src/lib/board/pillars.ts';
import { parsePlanFile, type PlanFile } from '../../src/lib/board/plan-import.ts';
import { MAX_TITLE_LENGTH, createWorkshop } from '../../src/lib/server/workshops.ts';
import { CliError, withDatabase, type Command } from './io.ts';
import { requireUser } from './lookup.ts';

/** Reads and validates a plan file; every problem in it is reported at once. */
export function readPlanFile(file: string, preset: PillarPresetId | undefined): PlanFile {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const reason =
			(error as NodeJS.ErrnoException).code === 'ENOENT'
				? 'it does not exist'
				: (error as Error).message;
		throw new CliError(`Could not read the plan file ${file}: ${reason}.`);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new CliError(`The plan file ${file} is not valid JSON: ${(error as Error).message}.`);
	}
	// Pillar keys are the same in every preset; the file's own preset is checked by the parser.
	const keys = pillarsForPreset(preset ?? DEFAULT_PILLAR_PRESET).map((pillar) => pillar.key);
	const result = parsePlanFile(json, keys);
	if (!result.ok) {
		const count = result.errors.length === 1 ? 'a problem' : `${result.errors.length} problems`;
		throw new CliError(
			`The plan file ${file} has ${count}; nothing was created.`,
			undefined,
			result.errors
		);
	}
	return result.plan;
}

export const createWorkshopCommand: Command = {
	group: 'workshop',
	name: 'create',
	summary:
		'Create a workshop with EMAIL as its facilitator. Prints the workshop id on the last line.',
	synopsis:
		'pillarboard workshop create --title TITLE --owner EMAIL [--place PLACE] [--preset PRESET] [--from FILE]',
	options: {
		title: { type: 'string', value: 'TITLE', description: 'Title of the workshop.' },
		owner: {
			type: 'string',
			value: 'EMAIL',
			description: 'Email of the account that becomes its facilitator.'
		},
		place: {
			type: 'string',
			value: 'PLACE',
			description: 'The place the plan is for; required unless the --from file gives one.'
		},
		preset: {
			type: 'string',
			value: 'PRESET',
			description: `Pillar preset: ${PILLAR_PRESET_IDS.join(', ')} (default: the file's, else ${DEFAULT_PILLAR_PRESET}).`
		},
		from: {
			type: 'string',
			value: 'FILE',
			description: 'A plan file (place, partners, actions) to put on the board.'
		}
	},
	async run(options, io) {
		const title = options.required('title').trim();
		const owner = options.required('owner');
		if (title.length > MAX_TITLE_LENGTH) {
			throw options.usageError(`The title must be at most ${MAX_TITLE_LENGTH} characters.`);
		}
		const presetOption = options.string('preset');
		if (presetOption !== undefined && !isPillarPresetId(presetOption)) {
			throw options.usageError(
				`The preset must be one of ${PILLAR_PRESET_IDS.join(', ')}, not "${presetOption}".`
			);
		}
		const file = options.string('from');
		const plan = file === undefined ? undefined : readPlanFile(file, presetOption);
		const place = (options.string('place') ?? plan?.place ?? '').trim();
		if (place === '') {
			throw options.usageError(
				'Say which place the workshop is for with --place (or --from a plan file).'
			);
		}
		if (place.length > MAX_TITLE_LENGTH) {
			throw options.usageError(`The place must be at most ${MAX_TITLE_LENGTH} characters.`);
		}
		const preset = presetOption ?? plan?.pillarPreset ?? DEFAULT_PILLAR_PRESET;

		await withDatabase(io, (db) => {
			const user = requireUser(db, owner);
			const workshop = createWorkshop(db, { title, place, preset, ownerId: user.id, plan });
			const contents = plan
				? ` with ${plan.partners.length} partners and ${plan.actions.length} actions from ${file}`
				: '';
			io.out(
				`Created the workshop "${workshop.title}" for ${workshop.place} (${preset} pillars)${contents}; ` +
					`${user.email} is its facilitator.`
			);
			io.out(workshop.id);
		});
	}
};
