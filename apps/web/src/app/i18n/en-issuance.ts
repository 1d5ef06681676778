import type { Messages } from './messages.ts';

/** English texts of the issuance screens. */
export const issuanceEn: Pick<Messages, 'issuance'> = {
  issuance: {
    entry: 'Documents',
  },
};
