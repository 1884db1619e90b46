import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')

export interface ScriptRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs one of the project's scripts (`scripts/import.ts`, `scripts/fsck.ts`) as `npm run` would, through tsx. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<ScriptRun> {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const childEnv = { ...process.env, ...env }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [tsx, script, ...args], { cwd: ROOT, env: childEnv as NodeJS.ProcessEnv })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
}
