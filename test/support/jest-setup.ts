import { contractProblems } from './contract-recorder';

jest.setTimeout(60000);

/** Every answer the suite's requests got must be one the API documents at /docs-json (status, media type, body). */
afterAll(() => {
  const problems = contractProblems();
  if (problems.length) throw new Error(`Answers that break the API's OpenAPI document:\n  ${problems.join('\n  ')}`);
});
