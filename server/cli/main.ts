/**
 * The `pillarboard` command line: finds the command, runs it, and turns expected failures into
 * one sentence on stderr and an exit code (1 failure, 2 usage). Uses DATABASE_PATH like the server.
 */
import { DEFAULT_DATABASE_PATH } from '../config.ts';
import {
	CliError,
	EXIT_USAGE,
	UsageError,
	commandHelp,
	parseCommandLine,
	processIo,
	type CliIo,
	type Command
} from './io.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { exportCommand } from './export.ts';
import { addMemberCommand, removeMemberCommand } from './member.ts';
import { createTokenCommand } from './token.ts';
import { createUserCommand } from './user.ts';
import { createWorkshopCommand } from './workshop.ts';

export const COMMANDS: readonly Command[] = [
	createUserCommand,
	createTokenCommand,
	createWorkshopCommand,
	addMemberCommand,
	removeMemberCommand,
	exportCommand,
	backupCommand,
	restoreCommand
];

/** The overview printed by `pillarboard --help` and after an unknown command. */
function overview(commands: readonly Command[]): string {
	return [
		'Usage: pillarboard <command> [options]',
		'',
		'Commands:',
		...commands.map((command) => `  ${command.synopsis}`),
		'',
		'Run "pillarboard <command> --help" for details of one command.',
		`The database is DATABASE_PATH (default ${DEFAULT_DATABASE_PATH}); it is created and migrated if needed.`
	].join('\n');
}

const isHelp = (arg: string | null | undefined) =>
	arg === '--help' || arg === '-h' || arg === 'help';

/** Runs one command line and resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
	const [group, ...afterGroup] = argv;
	if (argv.length === 1 && isHelp(group)) {
		io.out(overview(COMMANDS));
		return 0;
	}
	const inGroup = COMMANDS.filter((command) => command.group === group);
	// A one-word command (`backup FILE`) takes everything after its word.
	const single = inGroup.find((candidate) => candidate.name === null);
	const [name, ...rest] = single ? [null, ...afterGroup] : afterGroup;
	const command = single ?? inGroup.find((candidate) => candidate.name === name);
	if (!command) {
		if (inGroup.length > 0 && argv.length === 2 && isHelp(name)) {
			io.out(overview(inGroup));
			return 0;
		}
		io.err(
			group === undefined
				? 'Say which command to run.'
				: inGroup.length === 0
					? `Unknown command "${group}".`
					: name === undefined
						? `Say which ${group} command to run.`
						: `Unknown command "${group} ${name}".`
		);
		io.err(overview(inGroup.length > 0 ? inGroup : COMMANDS));
		return EXIT_USAGE;
	}
	try {
		const options = parseCommandLine(command, rest);
		if (!options) {
			io.out(commandHelp(command));
			return 0;
		}
		await command.run(options, io);
		return 0;
	} catch (error) {
		if (!(error instanceof CliError)) throw error;
		io.err(error.message);
		for (const line of error.details) io.err(`  - ${line}`);
		if (error instanceof UsageError) io.err(error.usage);
		return error.exitCode;
	}
}
