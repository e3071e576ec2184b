import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id parameters (OWASP's second recommended set: 19 MiB, 2 passes). */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Staff passwords: argon2id hashes, and verification that never throws on a malformed hash. */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password).catch(() => false);
  }

  /** The same work as a real check, for an unknown username, so timing does not reveal which usernames exist. */
  async verifyDummy(password: string): Promise<void> {
    this.dummy ??= this.hash('not-a-real-password-Q1!');
    await this.verify(await this.dummy, password);
  }
}
