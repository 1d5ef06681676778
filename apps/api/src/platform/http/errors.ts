import type { ErrorCode } from '@opendmv/contracts';

/** The one error the application throws on purpose. Mapped to HTTP and localized in one place. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: { field: string; message: string }[],
    readonly detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (what?: string) => new AppError('NOT_FOUND', undefined, what);
export const forbidden = () => new AppError('FORBIDDEN');
