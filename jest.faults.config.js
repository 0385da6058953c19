/**
 * `npm run test:faults`: suites that break real parts on purpose (processes killed, Redis and SMTP
 * down, hostile input). They spawn the built app, so the script builds first; `npm test` never runs them.
 */
const e2e = require('./jest.config.js').projects.find((p) => p.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  slowTestThreshold: 60,
  // Each suite loads the machine on purpose; one at a time keeps their timings honest.
  maxWorkers: 1,
};
