import type { CallupDto, CallupResponse, CreateCallupRequest } from '@sbd/contracts';
import { STORAGE_KEYS } from '../config';
import { api, request } from './request';
import { readJson, writeJson } from './storage';

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

/** The muster list (花名册) as bytes; the endpoint needs the Authorization header. */
export function musterXlsx(id: number): Promise<ArrayBuffer> {
  return request<ArrayBuffer>(`/api/callups/${id}/muster.xlsx`, { responseType: 'arraybuffer', timeout: 30_000 });
}

/**
 * The API lists call-ups addressed to a member (GET /api/callups/mine) but none for the staff who
 * started them, so this device remembers the ids it created (newest first, at most 10).
 */
export function rememberCallup(id: number): void {
  const ids = readJson<number[]>(STORAGE_KEYS.callups) ?? [];
  writeJson(STORAGE_KEYS.callups, [id, ...ids.filter((x) => x !== id)].slice(0, 10));
}

export function rememberedCallups(): number[] {
  const ids = readJson<number[]>(STORAGE_KEYS.callups);
  return Array.isArray(ids) ? ids.filter((x) => Number.isInteger(x)) : [];
}
