import type { SaveCalendarYearBody } from '@groundbreak/contract';
import { calendarYearResponse, calendarYearsResponse, workingDueResponse } from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../lib/http';

const calendarKeys = {
  years: ['calendar', 'years'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  due: (from: string, days: number) => ['calendar', 'due', from, days] as const,
};

/** GET /api/calendar/years: configured years and the warnings for this year and the next. */
export function useCalendarYears() {
  return useQuery({
    queryKey: calendarKeys.years,
    queryFn: ({ signal }) => http.get('/api/calendar/years', { signal, schema: calendarYearsResponse }),
  });
}

/** GET /api/calendar/years/:year: the year's holidays and 调休 working weekends. */
export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: calendarKeys.year(year),
    queryFn: ({ signal }) =>
      http.get(`/api/calendar/years/${year}`, { signal, schema: calendarYearResponse }),
  });
}

/** PUT /api/calendar/years/:year (system administrator): the whole year at once. */
export function useSaveCalendarYear(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveCalendarYearBody) =>
      http.put(`/api/calendar/years/${year}`, { body, schema: calendarYearResponse }),
    onSuccess: (data) => {
      queryClient.setQueryData(calendarKeys.year(year), data);
      void queryClient.invalidateQueries({ queryKey: calendarKeys.years });
      void queryClient.invalidateQueries({ queryKey: ['calendar', 'due'] });
    },
  });
}

/** GET /api/calendar/due: `days` working days after `from`. */
export function useWorkingDue(from: string | null, days: number | null) {
  return useQuery({
    queryKey: calendarKeys.due(from ?? '', days ?? 0),
    enabled: from !== null && days !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      http.get('/api/calendar/due', {
        signal,
        query: { from: from ?? '', days: String(days ?? 0) },
        schema: workingDueResponse,
      }),
  });
}
