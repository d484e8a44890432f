/** The rounds' calls to the API (src/http/routes/rounds.ts), typed from the shared schemas. */
import type {
  Extension,
  ExtensionDecision,
  ExtensionRequest,
  RoundCreate,
  RoundList,
  RoundPatch,
  RoundView,
} from '@shared/api';
import { request } from '../../api/client';

export const roundsApi = {
  list: () => request<RoundList>('GET', '/api/rounds'),
  round: (id: number) => request<RoundView>('GET', `/api/rounds/${id}`),
  create: (input: RoundCreate) => request<RoundView>('POST', '/api/rounds', input),
  update: (id: number, patch: RoundPatch) => request<RoundView>('PATCH', `/api/rounds/${id}`, patch),
  askExtension: (id: number, unitId: number, body: ExtensionRequest) =>
    request<{ extension: Extension }>('POST', `/api/rounds/${id}/units/${unitId}/extensions`, body),
  decideExtension: (id: number, extensionId: number, body: ExtensionDecision) =>
    request<RoundView>('POST', `/api/rounds/${id}/extensions/${extensionId}`, body),
};
