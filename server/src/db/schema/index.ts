export * from './access';
export * from './imports';
export * from './platform';
export * from './projects';
export * from './reference';
