import { Injectable } from '@nestjs/common';
import { baselineMedian, chartSignals } from '@r2c/charts';
import type { BaselineMedian, ChartSignal, SeriesPoint, SignalMarker } from '@r2c/charts';
import { EntityManager } from 'typeorm';
import { rawDate, rawJson } from '@r2c/core';

/** A run chart reads at most this many points per indicator: the latest ones. */
export const MAX_SERIES_POINTS = 200;

/** One indicator's run chart facts: its daily points, the median they are read against, and the signals they give. */
export interface IndicatorChart {
  initiativeId: string;
  indicatorId: string;
  points: SeriesPoint[];
  median: BaselineMedian;
  /** Labelled A1, A2 … in date order across the initiative's cycles, as the adaptation log numbers them. */
  markers: SignalMarker[];
  signals: ChartSignal[];
}

interface SeriesRow {
  initiative_id: string;
  indicator_id: string;
  day: unknown;
  mean: unknown;
  n: unknown;
}

/**
 * The measurements of indicators as run charts draw them: one point per indicator per observed day
 * (the day's mean, with n), every cycle and the open one included, aggregated by the database and
 * bounded to the latest 200 points per indicator — so reading a chart costs the same however much
 * evidence a pilot has logged. A fixed number of queries for any number of initiatives.
 */
@Injectable()
export class IndicatorSeriesReader {
  /** Daily points per indicator, oldest first, for the initiatives asked (optionally only up to a cycle of each). */
  async series(em: EntityManager, initiativeIds: string[], upToCycleNumber?: number): Promise<Map<string, SeriesPoint[]>> {
    const byIndicator = new Map<string, SeriesPoint[]>();
    if (!initiativeIds.length) return byIndicator;
    const rows = await em
      .createQueryBuilder()
      .select(['s.initiative_id AS initiative_id', 's.indicator_id AS indicator_id', 's.day AS day', 's.mean AS mean', 's.n AS n'])
      .from((daily) => {
        daily
          .select([
            'e.initiative_id AS initiative_id',
            'e.indicator_id AS indicator_id',
            'e.observed_on AS day',
            'AVG(e.value) AS mean',
            'COUNT(e.value) AS n',
            'ROW_NUMBER() OVER (PARTITION BY e.indicator_id ORDER BY e.observed_on DESC) AS recency',
          ])
          .from('evidence', 'e')
          .where("e.kind = 'measurement' AND e.value IS NOT NULL AND e.indicator_id IS NOT NULL")
          .andWhere('e.removed_at IS NULL')
          .andWhere('e.initiative_id IN (:...initiativeIds)', { initiativeIds });
        if (upToCycleNumber !== undefined)
          daily.andWhere('e.cycle_id IN (SELECT c.id FROM cycles c WHERE c.initiative_id IN (:...initiativeIds) AND c.number <= :upToCycleNumber)', {
            upToCycleNumber,
          });
        return daily.groupBy('e.initiative_id').addGroupBy('e.indicator_id').addGroupBy('e.observed_on');
      }, 's')
      .where('s.recency <= :max', { max: MAX_SERIES_POINTS })
      .orderBy('s.indicator_id', 'ASC')
      .addOrderBy('s.day', 'ASC')
      .getRawMany<SeriesRow>();
    for (const row of rows) {
      const points = byIndicator.get(row.indicator_id) ?? byIndicator.set(row.indicator_id, []).get(row.indicator_id)!;
      points.push({ day: rawDate(row.day)!, value: Math.round(Number(row.mean) * 100) / 100, n: Number(row.n) });
    }
    return byIndicator;
  }

  /**
   * Each indicator's chart: its points, the baseline median (the points before the first cycle's
   * adaptation when there are six, else all of them), the adaptations as markers, and the signals.
   * Up to a cycle, the points and the adaptations are those of the cycles up to it.
   */
  async charts(em: EntityManager, initiativeIds: string[], upToCycleNumber?: number): Promise<IndicatorChart[]> {
    if (!initiativeIds.length) return [];
    const [series, firstCycles, adaptations, indicators] = [
      await this.series(em, initiativeIds, upToCycleNumber),
      await em
        .createQueryBuilder()
        .select(['c.initiative_id AS initiative_id', 'c.adaptation AS adaptation'])
        .from('cycles', 'c')
        .where('c.initiative_id IN (:...initiativeIds) AND c.number = 1', { initiativeIds })
        .getRawMany<{ initiative_id: string; adaptation: unknown }>(),
      await em
        .createQueryBuilder()
        .select(['a.initiative_id AS initiative_id', 'a.made_on AS made_on'])
        .from('adaptations', 'a')
        .where('a.initiative_id IN (:...initiativeIds)', { initiativeIds })
        .andWhere(
          upToCycleNumber === undefined
            ? '1 = 1'
            : 'a.cycle_id IN (SELECT c.id FROM cycles c WHERE c.initiative_id IN (:...initiativeIds) AND c.number <= :upToCycleNumber)',
          { initiativeIds, upToCycleNumber },
        )
        .orderBy('a.made_on', 'ASC')
        .addOrderBy('a.created_at', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .getRawMany<{ initiative_id: string; made_on: unknown }>(),
      await em
        .createQueryBuilder()
        .select(['x.id AS id', 'x.initiative_id AS initiative_id'])
        .from('indicators', 'x')
        .where('x.initiative_id IN (:...initiativeIds)', { initiativeIds })
        .orderBy('x.created_at', 'ASC')
        .addOrderBy('x.id', 'ASC')
        .getRawMany<{ id: string; initiative_id: string }>(),
    ];
    const adaptedOn = new Map(firstCycles.map((c) => [c.initiative_id, rawJson<{ implementedOn?: string }>(c.adaptation)?.implementedOn ?? null]));
    const markersOf = new Map<string, SignalMarker[]>();
    for (const a of adaptations) {
      const markers = markersOf.get(a.initiative_id) ?? markersOf.set(a.initiative_id, []).get(a.initiative_id)!;
      markers.push({ label: `A${markers.length + 1}`, madeOn: rawDate(a.made_on)! });
    }
    return indicators
      .filter((x) => series.has(x.id))
      .map((x) => {
        const points = series.get(x.id)!;
        const markers = markersOf.get(x.initiative_id) ?? [];
        const median = baselineMedian(points, adaptedOn.get(x.initiative_id) ?? null);
        return { initiativeId: x.initiative_id, indicatorId: x.id, points, median, markers, signals: chartSignals(points, median.median, markers) };
      });
  }
}
