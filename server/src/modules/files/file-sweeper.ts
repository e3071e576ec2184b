import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { FilesService } from './files.service';

/** How often each process sweeps unattached uploads (the first sweep a minute after start). */
export const FILE_SWEEP_EVERY_MS = 60 * 60 * 1000;
const FIRST_SWEEP_AFTER_MS = 60 * 1000;

/**
 * Runs `FilesService.sweepGarbage` on a timer in every process. Several processes may sweep at once:
 * each claims its rows with `SKIP LOCKED`, so no row is taken twice (see the method).
 */
@Injectable()
export class FileSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Files');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly files: FilesService) {}

  onApplicationBootstrap(): void {
    const tick = (next: number) => {
      this.timer = setTimeout(() => {
        this.sweep();
        tick(FILE_SWEEP_EVERY_MS);
      }, next);
      this.timer.unref();
    };
    tick(FIRST_SWEEP_AFTER_MS);
  }

  private sweep(): void {
    if (this.running) return;
    this.running = this.files
      .sweepGarbage()
      .then((n) => {
        if (n) this.logger.log({ swept: n }, 'Unattached uploads swept');
      })
      .catch((e: Error) => this.logger.warn({ reason: e.message }, 'Upload sweep failed; the next one retries'))
      .finally(() => (this.running = null));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
