export * from './roster-match';
