import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, isUniqueViolation } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { UsersService } from './users.service';

export const INITIAL_ADMIN_FILE = 'initial-admin.txt';

/**
 * Makes sure someone can sign in on a fresh install (registered by the HTTP app only, not by CLI commands). With ADMIN_EMAIL/ADMIN_PASSWORD the first admin
 * is that account; without them, admin@localhost gets a random password written (never logged) to
 * DATA_DIR/initial-admin.txt, readable by the owner only.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.adminExists()) {
      const ignored = this.config.adminEmail && !(await this.users.anyWithEmail([this.config.adminEmail.toLowerCase()]));
      if (ignored)
        this.logger.warn(
          `ADMIN_EMAIL ${this.config.adminEmail} is not used: an admin already exists (the demo admin, when seed:demo ran first). Sign in as that admin, or add another with npm run cli -- create-admin.`,
        );
      return;
    }
    const given = this.config.adminEmail && this.config.adminPassword;
    const email = given ? this.config.adminEmail! : 'admin@localhost';
    const password = given ? this.config.adminPassword! : randomBytes(12).toString('base64url');
    try {
      await this.users.create(null, { email, name: 'Administrator', role: 'admin', password });
    } catch (error) {
      if (isUniqueViolation(error) || (error as { status?: number }).status === 409) return; // another process won the race
      throw error;
    }
    if (given) {
      this.logger.log(`created the first admin, ${email}`);
      return;
    }
    const file = join(this.config.dataDir, INITIAL_ADMIN_FILE);
    writeFileSync(
      file,
      `email: ${email}\npassword: ${password}\n\nChange it after signing in (PUT /api/v1/me/password {"currentPassword": "…", "newPassword": "…"}) and delete this file.\n`,
      { mode: 0o600 },
    );
    this.logger.warn(`created the first admin, ${email}; its password is in ${file}`);
  }
}
