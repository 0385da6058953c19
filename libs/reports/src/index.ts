export * from './digests';
export * from './summaries';
export * from './signups';
