// ESLint flat config.
//
// ─── Boundary rules ──────────────────────────────────────────────────────────────────────────────
// This section holds only the module boundaries of docs/architecture.md ("Boundaries"), checked by
// `npm run lint:boundaries`. It is self-contained: other rule sets (typescript-eslint, style) go in
// their own sections below it and must not redefine `no-restricted-imports` for these files, since a
// later flat-config entry replaces an earlier one's options for the same rule.
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
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

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
    message: 'Another app or library is reached through its barrel `@r2c/<lib>`, never by a relative path; an app is never imported. See docs/architecture.md, "Boundaries".',
  },
  {
    regex: '^@r2c/[^/]+/(entities$|.*\\.entit(y|ies)$)',
    message: "Another library's entities are its own: ask its exported service or reader (`@r2c/<lib>/entities` is for the test suites). See docs/architecture.md, \"Boundaries\".",
  },
  {
    regex: '^@r2c/[^/]+/(?!entities$)(?!.*\\.entit(y|ies)$).+',
    message: 'Only the barrel `@r2c/<lib>` of a library may be imported, not its files. See docs/architecture.md, "Boundaries".',
  },
];

const boundaries = [
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**'] },
  {
    name: 'r2c/boundaries',
    files: ['apps/**/*.{ts,tsx,mts}', 'libs/**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    rules: {
      'no-restricted-imports': ['error', { patterns: BOUNDARY_PATTERNS }],
    },
  },
];
// ─── end of the boundary rules ───────────────────────────────────────────────────────────────────

// Other rule sets (typescript-eslint, style) join this list after the boundary section.
export default [...boundaries];
