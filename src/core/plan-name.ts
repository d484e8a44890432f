/**
 * The name a plan goes by where a person must type it (to delete it): its subject and year as the
 * plans list shows them, the same in either language ("Huyện Krông Nô 2023").
 */
export function planConfirmName(subject: string, year: number): string {
  return `${subject} ${year}`;
}

/** A typed confirmation matches without regard to case, Unicode form or runs of spaces. */
export function confirms(typed: string, expected: string): boolean {
  const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
  return fold(typed) === fold(expected);
}
