/**
 * `loading` of a button that sends a request: the spinner only after 300 ms. A quick answer then never
 * shows it, so the button neither flickers nor keeps a half-gone spinner whose "loading" label would
 * become part of the button's accessible name (antd leaves the icon mid-animation when loading ends
 * before it has appeared).
 */
export const BUTTON_LOADING = { delay: 300 } as const;
