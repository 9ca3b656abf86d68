/** `pillarboard export`: the plan of a workshop as a file, from the database, without a server. */
import fs from 'node:fs';
import path from 'node:path';
import { COMMAND_LINE } from '../../src/lib/server/audit.ts';
import { SqliteBoardStore } from '../../src/lib/server/board-store-sqlite.ts';
import { createExport } from '../../src/lib/server/plan-exports.ts';
import { isExportFormat } from '../../src/lib/server/export/formats.ts';
import { CliError, withDatabase, type Command } from './io.ts';
import { requireWorkshop } from './lookup.ts';

/** Formats of the plan (the board pictures are offered in the app and over HTTP). */
const CLI_FORMATS = ['json', 'md', 'csv', 'xlsx', 'docx', 'pdf'] as const;

export const exportCommand: Command = {
	group: 'export',
	name: null,
	summary:
		'Write the action plan of a workshop to FILE. Reads the database directly, so it works whether or not the server runs (every edit the server relayed is already stored).',
	synopsis:
		'pillarboard export --workshop ID --format json|md|csv|xlsx|docx|pdf [--version agreed|current|ID] -o FILE',
	options: {
		workshop: { type: 'string', value: 'ID', description: 'The workshop id.' },
		format: { type: 'string', value: 'FORMAT', description: `One of ${CLI_FORMATS.join(', ')}.` },
		version: {
			type: 'string',
			value: 'VERSION',
			description: 'agreed, current (the default) or a version id from the history.'
		},
		output: { type: 'string', short: 'o', value: 'FILE', description: 'Where to write the file.' }
	},
	async run(options, io) {
		const workshopId = options.required('workshop');
		const format = options.required('format').trim().toLowerCase();
		if (!isExportFormat(format) || !(CLI_FORMATS as readonly string[]).includes(format)) {
			throw options.usageError(
				`The format must be one of ${CLI_FORMATS.join(', ')}, not "${format}".`
			);
		}
		const file = path.resolve(options.required('output'));
		if (!fs.existsSync(path.dirname(file))) {
			throw new CliError(`The folder ${path.dirname(file)} does not exist.`);
		}
		const selector = options.string('version')?.trim() || 'current';
		await withDatabase(io, async (db) => {
			const workshop = requireWorkshop(db, workshopId);
			const result = await createExport(db, new SqliteBoardStore(db), {
				workshop,
				format,
				selector,
				actor: COMMAND_LINE
			});
			if (!result.ok) throw new CliError(result.message);
			fs.writeFileSync(file, result.bytes);
			const actions = result.plan.pillars.reduce((sum, pillar) => sum + pillar.actions.length, 0);
			const hash = result.plan.version.hash ? ` (SHA-256 ${result.plan.version.hash})` : '';
			io.out(
				`Wrote ${actions} actions of "${workshop.title}", ${selector === 'current' ? 'as they are now' : `version ${selector}`}${hash}, to ${file}.`
			);
			io.out(file);
		});
	}
};
