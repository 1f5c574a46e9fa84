export * from './funnel';
export * from './names';
export * from './pool';
export * from './scorecard';
