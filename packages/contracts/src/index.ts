export * from './roles';
export * from './org';
export * from './auth';
export * from './registration';
export * from './units';
export * from './errors';
export * from './fields';
export * from './loop';
