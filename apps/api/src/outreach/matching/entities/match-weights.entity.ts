import type { MatchWeights } from '@sbd/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn } from '../../../platform/database/column-types';

/** A community's own weights for the matching score. */
@Entity('matching_weights')
export class MatchWeightsEntity {
  @PrimaryColumn({ name: 'community_id', type: 'integer' })
  communityId: number;

  @Column({ type: 'simple-json' })
  weights: Partial<MatchWeights>;

  @Column({ name: 'updated_by_id', type: 'integer' })
  updatedById: number;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
