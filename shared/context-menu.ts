/**
 * A context menu as the Electron host shows it natively: labels already translated (a disabled
 * item's reason is in its label: Linux and Windows menus have no tooltips), the point in the
 * window's coordinates. The main process answers with the chosen item's id, or null.
 */
import { z } from 'zod';

export const MAX_NATIVE_MENU_ITEMS = 64;

const nativeMenuItem = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('item'),
    id: z.string().min(1).max(64),
    label: z.string().min(1).max(300),
    enabled: z.boolean(),
    /** An Electron accelerator shown beside the label, never registered (the page handles the keys). */
    accelerator: z.string().max(40).optional(),
  }),
  z.object({ type: z.literal('separator') }),
]);

export const nativeMenuSchema = z.object({
  items: z.array(nativeMenuItem).min(1).max(MAX_NATIVE_MENU_ITEMS),
  x: z.number().int().min(0).max(100_000),
  y: z.number().int().min(0).max(100_000),
});

export type NativeMenu = z.infer<typeof nativeMenuSchema>;
export type NativeMenuItem = NativeMenu['items'][number];
