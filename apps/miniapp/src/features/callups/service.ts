import type { CallupDto, CallupResponse, CreateCallupRequest } from '@sbd/contracts';
import { api } from '@/platform/request';

export function myCallups(): Promise<CallupDto[]> {
  return api.get<CallupDto[]>('/api/callups/mine');
}

export function getCallup(id: number): Promise<CallupDto> {
  return api.get<CallupDto>(`/api/callups/${id}`);
}

export function respondCallup(id: number, response: CallupResponse, etaMinutes?: number): Promise<CallupDto> {
  return api.post<CallupDto>(`/api/callups/${id}/respond`, { response, ...(etaMinutes !== undefined ? { etaMinutes } : {}) });
}

export function createCallup(body: Omit<CreateCallupRequest, 'createTask'>): Promise<CallupDto> {
  return api.post<CallupDto>('/api/callups', body, { toast: false });
}

export function formGroups(id: number, groupSize: number): Promise<CallupDto> {
  return api.post<CallupDto>(`/api/callups/${id}/groups`, { groupSize });
}

export function closeCallup(id: number): Promise<CallupDto> {
  return api.post<CallupDto>(`/api/callups/${id}/close`);
}


/** Call-ups issued for a node and below it, newest first (community, street, district staff). */
export function listCallups(scopeNodeId: number): Promise<CallupDto[]> {
  return api.get<CallupDto[]>('/api/callups', { query: { scopeNodeId } });
}
