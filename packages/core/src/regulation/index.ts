/**
 * The rulebook of Perbup Sambas 8/2016 as data (`RULEBOOK`), and the `Settings` for what the
 * regulation leaves open. The calendar (`@tenggat/core/calendar`) turns both into dated
 * instances.
 */
export { Basis, basisLabel, ObligationId } from "./ids.ts";
export * as Regulation from "./index.ts";
export {
  byId,
  Cadence,
  citation,
  DEFAULT_OFFSETS,
  Duty,
  Info,
  OfficeRef,
  ReportTier,
  RULEBOOK,
  Title,
} from "./rulebook.ts";
export {
  DEFAULTS,
  MonthDay,
  OfficialHoliday,
  Offsets,
  PlanPeriod,
  REPORT_TIERS,
  ReportDeadlines,
  Settings,
  type SettingsInput,
  settingsOf,
} from "./settings.ts";
