import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, newId, Page, Transactions } from '@r2c/core';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { hashPassword } from './passwords';
import { CreateUserDto, toUserView, UpdateUserDto, UserListQuery, UserView } from './user.dto';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Principal | null, dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await hashPassword(dto.password);
    return this.tx.run(async (em) => {
      await this.assertEmailFree(em, dto.email);
      const now = this.clock.now();
      const user: User = { id: newId(), email: dto.email.toLowerCase(), name: dto.name, role: dto.role, passwordHash, active: true, createdAt: now, updatedAt: now };
      await em.insert(User, user);
      await this.audit.record(em, actor, { action: 'create', entityType: 'user', entityId: user.id, after: toUserView(user) });
      return toUserView(user);
    });
  }

  async list(query: UserListQuery): Promise<Page<UserView>> {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      where: query.role ? { role: query.role } : {},
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: users.map(toUserView), total };
  }

  async update(actor: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.tx.run(async (em) => {
      const user = await em.findOne(User, { where: { id } });
      if (!user) throw new NotFoundException('No user with this id.');
      if (actor.id === id && (dto.active === false || (dto.role && dto.role !== 'admin'))) {
        throw new ConflictException('You cannot deactivate yourself or remove your own admin role; ask another admin.');
      }
      const before = toUserView(user);
      const changes: Partial<User> = { updatedAt: this.clock.now() };
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.role !== undefined) changes.role = dto.role;
      if (dto.active !== undefined) changes.active = dto.active;
      if (passwordHash) changes.passwordHash = passwordHash;
      await em.update(User, { id }, changes);
      const after = toUserView({ ...user, ...changes });
      await this.audit.record(em, actor, { action: dto.active === false ? 'deactivate' : dto.active === true && !user.active ? 'activate' : 'update', entityType: 'user', entityId: id, before, after: { ...after, ...(passwordHash ? { passwordChanged: true } : {}) } });
      return after;
    });
  }

  findByEmailWithHash(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email: email.toLowerCase() }).getOne();
  }

  async adminExists(): Promise<boolean> {
    return (await this.dataSource.getRepository(User).count({ where: { role: 'admin' } })) > 0;
  }

  private async assertEmailFree(em: EntityManager, email: string): Promise<void> {
    if (await em.exists(User, { where: { email: email.toLowerCase() } })) {
      throw new ConflictException(`An account with the email ${email} already exists.`);
    }
  }
}
