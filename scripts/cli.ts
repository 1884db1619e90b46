/** The command line as the scripts read it: a usage error prints the usage and exits 2; --help prints it and exits 0. */

/** A command line the script cannot run: its message is printed above the usage. */
export class UsageError extends Error {}

/** The parsed options, or the exit status when there is nothing to run (2 after a usage error, 0 after --help). */
export function commandLine<T extends object>(parse: (argv: string[]) => T | 'help', usage: string): T | number {
  try {
    const options = parse(process.argv.slice(2))
    if (options !== 'help') return options
    console.log(usage)
    return 0
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`${error.message}\n\n${usage}`)
    return 2
  }
}
