import { z } from 'zod';
import { MENU_GROUPS } from './labels';

export const menuEntry = z.object({
  key: z.string(),
  group: z.enum(MENU_GROUPS),
  label: z.string(),
  path: z.string(),
  order: z.number().int(),
  /** True while the module behind the entry is not built yet: the page says so. */
  planned: z.boolean(),
  /** The action a user needs to see the entry; none: every signed-in user. */
  action: z.string().optional(),
});
export type MenuEntry = z.infer<typeof menuEntry>;

export const navigationResponse = z.object({
  groups: z.array(
    z.object({
      group: z.enum(MENU_GROUPS),
      label: z.string(),
      entries: z.array(menuEntry),
    }),
  ),
});
export type Navigation = z.infer<typeof navigationResponse>;

/** A to-do item on the 工作台: something the user must do, with its due date. */
export const todoItem = z.object({
  key: z.string(),
  module: z.string(),
  title: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  link: z.string(),
});
export type TodoItem = z.infer<typeof todoItem>;

export const workbenchResponse = z.object({
  asOf: z.string(),
  overdue: z.array(todoItem),
  dueSoon: z.array(todoItem),
  later: z.array(todoItem),
});
export type Workbench = z.infer<typeof workbenchResponse>;
