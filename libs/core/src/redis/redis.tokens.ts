export const REDIS_TARGET = Symbol('REDIS_TARGET');
