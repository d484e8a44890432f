/**
 * The HTTP client: JSON in and out, the page's language in Accept-Language (server messages come
 * back in it), and errors as ApiError with the server's code and message.
 */
import type {
  ImportConfirm,
  ImportPreview,
  ImportResult,
  ItemPatch,
  LeadUnitView,
  PlanListItem,
  PlanView,
  TaskPatch,
  Unit,
} from '@shared/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let language = 'vi';
export function setApiLanguage(lang: string): void {
  language = lang;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        'accept-language': language,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      language === 'en' ? 'Cannot reach the server' : 'Không kết nối được máy chủ',
    );
  }
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
  const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
  throw new ApiError(status, error?.code ?? 'HTTP_' + status, error?.message ?? `HTTP ${status}`);
}

export const api = {
  plans: () => request<PlanListItem[]>('GET', '/api/plans'),
  plan: (id: number) => request<PlanView>('GET', `/api/plans/${id}`),
  patchItem: (planId: number, itemId: number, patch: ItemPatch) =>
    request<PlanView>('PATCH', `/api/plans/${planId}/items/${itemId}`, patch),
  patchTask: (planId: number, itemId: number, patch: TaskPatch) =>
    request<PlanView>('PATCH', `/api/plans/${planId}/items/${itemId}/task`, patch),
  ensureUnit: (planId: number, name: string) => request<Unit>('POST', `/api/plans/${planId}/units`, { name }),
  leadUnit: (planId: number, unitId: number) =>
    request<LeadUnitView>('GET', `/api/plans/${planId}/units/${unitId}`),
  confirmImport: (token: string, choice: ImportConfirm) =>
    request<ImportResult>('POST', `/api/imports/${token}/confirm`, choice),
  exportUrl: (planId: number, format: 'xlsx' | 'docx') => `/api/plans/${planId}/export/${format}`,
};

/** Uploads a file for preview, reporting upload progress (fetch cannot). */
export function uploadForPreview(file: File, onProgress: (percent: number) => void): Promise<ImportPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader('accept-language', language);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        resolve(readResponse<ImportPreview>(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          0,
          'NETWORK',
          language === 'en' ? 'Cannot reach the server' : 'Không kết nối được máy chủ',
        ),
      );
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
