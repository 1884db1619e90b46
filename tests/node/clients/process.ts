import { spawn } from 'node:child_process'

/** Debian's python3, which has the python3-* packages (a pyenv python3 earlier on PATH does not). */
export const PYTHON = '/usr/bin/python3'

/** Runs a program to completion; a non-zero exit is an error carrying its stderr, so a broken tool says why. */
export function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    child.on('error', (error) =>
      reject(new Error(`${command}: ${error.message} (is it installed? npm test installs it: scripts/test-deps.sh)`)),
    )
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'))
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString('utf8').trim()}`))
    })
    child.stdin.end(options.input ?? '')
  })
}

/** Runs a Python snippet that prints JSON, and parses it. */
export async function python<T>(script: string, args: string[]): Promise<T> {
  return JSON.parse(await run(PYTHON, ['-c', script, ...args])) as T
}
