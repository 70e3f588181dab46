/**
 * Personal numbers (phone, ID number) are masked in every response except to their owner. Staff
 * whose work needs the full number ask for it with a reason (查看完整号码); each reveal is audited.
 */

/** What holds the number. */
export enum PiiObjectType {
  /** A need's contact phone (需求分拣). */
  Need = 'need',
  /** A member's registration (报到): phone or ID number. */
  Registration = 'registration',
  /** A member called up by an emergency call-up (应急召集): their phone; name them with memberUserId. */
  Callup = 'callup',
}

/** Which number. */
export enum PiiField {
  Phone = 'phone',
  IdNumber = 'idNumber',
  ContactPhone = 'contactPhone',
}

/** The fields each kind of object can reveal. */
export const PII_FIELDS: Record<PiiObjectType, readonly PiiField[]> = {
  [PiiObjectType.Need]: [PiiField.ContactPhone],
  [PiiObjectType.Registration]: [PiiField.Phone, PiiField.IdNumber],
  [PiiObjectType.Callup]: [PiiField.Phone],
};

export const PII_REVEAL_REASON_MAX = 200;

/** POST /api/pii-reveals */
export interface PiiRevealRequest {
  objectType: PiiObjectType;
  objectId: number;
  field: PiiField;
  /** For a call-up: the member whose phone is wanted. */
  memberUserId?: number;
  /** Why the full number is needed (recorded in the audit log). */
  reason: string;
}

export interface PiiRevealDto {
  objectType: PiiObjectType;
  objectId: number;
  field: PiiField;
  memberUserId: number | null;
  /** The full number. */
  value: string;
  revealedAt: string;
}

/** GET /api/callups/:id/muster.xlsx: phones are masked unless a reason is given (audited). */
export interface MusterExportQuery {
  reason?: string;
}
