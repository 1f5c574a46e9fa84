import { workbenchResponse } from '@groundbreak/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../lib/http';

export const workbenchKeys = { all: ['workbench'] as const };

/** The signed-in user's to-do items across modules, split by due date. */
export function useWorkbench() {
  return useQuery({
    queryKey: workbenchKeys.all,
    queryFn: ({ signal }) => http.get('/api/workbench', { signal, schema: workbenchResponse }),
  });
}
