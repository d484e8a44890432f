/** Limits the server enforces and the page announces. */

/** A real appendix is well under 1 MB; this leaves room for pictures embedded in Word files. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${bytes / 1024 / 1024} MB`;
}
