import boundaries from 'eslint-plugin-boundaries'
import tseslint from 'typescript-eslint'

/**
 * The layering of src/, top to bottom (README "How it is built"): a folder may import its own files
 * and the folders of the floors below it, never those above, and those on its own floor only where
 * listed in SIDEWAYS. The other top-level folders sit above src/: scripts/ and bench/ use src/
 * (bench/ and tests/ also fixtures/), and nothing in src/ or bench/ imports tests/.
 */
const FLOORS = [
  ['entry'], // src/index.ts, src/app.ts: the Worker and its wiring (and src/env.ts, see ENV)
  ['routes', 'discovery', 'embed'], // what answers requests
  ['cache', 'websub'], // serving documents; telling hubs
  ['http'], // request context, auth, problem responses, headers
  ['feeds', 'store', 'ingest'], // rendering; the KV layout; newsroom dumps
  ['articles'], // the article: model, schema, scopes, batch contract
  ['config'], // the typed configuration
  ['errors'], // typed errors
  ['utils', 'text', 'time', 'icons'], // ground: no imports of the service's own (icons: the paper's image bytes)
]
/** Same-floor imports that are part of the design: the discovery page shows the embed snippets. */
const SIDEWAYS = { discovery: ['embed'] }
/** The Worker's bindings and vars (types only, importing nothing): every folder may name them. */
const ENV = 'src/env.ts'

const below = (i) => FLOORS.slice(i + 1).flat()
const layerPolicies = FLOORS.flatMap((floor, i) =>
  floor.map((type) => ({
    from: { element: { type } },
    allow: { to: { element: { types: { anyOf: [type, ...(SIDEWAYS[type] ?? []), ...below(i)] } } } },
  })),
)

// Folders are elements; the files directly in src/ (first unmatched by the folders) are the entry.
const ELEMENTS = [
  ...FLOORS.flat()
    .filter((type) => type !== 'entry')
    .map((type) => ({ type, pattern: `src/${type}` })),
  { type: 'entry', pattern: 'src' },
  { type: 'scripts', pattern: 'scripts' },
  { type: 'bench', pattern: 'bench' },
  { type: 'fixtures', pattern: 'fixtures' },
  { type: 'tests', pattern: 'tests' },
]
const SRC = FLOORS.flat()

export default tseslint.config(
  { ignores: ['node_modules/', '.wrangler/', 'dist/', 'bench/.tmp/', 'docs/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'import/resolver': { node: { extensions: ['.ts', '.js', '.d.ts'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...layerPolicies,
            { allow: { to: { file: { path: ENV } } } },
            { from: { element: { type: 'scripts' } }, allow: { to: { element: { types: { anyOf: ['scripts', ...SRC] } } } } },
            { from: { element: { type: 'fixtures' } }, allow: { to: { element: { types: { anyOf: ['fixtures', ...SRC] } } } } },
            { from: { element: { type: 'bench' } }, allow: { to: { element: { types: { anyOf: ['bench', 'fixtures', ...SRC] } } } } },
            {
              from: { element: { type: 'tests' } },
              allow: { to: { element: { types: { anyOf: ['tests', 'fixtures', 'scripts', ...SRC] } } } },
            },
          ],
        },
      ],
    },
  },
)
