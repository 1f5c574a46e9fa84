import { z } from 'zod';

/** Every error the API answers has this body. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  requestId: z.string(),
});

export type ErrorBody = z.infer<typeof errorBody>;
