export * from './access';
export * from './platform';
export * from './projects';
export * from './reference';
