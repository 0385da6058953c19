export * from './digests';
export * from './summaries';
