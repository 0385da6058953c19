// @ts-check
/**
 * ESLint (flat config): typescript-eslint's type-checked recommended rules over apps/, libs/, test/ and bench/.
 * Each file is type-checked with its nearest tsconfig.json (the project service): the root one for the API, worker,
 * libraries and tests, apps/web/tsconfig.json for the React app, bench/tsconfig.json for the benchmarks.
 * Formatting is Prettier's job (`npm run format`), so eslint-config-prettier comes last and turns off every
 * stylistic rule that would disagree with it.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

/** Node's globals, for the few plain JavaScript files (TypeScript itself checks names in .ts files). */
const nodeGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
  process: 'readonly',
  Buffer: 'readonly',
  console: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  setImmediate: 'readonly',
  URL: 'readonly',
};

/** The browser's globals the React app uses; no Node globals there (it runs in the browser only). */
const browserGlobals = {
  window: 'readonly',
  document: 'readonly',
  navigator: 'readonly',
  location: 'readonly',
  history: 'readonly',
  localStorage: 'readonly',
  sessionStorage: 'readonly',
  fetch: 'readonly',
  Headers: 'readonly',
  Request: 'readonly',
  Response: 'readonly',
  URL: 'readonly',
  URLSearchParams: 'readonly',
  FormData: 'readonly',
  Blob: 'readonly',
  File: 'readonly',
  FileReader: 'readonly',
  AbortController: 'readonly',
  HTMLElement: 'readonly',
  HTMLInputElement: 'readonly',
  Event: 'readonly',
  KeyboardEvent: 'readonly',
  MouseEvent: 'readonly',
  console: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  requestAnimationFrame: 'readonly',
};

// ─── Boundary rules ──────────────────────────────────────────────────────────────────────────────
// This section holds only the module boundaries of docs/architecture.md ("Boundaries"), checked by
// `npm run lint` (and `npm run lint:boundaries` alone). No other block may redefine
// `no-restricted-imports` for these files: a later flat-config entry replaces an earlier one's options.
//
//   1. An app never imports another app (apps/api, apps/worker, apps/web).
//   2. A library never imports an app.
//   3. One app or library reaches a library only through its barrel, `@r2c/<lib>`: never by a
//      relative path into its folder, never by a deep path `@r2c/<lib>/...`.
//   4. Entity files are their library's own: `@r2c/<lib>/entities` (the entity classes, for the
//      test suites) and `*.entity` files are never imported from another app or library.
//
// It uses eslint's own `no-restricted-imports` with patterns rather than eslint-plugin-boundaries:
// the plugin resolves imports through eslint-plugin-import resolvers, and without a TypeScript
// resolver it cannot see where `@r2c/<lib>` points, so it could not tell a barrel from a deep path.
const folders = (parent) =>
  readdirSync(new URL(`./${parent}/`, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const APPS = folders('apps');
const LIBS = folders('libs');

const BOUNDARY_PATTERNS = [
  {
    // `../../worker/src/worker.module` from apps/api, `../../../apps/api/src/x` from a library, …
    regex: `^(\\.\\./)+((apps|libs)/)?(${[...APPS, ...LIBS].join('|')})/src(/|$)|(^|/)(apps|libs)/`,
    message:
      'Another app or library is reached through its barrel `@r2c/<lib>`, never by a relative path; an app is never imported. See docs/architecture.md, "Boundaries".',
  },
  {
    regex: '^@r2c/[^/]+/(entities$|.*\\.entit(y|ies)$)',
    message:
      'Another library\'s entities are its own: ask its exported service or reader (`@r2c/<lib>/entities` is for the test suites). See docs/architecture.md, "Boundaries".',
  },
  {
    regex: '^@r2c/[^/]+/(?!entities$)(?!.*\\.entit(y|ies)$).+',
    message: 'Only the barrel `@r2c/<lib>` of a library may be imported, not its files. See docs/architecture.md, "Boundaries".',
  },
];

const boundaries = [
  {
    name: 'r2c/boundaries',
    files: ['apps/**/*.{ts,tsx,mts}', 'libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: BOUNDARY_PATTERNS }],
    },
  },
];
// ─── end of the boundary rules ───────────────────────────────────────────────────────────────────

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'test-artifacts/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: nodeGlobals,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Required: a promise nobody awaits loses its rejection. Fire-and-forget is written `void promise` with a comment.
      '@typescript-eslint/no-floating-promises': 'error',
      // One import statement per module, but a separate `import type { … }` line for the types is the tree's habit
      // (it keeps type-only names out of the emitted JavaScript under isolatedModules), so it stays allowed.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // Off: the tree converts raw SQL cells and template values, typed `unknown` because the driver decides (a string on
      // SQLite, a number or Date on PostgreSQL), with `String(cell)` on purpose; all 16 findings were that conversion.
      '@typescript-eslint/no-base-to-string': 'off',
      // Off: an `async` function without `await` is how the tree implements a Promise-returning signature (`stop()`,
      // `close()`, test callbacks); unlike `() => Promise.resolve(x)` it turns a synchronous throw into a rejection.
      'require-await': 'off',
      '@typescript-eslint/require-await': 'off',
      // Unused names: `_`-prefixed parameters and caught errors are deliberate (an interface's signature, a callback's
      // position); tsc's noUnusedLocals/noUnusedParameters report the rest too.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The React single-page app runs in the browser.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: browserGlobals },
    rules: {
      // Off here: a component's callback props and a hook's answer (`onChange(value: string): void`, `reload(): Promise<void>`)
      // are declared in method syntax but are closures, never class methods, and destructuring them is the React idiom.
      // The rule cannot tell the two apart (59 findings, all this pattern); it stays on for the Nest classes elsewhere.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // End-to-end and fault suites read answers through supertest, whose `res.body` is `any`: every `res.body.id` would be a
    // no-unsafe-* finding (841, all this pattern), and a typed copy of each answer would only restate what the test asserts.
    // Unit specs likewise use jest's asymmetric matchers (`expect.stringContaining(…)`), which @types/jest types as `any`.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // The few `body: any` in the suites' helpers restate supertest's own type for an answer.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Configuration files in plain JavaScript (or outside every tsconfig): parsed, not type-checked.
    files: ['**/*.{js,cjs,mjs,mts}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // The module boundaries (see the boundary rules above).
  ...boundaries,

  // Last: turn off every rule that would fight Prettier's formatting.
  prettier,
);
