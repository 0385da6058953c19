/**
 * The HTTP API's contract: the JSON it answers with (dates as ISO strings) and the lists of allowed
 * values, shared by the back end and the web app. Imports nothing, so both can read it.
 */
export * from './values';
export * from './access';
export * from './cycles';
export * from './reports';
export * from './surveys';
export * from './admin';
export * from './notifications';
export * from './review-loop';
export * from './learning';
export * from './answers';
