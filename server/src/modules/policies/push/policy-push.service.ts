import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PolicyAudienceResponse, PushProgress } from '@qsgj/shared/contracts';
import { shanghaiDay } from '@qsgj/shared/rules';
import { notFound } from '../../../common/errors/app-exception';
import { OutboxStatus } from '../../notifications/notification-outbox.entity';
import { PolicyEntity } from '../policy.entity';
import { PolicyPushRepository } from './policy-push.repository';
import { PolicyPushWorker } from './policy-push.worker';

/**
 * Policy push (政策直达): the publish transaction writes the push job (`enqueue`); PolicyPushWorker fans it out.
 * See docs/notifications.md, 「政策推送」.
 */
@Injectable()
export class PolicyPushService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: PolicyPushRepository,
    private readonly worker: PolicyPushWorker,
  ) {}

  /**
   * Called inside the publish transaction (with its manager), after the policy row is `published`. Writes a
   * push job for the policy unless one is already queued or running (then returns that one); null when
   * nobody is left to push it to (a re-publish reaching only users who already have it). The worker starts
   * once the transaction commits.
   */
  async enqueue(manager: EntityManager, policyId: string, actorId: string): Promise<PushProgress | null> {
    const active = await this.repo.activePushOf(manager, policyId);
    if (active) return this.progressOf(active, manager);
    if (!(await this.repo.anyAudience(manager, policyId, shanghaiDay(new Date())))) return null;
    // Two publishes at once: the unique index on the active push makes the second wait, then find the first.
    const pushId =
      (await this.repo.insertPush(manager, policyId, actorId)) ?? (await this.repo.activePushOf(manager, policyId));
    if (!pushId) return null;
    this.worker.wakeAfterCommit(manager);
    return this.progressOf(pushId, manager);
  }

  /** `GET /admin/pushes/:id`. */
  async progress(pushId: string): Promise<PushProgress> {
    return this.progressOf(pushId);
  }

  /** `GET /admin/policies/:id/audience`: who would receive it if published now (not those who already have it). */
  async audience(policyId: string): Promise<PolicyAudienceResponse> {
    const exists = await this.dataSource.getRepository(PolicyEntity).exists({ where: { id: policyId } });
    if (!exists) throw notFound();
    return this.repo.countAudience(policyId, shanghaiDay(new Date()));
  }

  /** The policy's latest push (AdminPolicyItem.lastPushId); null when it was never pushed. */
  async lastPushIdOf(policyId: string, manager?: EntityManager): Promise<string | null> {
    return (await this.repo.lastPushIds([policyId], manager)).get(policyId) ?? null;
  }

  /** The latest push of each policy, for a list (policies never pushed are absent). */
  lastPushIdsOf(policyIds: string[], manager?: EntityManager): Promise<Map<string, string>> {
    return this.repo.lastPushIds(policyIds, manager);
  }

  private async progressOf(pushId: string, manager?: EntityManager): Promise<PushProgress> {
    const row = await this.repo.progress(pushId, manager);
    if (!row) throw notFound();
    const outbox = await this.repo.outboxCounts(pushId, manager);
    const count = (status: OutboxStatus) => outbox.get(status) ?? 0;
    return {
      id: row.id,
      policyId: row.policy_id,
      policyTitle: row.policy_title,
      status: row.status,
      targeted: Number(row.targeted),
      inboxWritten: Number(row.inbox_written),
      sent: count(OutboxStatus.SENT),
      skipped: count(OutboxStatus.SKIPPED) + Number(row.not_granted),
      failed: count(OutboxStatus.FAILED),
      pending: count(OutboxStatus.PENDING) + count(OutboxStatus.SENDING),
      createdAt: new Date(row.created_at).toISOString(),
      finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    };
  }
}
