/**
 * What the command-line tools share: strict option parsing whose every refusal is one readable
 * line (the tools print it and exit 2), and the checks of dates and date ranges.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { LocalDate } from "@tenggat/core/date";

/** Bad command-line input: the tool prints the message as one line and exits 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * A tool's arguments from `process.argv`, through its `parse` (which returns `undefined` for
 * `--help`): a refusal is printed as one line and sets exit code 2, `--help` prints `usage`;
 * either way `undefined` comes back and the tool has nothing more to do.
 */
export function fromArgv<A>(
  tool: string,
  parse: (argv: string[]) => A | undefined,
  usage: string,
): A | undefined {
  let args: A | undefined;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${tool}: ${error.message}\n`);
    process.exitCode = 2;
    return undefined;
  }
  if (args === undefined) process.stdout.write(`${usage}\n`);
  return args;
}

/** `parseArgs`, strict and without positionals, with Node's errors turned into one-line `UsageError`s. */
export function options<O extends Options>(argv: string[], config: O) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options: config }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const option = /'([^']+)'/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new UsageError(`unknown option ${option ?? ""} (see --help)`.replace("  ", " "));
    }
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      throw new UsageError(`unexpected argument ${option ?? ""} (see --help)`.replace("  ", " "));
    }
    throw new UsageError(`${message.split("\n")[0]} (see --help)`);
  }
}

/** A `YYYY-MM-DD` option that must be a real date. */
export function date(flag: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${flag} is required (see --help)`);
  if (!LocalDate.isValid(value)) {
    throw new UsageError(`${flag} ${value} is not a real date in the form YYYY-MM-DD`);
  }
  return value;
}

/** `--from`/`--to`: real dates, in order, spanning at most `maxYears`. */
export function range(from: string, to: string, maxYears: number): { from: string; to: string } {
  date("--from", from);
  date("--to", to);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (LocalDate.addMonths(from, maxYears * 12) <= to) {
    throw new UsageError(`the range may span at most ${maxYears} years`);
  }
  return { from, to };
}
