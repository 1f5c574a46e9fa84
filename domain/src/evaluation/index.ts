export * from './dates';
export * from './scoring';
