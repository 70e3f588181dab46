/** The platform context's routes; see ./index.ts. */
import { route } from '../platform/route';
import type { AuditEventDto, AuditEventListQuery } from '../platform/audit';
import type { Page } from '../platform/errors';
import type { HealthDto } from '../platform/health';
import type { PiiRevealDto, PiiRevealRequest } from '../platform/privacy';

export const PLATFORM_ROUTES = {
  privacy: {
    /** 查看完整号码: the full number, for staff whose scope covers the object; audited. */
    reveal: route<PiiRevealRequest, never, PiiRevealDto>()('POST', '/api/pii-reveals'),
  },
  audit: {
    /** Read only: the audit log has no route that changes or deletes a row. */
    list: route<never, AuditEventListQuery, Page<AuditEventDto>>()('GET', '/api/audit-events'),
  },
  health: {
    live: route<never, never, HealthDto>()('GET', '/health/live'),
    ready: route<never, never, HealthDto>()('GET', '/health/ready'),
  },
} as const;
