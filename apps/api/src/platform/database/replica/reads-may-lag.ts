import { SetMetadata } from '@nestjs/common';

export const READS_MAY_LAG = 'sbd:readsMayLag';

/**
 * Marks a GET route whose reads may lag behind the last writes by the replica's bound (the feed,
 * lists, dashboards, exports): with DATABASE_REPLICA_URL they go to the replica, unless the caller
 * wrote recently (read-routing.interceptor.ts). Without a replica it changes nothing.
 */
export const ReadsMayLag = (): MethodDecorator & ClassDecorator => SetMetadata(READS_MAY_LAG, true);
