/**
 * Chart rules shared by the summary's SVG and the web app: pure functions that place what is drawn.
 * Imports nothing, so both sides read the same file.
 */
export * from './run-chart';
export * from './run-rules';
