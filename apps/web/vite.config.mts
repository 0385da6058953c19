import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The API's contract (its JSON shapes and value lists), shared with the back end; see tsconfig.json's paths. */
const contracts = fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url));
/** The run chart's rules, shared with the summary's SVG. */
const charts = fileURLToPath(new URL('../../libs/charts/src/index.ts', import.meta.url));

/** Built into apps/web/dist, which the API serves at `/` on the same origin (no CORS, no second server). */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@r2c/contracts': contracts, '@r2c/charts': charts } },
  // No source map: it would publish the whole source, comments included, to anyone who asks for it.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
