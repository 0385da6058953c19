/** Unit tests sit beside the code (libs, apps); end-to-end suites live in test/ and start real parts. */
const moduleNameMapper = {
  '^@r2c/([a-z]+)$': '<rootDir>/libs/$1/src',
  '^@r2c/([a-z]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// The project's tsconfig.json, with JSX on for the web app's components a unit test renders (tsconfig.json
// leaves it off: React's types would then shadow the DOM's in the browser tests' type check).
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { jsx: 'react-jsx' } }] };
const common = { moduleNameMapper, transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };

module.exports = {
  // jest's default leaves one core idle (cores − 1); the e2e suites mostly wait on their own servers, so use them all.
  maxWorkers: '100%',
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/libs', '<rootDir>/apps'], testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
      slowTestThreshold: 20,
    },
  ],
};
