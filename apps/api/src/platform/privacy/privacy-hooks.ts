import { Injectable } from '@nestjs/common';
import { PII_FIELDS, type PiiField, type PiiObjectType } from '@sbd/contracts';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { badRequest } from '../errors/app-errors';

/** Which number of which object a reveal asks for. */
export interface PiiTarget {
  objectId: number;
  field: PiiField;
  memberUserId: number | null;
}

/** A revealed number and the org node of the object that holds it (where its audit event belongs). */
export interface RevealedNumber {
  value: string;
  nodeId: number;
}

/**
 * Answers the full number, or throws: 404 when the object (or the number) does not exist, 403 when
 * the caller's roles and scope do not cover it. Only the staff who act on the object may reveal.
 */
export type PiiRevealer = (p: Principal, target: PiiTarget, m: EntityManager) => Promise<RevealedNumber>;

/** Runs inside the transaction that deletes an account; scrubs one context's copies of its data. */
export type AccountEraser = (m: EntityManager, userId: number) => Promise<void>;

/**
 * Privacy's extension points (dependency inversion): each context that keeps a copy of someone's
 * phone or ID number registers here, at start-up, how a full number is revealed (查看完整号码) and
 * how its copies are scrubbed when the account is deleted. The flow stays downward: contexts →
 * platform.
 */
@Injectable()
export class PrivacyHooks {
  private readonly revealers = new Map<PiiObjectType, PiiRevealer>();
  private readonly erasers: AccountEraser[] = [];

  revealWith(objectType: PiiObjectType, revealer: PiiRevealer): void {
    this.revealers.set(objectType, revealer);
  }

  onAccountDeleted(eraser: AccountEraser): void {
    this.erasers.push(eraser);
  }

  revealer(objectType: PiiObjectType, field: PiiField): PiiRevealer {
    const revealer = this.revealers.get(objectType);
    if (!revealer) throw badRequest('不支持查看该类记录的号码', 'objectType');
    if (!PII_FIELDS[objectType].includes(field)) throw badRequest('该记录没有这项号码', 'field');
    return revealer;
  }

  /** Every context's scrubbing, in the caller's transaction. */
  async eraseAccount(m: EntityManager, userId: number): Promise<void> {
    for (const erase of this.erasers) await erase(m, userId);
  }
}
