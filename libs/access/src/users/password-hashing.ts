import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword } from './passwords';

/**
 * argon2 runs on libuv's thread pool, which SQLite and the file system share (four threads by
 * default): at most two hashes at once leave the rest of the app its threads.
 */
export const MAX_CONCURRENT_HASHES = 2;
/** Past this many waiting, a request is refused at once rather than kept waiting for seconds. */
export const MAX_WAITING_HASHES = 32;

export class PasswordCheckBusy extends HttpException {
  constructor() {
    super({ message: 'The server is busy checking other passwords. Wait a few seconds and try again.' }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Every password hash and check of the process goes through here. */
@Injectable()
export class PasswordHashing {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  hash(plain: string): Promise<string> {
    return this.run(() => hashPassword(plain));
  }

  verify(hash: string | undefined, plain: string): Promise<boolean> {
    return this.run(() => verifyPassword(hash, plain));
  }

  /** Runs one hash or check when a slot is free; refuses with 429 when too many already wait. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < MAX_CONCURRENT_HASHES) this.running++;
    else if (this.waiting.length >= MAX_WAITING_HASHES) throw new PasswordCheckBusy();
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.running--;
    }
  }
}
