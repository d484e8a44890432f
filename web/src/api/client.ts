/**
 * The HTTP client: JSON in and out, the page's language in Accept-Language (server messages come
 * back in it), and errors as ApiError with the server's code and message.
 */
import type {
  AdminUser,
  AuditEntryView,
  AuditPage,
  BackupInfo,
  CriterionPatch,
  Crosswalk,
  CrosswalkConfirm,
  FrameworkCreated,
  FrameworkDiff,
  FrameworkImportConfirm,
  FrameworkImportPreview,
  FrameworkImportResult,
  FrameworkState,
  FrameworkSummary,
  FrameworkView,
  Me,
  NewUser,
  Role,
  SameNameUnit,
  UnitNode,
  UnitPatch,
  ImportConfirm,
  ImportPreview,
  ImportResult,
  ItemPatch,
  LeadUnitView,
  PlanListChoices,
  SubjectChoices,
  PlanListItem,
  PlanEdit,
  PlanView,
  TaskPatch,
  Unit,
  LastYearView,
  LineageListResult,
  UnitEventInput,
  UnitEventView,
  UnitLineage,
} from '@shared/api';
import type { NotificationList, ReminderResult, UnreadCount } from '@shared/api';
import { format, pick, type Lang } from '../i18n/i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** the server's `error.details` (a stale row's current state, the lists of a refusal) */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The text to show for a failed call: the server's message (already in the page's language). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let language: Lang = 'vi';
export function setApiLanguage(lang: string): void {
  language = lang === 'en' ? 'en' : 'vi';
}

/** The session's CSRF token: sent with every request that changes something. */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (the page shows the sign-in form). */
let onSignedOut: () => void = () => undefined;
export function setSignedOutHandler(handler: () => void): void {
  onSignedOut = handler;
}

function headersFor(method: string, json: boolean): Record<string, string> {
  return {
    accept: 'application/json',
    'accept-language': language,
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  };
}

export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  onHeaders?: (headers: Headers) => void,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: headersFor(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', pick(language, 'networkError'));
  }
  onHeaders?.(response.headers);
  return readResponse<T>(response.status, await response.text());
}

function readResponse<T>(status: number, text: string): T {
  let data: unknown = null;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: reported below with the status
  }
  if (status >= 200 && status < 300) return data as T;
  const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (status === 401 && error?.code === 'UNAUTHENTICATED') onSignedOut();
  const fallback = format(pick(language, 'serverError'), { status });
  throw new ApiError(status, error?.code ?? 'HTTP_' + status, error?.message ?? fallback, error?.details);
}

