/** 三张清单 of a 结对共建 pairing. */
export enum PairingListType {
  Needs = 'needs',
  Resources = 'resources',
  Projects = 'projects',
}

export enum PairingItemStatus {
  Open = 'open',
  InProgress = 'in_progress',
  Done = 'done',
}

export interface CreatePairingRequest {
  communityId: number;
  note?: string;
}

export interface PairingDto {
  id: number;
  unitId: number;
  unitName: string;
  communityId: number;
  communityName: string;
  note: string | null;
  createdAt: string;
}

export interface CreatePairingItemRequest {
  listType: PairingListType;
  title: string;
  description?: string;
}

export interface UpdatePairingItemRequest {
  title?: string;
  description?: string;
  status?: PairingItemStatus;
}

export interface PairingItemDto {
  id: number;
  pairingId: number;
  listType: PairingListType;
  title: string;
  description: string | null;
  status: PairingItemStatus;
  createdByUserId: number;
  createdAt: string;
}

/** GET /api/pairings/:id/items */
export interface PairingItemListQuery {
  listType?: PairingListType;
}
