export * from './approvals';
export * from './attraction';
export * from './audit';
export * from './auth';
export * from './calendar';
export * from './errors';
export * from './imports';
export * from './industries';
export * from './labels';
export * from './land';
export * from './list';
export * from './meetings';
export * from './mu';
export * from './navigation';
export * from './notifications';
export * from './opendata';
export * from './problems';
export * from './projects';
export * from './reference';
export * from './statistics';
export * from './statistics-reports';
export * from './system';
export * from './tickets';
export * from './tracking';
export * from './users';

import { z } from 'zod';

// Validation messages in Chinese on both sides (server error bodies, web form hints).
z.config(z.locales.zhCN());

export * from './campaigns';
export * from './evaluation';
