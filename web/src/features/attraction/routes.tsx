import type { RouteObject } from 'react-router';
import type { RouteHandle } from '../../layout/route-handle';

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

/** The pages of this feature inside the frame (router.tsx spreads them in). */
export const attractionRoutes: RouteObject[] = [];
void handle;
