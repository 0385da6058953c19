import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, newId, Page, PageQuery, Transactions } from '@r2c/core';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CreateLibraryDto, LibraryView, toLibraryView, UpdateLibraryDto } from './library.dto';
import { Library } from './library.entity';

@Injectable()
export class LibrariesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  create(actor: Principal, dto: CreateLibraryDto): Promise<LibraryView> {
    return this.tx.run(async (em) => {
      const now = this.clock.now();
      const library: Library = { id: newId(), ...dto, createdAt: now, updatedAt: now };
      await em.insert(Library, library);
      await this.audit.record(em, actor, { action: 'create', entityType: 'library', entityId: library.id, after: toLibraryView(library) });
      return toLibraryView(library);
    });
  }

  async list(query: PageQuery): Promise<Page<LibraryView>> {
    const [items, total] = await this.dataSource
      .getRepository(Library)
      .findAndCount({ order: { name: 'ASC', id: 'ASC' }, take: query.limit, skip: query.offset });
    return { items: items.map(toLibraryView), total };
  }

  /** The library's IANA time zone (check-in due dates and exports count days in it); read in `em` when given. */
  async timezoneOf(libraryId: string, em: EntityManager = this.dataSource.manager): Promise<string> {
    return (await em.findOneOrFail(Library, { select: { id: true, timezone: true }, where: { id: libraryId } })).timezone;
  }

  /** Does a library of one of these names exist? (The demo seed refuses to run twice.) */
  anyNamed(names: string[]): Promise<boolean> {
    return this.dataSource.getRepository(Library).exists({ where: { name: In(names) } });
  }

  async get(id: string): Promise<LibraryView> {
    const library = await this.dataSource.getRepository(Library).findOne({ where: { id } });
    if (!library) throw new NotFoundException('No library with this id.');
    return toLibraryView(library);
  }

  update(actor: Principal, id: string, dto: UpdateLibraryDto): Promise<LibraryView> {
    return this.tx.run(async (em) => {
      const library = await em.findOne(Library, { where: { id } });
      if (!library) throw new NotFoundException('No library with this id.');
      const updated: Library = { ...library, ...dto, updatedAt: this.clock.now() };
      await em.update(Library, { id }, { ...dto, updatedAt: updated.updatedAt });
      await this.audit.record(em, actor, {
        action: 'update',
        entityType: 'library',
        entityId: id,
        before: toLibraryView(library),
        after: toLibraryView(updated),
      });
      return toLibraryView(updated);
    });
  }
}
