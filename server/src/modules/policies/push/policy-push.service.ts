import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PushProgress } from '@qsgj/shared/contracts';

/**
 * Policy push (政策直达): the publish transaction writes the push job; workers fan it out. STUB — the push
 * helper replaces this body; the signature is the contract the policies service calls.
 */
@Injectable()
export class PolicyPushService {
  /**
   * Called inside the publish transaction (with its manager), after the policy row is `published`. Writes a
   * push job for the policy unless one is already queued or running; returns its progress (null: nothing new).
   */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  async enqueue(manager: EntityManager, policyId: string, actorId: string): Promise<PushProgress | null> {
    return null;
  }
}