export const api = {
  me: () => request<Me>('GET', '/api/auth/me'),
  login: (username: string, password: string) =>
    request<Me>('POST', '/api/auth/login', { username, password }),
  logout: () => request<{ ok: boolean }>('POST', '/api/auth/logout', {}),
  changePassword: (current: string, next: string) =>
    request<{ ok: boolean }>('POST', '/api/auth/password', { current, next }),
  roles: () => request<Role[]>('GET', '/api/roles'),
  users: () => request<AdminUser[]>('GET', '/api/users'),
  createUser: (input: NewUser) =>
    request<{ user: AdminUser; password: string | null }>('POST', '/api/users', input),
  updateUser: (id: number, patch: { displayName?: string; email?: string | null; disabled?: boolean }) =>
    request<{ ok: boolean }>('PATCH', `/api/users/${id}`, patch),
  grant: (userId: number, role: string, unitId: number | null) =>
    request<{ ok: boolean }>('POST', `/api/users/${userId}/grants`, { role, unitId }),
  revoke: (userId: number, grantId: number) =>
    request<{ ok: boolean }>('DELETE', `/api/users/${userId}/grants/${grantId}`),
  resetPassword: (userId: number) =>
    request<{ password: string }>('POST', `/api/users/${userId}/password-reset`, {}),
  units: () => request<UnitNode[]>('GET', '/api/units'),
  sameNameUnits: (name: string, except: number | null) =>
    request<SameNameUnit[]>(
      'GET',
      `/api/units/same-name?${new URLSearchParams({ name, ...(except ? { except: String(except) } : {}) }).toString()}`,
    ),
  createUnit: (input: { name: string; kind: string; parentId: number | null }) =>
    request<UnitNode>('POST', '/api/units', input),
  updateUnit: (id: number, patch: UnitPatch) => request<UnitNode>('PATCH', `/api/units/${id}`, patch),
  unitLineage: (id: number) => request<UnitLineage>('GET', `/api/units/${id}/lineage`),
  recordUnitEvent: (input: UnitEventInput) => request<UnitEventView>('POST', '/api/unit-events', input),
  lastYear: (id: number, year: number) =>
    request<LastYearView>('GET', `/api/units/${id}/last-year?year=${year}`),
  recordLastYear: (
    id: number,
    input: { year: number; rule: 'largest' | 'average' | 'entered'; value: string | null },
  ) => request<LastYearView>('PUT', `/api/units/${id}/last-year`, input),
  audit: (query: URLSearchParams) => request<AuditPage>('GET', `/api/audit?${query.toString()}`),
  auditExportUrl: (query: URLSearchParams) => `/api/audit/export?${query.toString()}`,
  history: (planId: number, itemId: number) =>
    request<AuditEntryView[]>('GET', `/api/plans/${planId}/items/${itemId}/history`),
  plans: () => request<PlanListItem[]>('GET', '/api/plans'),
  // the choices of the list's year filter: the years of the plans the reader may see
  planChoices: (archived: boolean) =>
    request<PlanListChoices>('GET', `/api/plans/choices${archived ? '?archived=1' : ''}`),
  // the list's unit filter: a page of the units whose name holds q, or the one unit of that id
  subjectChoices: (query: { q?: string; id?: number; archived: boolean }) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.id !== undefined) params.set('id', String(query.id));
    if (query.archived) params.set('archived', '1');
    return request<SubjectChoices>('GET', `/api/plans/choices/units?${params.toString()}`);
  },
  // a page of the list searched and filtered by the server (q, year, unit, hasErrors, overdue,
  // archived, limit, offset) and how many plans match in all
  plansPage: async (query: URLSearchParams) => {
    let total = 0;
    const items = await request<PlanListItem[]>('GET', `/api/plans?${query.toString()}`, undefined, (h) => {
      total = Number(h.get('x-total-count') ?? 0);
    });
    return { items, total };
  },
  plan: (id: number) => request<PlanView>('GET', `/api/plans/${id}`),
  archivePlan: (id: number, archived: boolean) =>
    request<PlanView>('PATCH', `/api/plans/${id}`, { archived }),
  deletePlan: (id: number, confirm: string) =>
    request<{ ok: boolean }>('DELETE', `/api/plans/${id}`, { confirm }),
  patchItem: (planId: number, itemId: number, patch: ItemPatch) =>
    request<PlanEdit>('PATCH', `/api/plans/${planId}/items/${itemId}`, patch),
  patchTask: (planId: number, itemId: number, patch: TaskPatch) =>
    request<PlanView>('PATCH', `/api/plans/${planId}/items/${itemId}/task`, patch),
  adoptSums: (planId: number, version: number, key: string | null) =>
    request<PlanView>('POST', `/api/plans/${planId}/findings/adopt-sum`, { version, key }),
  acknowledgeFinding: (planId: number, version: number, key: string, note: string) =>
    request<PlanView>('POST', `/api/plans/${planId}/findings/acknowledge`, { version, key, note }),
  ensureUnit: (planId: number, name: string) => request<Unit>('POST', `/api/plans/${planId}/units`, { name }),
  leadUnit: (planId: number, unitId: number) =>
    request<LeadUnitView>('GET', `/api/plans/${planId}/units/${unitId}`),
  confirmImport: (token: string, choice: ImportConfirm) =>
    request<ImportResult>('POST', `/api/imports/${token}/confirm`, choice),
  exportUrl: (planId: number, format: 'xlsx' | 'docx') => `/api/plans/${planId}/export/${format}`,
  backupInfo: () => request<BackupInfo>('GET', '/api/admin/backup'),
  frameworks: (filter: { group?: string; year?: number; state?: FrameworkState } = {}) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filter))
      if (value !== undefined) query.set(name, String(value));
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return request<FrameworkSummary[]>('GET', `/api/frameworks${suffix}`);
  },
  framework: (id: number) => request<FrameworkView>('GET', `/api/frameworks/${id}`),
  patchCriterion: (id: number, criterionId: number, patch: CriterionPatch) =>
    request<FrameworkView>('PATCH', `/api/frameworks/${id}/criteria/${criterionId}`, patch),
  publishFramework: (id: number) => request<FrameworkView>('POST', `/api/frameworks/${id}/publish`, {}),
  newFrameworkVersion: (id: number) =>
    request<FrameworkCreated>('POST', `/api/frameworks/${id}/versions`, {}),
  copyFrameworkToNextYear: (id: number) =>
    request<FrameworkCreated>('POST', `/api/frameworks/${id}/next-year`, {}),
  frameworkDiff: (id: number) => request<FrameworkDiff>('GET', `/api/frameworks/${id}/diff`),
  crosswalk: (id: number) => request<Crosswalk>('GET', `/api/frameworks/${id}/crosswalk`),
  proposeCrosswalk: (id: number) => request<Crosswalk>('POST', `/api/frameworks/${id}/crosswalk/propose`, {}),
  confirmCrosswalk: (id: number, body: CrosswalkConfirm) =>
    request<Crosswalk>('POST', `/api/frameworks/${id}/crosswalk/confirm`, body),
  confirmFrameworkImport: (token: string, body: FrameworkImportConfirm) =>
    request<FrameworkImportResult>('POST', `/api/frameworks/imports/${token}/confirm`, body),
  notifications: () => request<NotificationList>('GET', '/api/notifications'),
  readNotification: (id: number) => request<UnreadCount>('POST', `/api/notifications/${id}/read`, {}),
  readAllNotifications: () => request<UnreadCount>('POST', '/api/notifications/read-all', {}),
  remind: (roundId: number, unitIds?: number[]) =>
    request<ReminderResult>('POST', `/api/rounds/${roundId}/reminders`, unitIds ? { unitIds } : {}),
  /** the progress report of the plan, or of one lead unit; `asOf` as yyyy-mm-dd */
  reportUrl: (planId: number, format: 'xlsx' | 'docx', options: { unitId?: number; asOf?: string } = {}) => {
    const query = new URLSearchParams();
    if (options.unitId !== undefined) query.set('unit', String(options.unitId));
    if (options.asOf !== undefined) query.set('asOf', options.asOf);
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return `/api/plans/${planId}/report/${format}${suffix}`;
  },
};

