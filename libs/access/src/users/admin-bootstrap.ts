import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, isUniqueViolation } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import { UsersService } from './users.service';

/** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when no admin exists yet. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(private readonly users: UsersService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword || (await this.users.adminExists())) return;
    try {
      await this.users.create(null, { email: adminEmail, name: 'Administrator', role: 'admin', password: adminPassword });
      this.logger.log(`created the first admin, ${adminEmail}`);
    } catch (error) {
      if (isUniqueViolation(error) || (error as { status?: number }).status === 409) return; // another process won the race
      throw error;
    }
  }
}
