export * from './cycle-types';
export * from './verdict';
export * from './phase-rules';
export * from './evidence-rules';
export * from './indicator-templates';
export * from './check-in-schedule';
