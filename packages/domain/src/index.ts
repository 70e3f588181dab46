export * from './masking';
export * from './validation';
export * from './loop';
export * from './matching';
export * from './staff/appointment';
export * from './rosters';
