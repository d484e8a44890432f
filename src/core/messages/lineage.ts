/**
 * Why a reorganisation does not fit those recorded, in words: the same text for the error
 * LINEAGE_CONFLICT (errors.ts) and the finding 'lineage-conflict' of a list (core/findings.ts).
 * Its own file so that findings.ts takes these texts without a runtime cycle through errors.ts.
 */
/** Why a reorganisation does not fit those recorded (core/lineage.ts#LineageProblem), units by name. */
export type LineageConflict =
  | { problem: 'shape'; kind: string; from: number; to: number }
  | { problem: 'same-unit'; unit: string }
  | { problem: 'twice'; unit: string; kind: string; date: string | null }
  | { problem: 'cycle'; unit: string }
  | { problem: 'order'; unit: string; began: string }
  | { problem: 'ended'; unit: string; until: string };

/** "2025-06-30" → "30/06/2025" */
export const vnDate = (iso: string) => iso.split('-').reverse().join('/');

export const ENDED_VI: Record<string, string> = {
  dissolved: 'giải thể',
  merged: 'sáp nhập',
  renamed: 'đổi tên',
  split: 'chia tách',
  moved: 'chuyển đơn vị cấp trên',
};
export const ENDED_EN: Record<string, string> = {
  dissolved: 'dissolved',
  merged: 'merged',
  renamed: 'renamed',
  split: 'split',
  moved: 'moved',
};

/** How many units each side of an event takes, in words. */
const SHAPE_VI: Record<string, string> = {
  merged: 'sáp nhập: một hay nhiều đơn vị cũ, đúng một đơn vị mới',
  split: 'chia tách: đúng một đơn vị cũ, từ hai đơn vị mới',
  renamed: 'đổi tên: một đơn vị cũ, một đơn vị mới',
  moved: 'chuyển đơn vị cấp trên: một đơn vị, một đơn vị cấp trên mới',
  dissolved: 'giải thể: một hay nhiều đơn vị, không có đơn vị mới',
};
const SHAPE_EN: Record<string, string> = {
  merged: 'merged: one or more old units, exactly one new unit',
  split: 'split: exactly one old unit, two or more new units',
  renamed: 'renamed: one old unit, one new unit',
  moved: 'moved: one unit, one new parent',
  dissolved: 'dissolved: one or more units, no new unit',
};

export function lineageConflictVi(p: LineageConflict): string {
  switch (p.problem) {
    case 'shape':
      return `Sự kiện có ${p.from} đơn vị cũ và ${p.to} đơn vị mới; ${SHAPE_VI[p.kind] ?? p.kind}`;
    case 'same-unit':
      return `${p.unit} có mặt hai lần trong cùng một sự kiện`;
    case 'twice':
      return `${p.unit} đã ${ENDED_VI[p.kind] ?? p.kind}${p.date ? ` từ ngày ${vnDate(p.date)}` : ''}: một đơn vị chỉ kết thúc một lần`;
    case 'cycle':
      return `${p.unit} đã là đơn vị kế thừa của đơn vị mới: sự kiện này tạo vòng lặp`;
    case 'order':
      return `${p.unit} mới hình thành từ ngày ${vnDate(p.began)}: ngày của sự kiện phải sau ngày đó`;
    case 'ended':
      return `${p.unit} đã kết thúc hoạt động${p.until ? ` ngày ${vnDate(p.until)}` : ''}, trước ngày của sự kiện`;
  }
}

export function lineageConflictEn(p: LineageConflict): string {
  switch (p.problem) {
    case 'shape':
      return `The event has ${p.from} old and ${p.to} new units; ${SHAPE_EN[p.kind] ?? p.kind}`;
    case 'same-unit':
      return `${p.unit} appears twice in one event`;
    case 'twice':
      return `${p.unit} was already ${ENDED_EN[p.kind] ?? p.kind}${p.date ? ` on ${vnDate(p.date)}` : ''}: a unit ends once`;
    case 'cycle':
      return `${p.unit} already succeeds the new unit: the event would make a cycle`;
    case 'order':
      return `${p.unit} was formed on ${vnDate(p.began)}: the event must be dated after that`;
    case 'ended':
      return `${p.unit} ended${p.until ? ` on ${vnDate(p.until)}` : ''}, before the event's date`;
  }
}

const PROBLEMS: readonly string[] = ['shape', 'same-unit', 'twice', 'cycle', 'order', 'ended'];

/**
 * A conflict in words as a finding says it: its parameters come back as JSON (the web's preview), so a
 * problem this catalog does not know reads as the general sentence rather than nothing.
 */
export function lineageConflictText(p: LineageConflict, lang: 'vi' | 'en'): string {
  if (!PROBLEMS.includes((p as { problem?: unknown }).problem as string)) {
    return lang === 'vi'
      ? 'Sự kiện không khớp với các lần sắp xếp đã ghi nhận'
      : 'The event does not fit the reorganisations recorded';
  }
  return lang === 'vi' ? lineageConflictVi(p) : lineageConflictEn(p);
}
