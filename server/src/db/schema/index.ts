export * from './access';
export * from './approvals';
export * from './calendar';
export * from './imports';
export * from './land';
export * from './platform';
export * from './projects';
export * from './reference';
