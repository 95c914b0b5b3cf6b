import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'stations' })
export class StationEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  river: string;

  @Column({ type: 'double precision' })
  latitude: number;

  @Column({ type: 'double precision' })
  longitude: number;

  @Column({ name: 'warning_level_m', type: 'double precision' })
  warningLevelM: number;

  @Column({ name: 'danger_level_m', type: 'double precision' })
  dangerLevelM: number;
}
