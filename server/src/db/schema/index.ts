export * from './access';
export * from './imports';
export * from './land';
export * from './platform';
export * from './projects';
export * from './reference';
