import type { Stores } from '../../src/store/stores.js';

/** The stores the partner decisions (review, attribution, expiry) read and write. */
export type DecisionDeps = Pick<Stores, 'mirror' | 'relations' | 'decisions' | 'writeBack'>;
