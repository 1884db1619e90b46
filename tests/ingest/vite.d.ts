// Vite import forms the ingest tests use. This file has no imports, so its declarations are global;
// the `*?raw` in tests/env.d.ts sits in a module file and so does not apply to imports.
declare module '*?raw' {
  const text: string
  export default text
}

interface ImportMeta {
  /** Vite's import.meta.glob, typed for the one form used here: file text keyed by path. */
  glob(pattern: string | string[], options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>
}
