import type { zhCN } from './zh-CN.ts';

/** Turns the literal types of the zh-CN dictionary into the shape every dictionary must have. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof zhCN>;