/** A consistent copy of the database (POST: the server records it), as a file to save. */
export async function downloadBackup(): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch('/api/admin/backup', {
      method: 'POST',
      headers: headersFor('POST', true),
      body: '{}',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', pick(language, 'networkError'));
  }
  if (!response.ok) readResponse(response.status, await response.text());
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'parindex.sqlite';
  return { blob: await response.blob(), fileName };
}

/** Uploads a file for preview, reporting upload progress (fetch cannot). */
export function uploadForPreview(file: File, onProgress: (percent: number) => void): Promise<ImportPreview> {
  return upload<ImportPreview>('/api/imports', file, onProgress);
}

/** Uploads a framework document for preview, as a plan's. */
export function uploadFrameworkForPreview(
  file: File,
  onProgress: (percent: number) => void,
): Promise<FrameworkImportPreview> {
  return upload<FrameworkImportPreview>('/api/frameworks/imports', file, onProgress);
}

/** A JSON call for a feature's own API module (features/<feature>/api.ts). */
export function apiRequest<T>(method: string, url: string, body?: unknown): Promise<T> {
  return request<T>(method, url, body);
}

/** A multipart upload (the file after the text fields), reporting progress. */
export function uploadFile<T>(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  fields: Record<string, string> = {},
): Promise<T> {
  return upload<T>(url, file, onProgress, fields);
}

export function upload<T>(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  fields: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headersFor('POST', false))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(readResponse<T>(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', pick(language, 'networkError')));
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file);
    xhr.send(form);
  });
}

/** A list of reorganisations: previewed, or recorded all at once (confirm). */
export async function uploadUnitEvents(file: File, confirm: boolean): Promise<LineageListResult> {
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(`/api/unit-events/import?confirm=${confirm ? '1' : '0'}`, {
      method: 'POST',
      headers: headersFor('POST', false),
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', pick(language, 'networkError'));
  }
  return readResponse<LineageListResult>(response.status, await response.text());
}
