import {
  ROUTES,
  type CallupDto,
  type CallupResponse,
  type CreateCallupRequest,
  type MusterExportQuery,
} from '@sbd/contracts';
import { downloadXlsx } from '@/platform/download';
import { call, callPath } from '@/platform/request';

export function myCallups(): Promise<CallupDto[]> {
  return call(ROUTES.callups.mine);
}

export function getCallup(id: number): Promise<CallupDto> {
  return call(ROUTES.callups.get, { params: { id } });
}

export function respondCallup(id: number, response: CallupResponse, etaMinutes?: number): Promise<CallupDto> {
  return call(ROUTES.callups.respond, {
    params: { id },
    body: { response, ...(etaMinutes !== undefined ? { etaMinutes } : {}) },
  });
}

export function createCallup(body: Omit<CreateCallupRequest, 'createTask'>): Promise<CallupDto> {
  return call(ROUTES.callups.create, { body, toast: false });
}

export function formGroups(id: number, groupSize: number): Promise<CallupDto> {
  return call(ROUTES.callups.groups, { params: { id }, body: { groupSize } });
}

export function closeCallup(id: number): Promise<CallupDto> {
  return call(ROUTES.callups.close, { params: { id } });
}

/** Call-ups issued for a node and below it, newest first (community, street, district staff). */
export function listCallups(scopeNodeId: number): Promise<CallupDto[]> {
  return call(ROUTES.callups.list, { query: { scopeNodeId } });
}

/**
 * The muster list (花名册): saved as a download on H5, opened in WeChat's document viewer on weapp.
 * Phones are masked unless a reason is given (full numbers, recorded in the audit log).
 */
export function saveMuster(id: number, reason?: string): Promise<boolean> {
  const query: MusterExportQuery | undefined = reason ? { reason } : undefined;
  return downloadXlsx({
    path: callPath(ROUTES.callups.muster, { id }),
    query: { ...query },
    filename: `花名册-${id}.xlsx`,
  });
}
