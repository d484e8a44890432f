/** Responses shared by the administration routes (accounts, units, audit trail). */
import { z } from 'zod';
import { ApiError } from '../../shared/api.js';

export const adminErrors = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  422: ApiError,
};
export const ok = z.object({ ok: z.boolean() });
