import type { Messages } from './messages.ts';

/** English texts of the credentials screens. */
export const credentialsEn: Pick<Messages, 'credentials'> = {
  credentials: {
    entry: 'E-licence',
  },
};
