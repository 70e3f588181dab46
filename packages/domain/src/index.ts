export * from './masking';
export * from './validation';
