/**
 * What every `pillarboard` command shares: its shape, option parsing with readable usage errors,
 * the database (from DATABASE_PATH, migrated), standard input and output.
 */
import { parseArgs } from 'node:util';
import { createDb, migrateDb, type Db } from '../../src/lib/server/db/index.ts';
import { MIGRATIONS_FOLDER, readConfig } from '../config.ts';

/** Exit code for a failure: the command was understood but could not be done. */
export const EXIT_FAILURE = 1;
/** Exit code for a command line that could not be understood. */
export const EXIT_USAGE = 2;

/** An expected failure: its message (one sentence) is printed without a stack trace. */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode: number = EXIT_FAILURE,
		/** More lines to print after the message (e.g. every problem in a file). */
		readonly details: readonly string[] = []
	) {
		super(message);
		this.name = 'CliError';
	}
}

/** A command line that could not be understood; the command's usage is printed after it. */
export class UsageError extends CliError {
	constructor(
		message: string,
		readonly usage: string
	) {
		super(message, EXIT_USAGE);
		this.name = 'UsageError';
	}
}

/** Where a command reads and writes: the real process, or a test's stand-ins. */
export interface CliIo {
	env: NodeJS.ProcessEnv;
	stdin: NodeJS.ReadableStream & { isTTY?: boolean };
	/** Writes one line to standard output. */
	out(line: string): void;
	/** Writes one line to standard error. */
	err(line: string): void;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
	return {
		env: process.env,
		stdin: process.stdin,
		out: (line) => process.stdout.write(line + '\n'),
		err: (line) => process.stderr.write(line + '\n')
	};
}

export interface OptionSpec {
	type: 'string' | 'boolean';
	/** Placeholder shown in help, e.g. `EMAIL`. */
	value?: string;
	/** A one-letter alias, e.g. `o` for `-o`. */
	short?: string;
	description: string;
}

/** One `pillarboard <group> <name>` command, or a one-word `pillarboard <group> ARG` (name null). */
export interface Command {
	group: string;
	name: string | null;
	/** One line for the command list. */
	summary: string;
	/** The synopsis, e.g. `pillarboard token create --email EMAIL [--label LABEL]`. */
	synopsis: string;
	options: Record<string, OptionSpec>;
	/** The one positional argument the command takes, e.g. `FILE` (none if absent). */
	argument?: { value: string; description: string };
	/** Does the work; throws CliError for anything expected to go wrong. */
	run(options: ParsedOptions, io: CliIo): Promise<void>;
}

/** The options given on a command line, read through accessors that know the command. */
export interface ParsedOptions {
	/** A string option's value, or undefined if it was not given. */
	string(name: string): string | undefined;
	/** A string option's value; a usage error if it was not given or is blank. */
	required(name: string): string;
	/** Whether a boolean option was given. */
	flag(name: string): boolean;
	/** The positional argument; a usage error if it was not given. */
	argument(): string;
	/** A usage error for this command (to throw). */
	usageError(message: string): UsageError;
}

/** How a command is called, e.g. `backup` or `token create`. */
export function commandName(command: Command): string {
	return command.name === null ? command.group : `${command.group} ${command.name}`;
}

/** The full help text of a command: synopsis and one line per option. */
export function commandHelp(command: Command): string {
	const lines = [`Usage: ${command.synopsis}`, '', command.summary, '', 'Options:'];
	const entries = Object.entries(command.options).map(([name, spec]) => {
		const left = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
		return [left, spec.description] as const;
	});
	if (command.argument) entries.unshift([command.argument.value, command.argument.description]);
	entries.push(['--help', 'Show this help.']);
	const width = Math.max(...entries.map(([left]) => left.length));
	for (const [left, description] of entries) lines.push(`  ${left.padEnd(width)}  ${description}`);
	return lines.join('\n');
}

/**
 * Parses a command's arguments. Unknown options, missing values and stray arguments become
 * usage errors with a sentence of our own (parseArgs' messages are written for programmers).
 * Returns null when `--help` was asked for.
 */
export function parseCommandLine(command: Command, args: string[]): ParsedOptions | null {
	const usage = `Usage: ${command.synopsis}\nRun "pillarboard ${commandName(command)} --help" for details.`;
	const fail = (message: string) => new UsageError(message, usage);
	const specs = { ...command.options, help: { type: 'boolean', description: '' } } as Record<
		string,
		OptionSpec
	>;
	const { tokens } = parseArgs({
		args,
		options: Object.fromEntries(
			Object.entries(specs).map(([name, spec]) => [
				name,
				spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }
			])
		),
		strict: false,
		allowPositionals: true,
		tokens: true
	});
	const values = new Map<string, string | true>();
	let positional: string | undefined;
	for (const token of tokens) {
		if (token.kind === 'positional') {
			if (!command.argument || positional !== undefined) {
				throw fail(`Unexpected argument "${token.value}".`);
			}
			positional = token.value;
			continue;
		}
		if (token.kind !== 'option') continue;
		if (token.rawName === '-h') {
			values.set('help', true);
			continue;
		}
		const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
		// Long options, and the short aliases a command defines (besides -h), are ours.
		if (!spec || (!token.rawName.startsWith('--') && token.rawName !== `-${spec.short}`)) {
			throw fail(`Unknown option "${token.rawName}".`);
		}
		if (spec.type === 'boolean') {
			if (token.inlineValue) throw fail(`The option ${token.rawName} takes no value.`);
			values.set(token.name, true);
		} else {
			// Without an `=`, a value that looks like an option means the value was left out.
			if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
				throw fail(`The option ${token.rawName} needs a value.`);
			}
			values.set(token.name, token.value);
		}
	}
	if (values.has('help')) return null;
	return {
		string(name) {
			const value = values.get(name);
			return typeof value === 'string' ? value : undefined;
		},
		required(name) {
			const value = values.get(name);
			if (typeof value !== 'string' || value.trim() === '') {
				throw fail(`The option --${name} is required.`);
			}
			return value;
		},
		flag: (name) => values.get(name) === true,
		argument() {
			if (positional === undefined || positional.trim() === '') {
				throw fail(`Say which ${command.argument?.value ?? 'argument'} to use.`);
			}
			return positional;
		},
		usageError: fail
	};
}

/** Opens the database named by DATABASE_PATH (default ./data/pillarboard.db) and migrates it. */
export function openDatabase(env: NodeJS.ProcessEnv): Db {
	let databasePath: string;
	try {
		({ databasePath } = readConfig(env));
	} catch (error) {
		throw new CliError((error as Error).message);
	}
	try {
		const db = createDb(databasePath);
		migrateDb(db, MIGRATIONS_FOLDER);
		return db;
	} catch (error) {
		throw new CliError(`Could not open the database ${databasePath}: ${(error as Error).message}`);
	}
}

/** Runs `work` with the database open, closing it afterwards whatever happens. */
export async function withDatabase<T>(io: CliIo, work: (db: Db) => T | Promise<T>): Promise<T> {
	const db = openDatabase(io.env);
	try {
		return await work(db);
	} finally {
		db.$client.close();
	}
}

/** Reads all of standard input as UTF-8. */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stdin) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Drops one trailing line break (`echo`, here-strings and editors add one). */
export function stripTrailingNewline(text: string): string {
	return text.replace(/\r?\n$/, '');
}
