import { TaskKind, TaskStatus, TaskTarget } from '@sbd/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dateColumn, doubleColumn } from '../../../platform/database/column-types';

/** A service task published by a community (下单). */
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'community_id', type: 'integer' })
  communityId: number;

  /** Denormalised for the street part of the feed. */
  @Column({ name: 'street_id', type: 'integer', nullable: true })
  streetId: number | null;

  @Column({ type: 'varchar', length: 16 })
  kind: TaskKind;

  @Column({ type: 'varchar', length: 16 })
  target: TaskTarget;

  @Column({ type: 'varchar', length: 50 })
  title: string;

  @Column({ type: 'varchar', length: 2000 })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  status: TaskStatus;

  @Column({ type: 'integer' })
  capacity: number;

  /** Slots taken; changed only by conditional updates, always equal to the claimed rows. */
  @Column({ name: 'claimed_count', type: 'integer', default: 0 })
  claimedCount: number;

  @Column(dateColumn('starts_at'))
  startsAt: Date;

  @Column(dateColumn('ends_at'))
  endsAt: Date;

  /** Claims are accepted until this time (the task's start by default). */
  @Column(dateColumn('claim_deadline'))
  claimDeadline: Date;

  /** A claimed slot may be withdrawn until this many minutes before the start. */
  @Column({ name: 'withdraw_cutoff_minutes', type: 'integer' })
  withdrawCutoffMinutes: number;

  /** 岗位式: until then only members holding a required position may claim. */
  @Column(dateColumn('priority_until', true))
  priorityUntil: Date | null;

  /** Whether claims beyond capacity join a waitlist. */
  @Column({ type: 'boolean', default: true })
  waitlist: boolean;

  @Column({ type: 'varchar', length: 255 })
  place: string;

  @Column(doubleColumn('latitude'))
  latitude: number | null;

  @Column(doubleColumn('longitude'))
  longitude: number | null;

  @Column({ name: 'checkin_radius_m', type: 'integer' })
  checkinRadiusM: number;

  @Column({ name: 'points_per_hour', type: 'integer' })
  pointsPerHour: number;

  @Column({ name: 'points_minimum', type: 'integer' })
  pointsMinimum: number;

  @Column({ name: 'points_max', type: 'integer' })
  pointsMax: number;

  @Column({ name: 'required_skills', type: 'simple-json' })
  requiredSkills: string[];

  /** Secret of the rotating check-in code; never leaves the server except as codes. */
  @Column({ name: 'checkin_secret', type: 'varchar', length: 64, select: false })
  checkinSecret: string;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'created_by_id', type: 'integer' })
  createdById: number;

  @Column(dateColumn('published_at', true))
  publishedAt: Date | null;

  /** When the last slot was first taken (time from publishing to full). */
  @Column(dateColumn('filled_at', true))
  filledAt: Date | null;

  @Column(dateColumn('completed_at', true))
  completedAt: Date | null;

  @Column(dateColumn('created_at'))
  createdAt: Date;

  @Column(dateColumn('updated_at'))
  updatedAt: Date;
}
